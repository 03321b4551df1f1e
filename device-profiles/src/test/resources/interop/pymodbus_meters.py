"""Energy meters emulated with pymodbus (python3-pymodbus) from the makers' public register maps,
for Anju's interoperability tests. Nothing here is Anju's: the words are encoded by pymodbus.

usage: pymodbus_meters.py DEVICE
  unit 1: Chint DDSU666, float32 high word first, the same words in the holding (function 03) and
          input registers (04): 0x2000 U 229.8 V, 0x2002 I 3.21 A, 0x2004 P 0.735 kW,
          0x2006 Q 0.0626 kvar, 0x2008 S 0.7377 kVA, 0x200A PF 0.996, 0x200E F 50.0 Hz,
          0x4000 imported energy 1234.56 kWh, 0x400A exported energy 0 kWh
  unit 2: Hiking DDS238-2 ZN/S (second firmware version), holding registers: 0x0000 total energy
          123456 (0.01 kWh), 0x0008 export 0, 0x000A import 123456, 0x000C U 2298 (0.1 V),
          0x000D I 321 (0.01 A), 0x000E P 735 W, 0x000F Q 63 var, 0x0010 PF 996 (0.001),
          0x0011 F 5000 (0.01 Hz)
  unit 3: the same DDS238-2 seeing power flow back: P -288 W, Q -20 var
  unit 4: a second DDSU666 as unit 1, for a profile that reads it with the other function code
  unit 20: an 8-channel Modbus relay board (coils 0-7; the gateway's tests switch its sockets),
           channels 1-4 closed
Addresses outside the maps answer exception 02, as the meters' do. Prints READY once serving.
"""
import logging
import sys

from pymodbus.constants import Endian
from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.payload import BinaryPayloadBuilder
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer


def floats(start, values):
    builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big)
    for v in values:
        builder.add_32bit_float(v)
    return dict(enumerate(builder.to_registers(), start))


def ddsu666():
    words = {}
    words.update(floats(0x2000, [229.8, 3.21, 0.735, 0.0626, 0.7377, 0.996]))
    words.update(floats(0x200E, [50.0]))
    words.update(floats(0x4000, [1234.56]))
    words.update(floats(0x400A, [0.0]))
    return ModbusSlaveContext(hr=ModbusSparseDataBlock(dict(words)), ir=ModbusSparseDataBlock(dict(words)),
                              co=ModbusSparseDataBlock({}), di=ModbusSparseDataBlock({}), zero_mode=True)


def dds238(power, reactive):
    builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big)
    builder.add_32bit_uint(123456)      # 0x0000 total energy
    for _ in range(3):
        builder.add_32bit_uint(0)       # 0x0002-0x0007 (the first firmware's export and import)
    builder.add_32bit_uint(0)           # 0x0008 export energy
    builder.add_32bit_uint(123456)      # 0x000A import energy
    builder.add_16bit_uint(2298)        # 0x000C voltage
    builder.add_16bit_uint(321)         # 0x000D current
    builder.add_16bit_int(power)        # 0x000E active power
    builder.add_16bit_int(reactive)     # 0x000F reactive power
    builder.add_16bit_uint(996)         # 0x0010 power factor
    builder.add_16bit_uint(5000)        # 0x0011 frequency
    words = dict(enumerate(builder.to_registers(), 0))
    return ModbusSlaveContext(hr=ModbusSparseDataBlock(words), ir=ModbusSparseDataBlock({}),
                              co=ModbusSparseDataBlock({}), di=ModbusSparseDataBlock({}), zero_mode=True)


def relay_board():
    coils = {c: c < 4 for c in range(8)}
    return ModbusSlaveContext(co=ModbusSparseDataBlock(coils), di=ModbusSparseDataBlock({}),
                              hr=ModbusSparseDataBlock({}), ir=ModbusSparseDataBlock({}), zero_mode=True)


logging.basicConfig(level=logging.WARNING)
context = ModbusServerContext(slaves={1: ddsu666(), 2: dds238(735, 63), 3: dds238(-288, -20), 4: ddsu666(),
                                      20: relay_board()}, single=False)
print("READY", flush=True)
StartSerialServer(context=context, framer=ModbusRtuFramer, port=sys.argv[1], baudrate=9600, timeout=0.05)
