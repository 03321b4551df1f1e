"""An independent Modbus RTU slave (pymodbus) on a serial device, for Anju's interoperability tests.

usage: pymodbus_slave.py DEVICE UNIT
Holding registers 0..9 hold 100, 101, ... 109; input registers 0..9 hold 200..209;
coils 0..7 alternate on/off. Prints READY once the port is open.
"""
import logging
import sys

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer

device, unit = sys.argv[1], int(sys.argv[2])
logging.basicConfig(level=logging.WARNING)
store = ModbusSlaveContext(
    co=ModbusSequentialDataBlock(0, [i % 2 == 0 for i in range(8)]),
    di=ModbusSequentialDataBlock(0, [False] * 8),
    hr=ModbusSequentialDataBlock(0, [100 + i for i in range(10)]),
    ir=ModbusSequentialDataBlock(0, [200 + i for i in range(10)]),
    zero_mode=True,
)
context = ModbusServerContext(slaves={unit: store}, single=False)
print("READY", flush=True)
StartSerialServer(context=context, framer=ModbusRtuFramer, port=device, baudrate=9600, timeout=0.05)
