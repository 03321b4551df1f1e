"""Encodes numbers into Modbus registers with pymodbus's BinaryPayloadBuilder (python3-pymodbus),
one request per line, for Anju's property tests of its decoder. Nothing here is Anju's.

A request is TYPE ORDER VALUE, and the answer the registers in decimal, space-separated:
  f32 big|little HEXBITS    the float32 with these IEEE bits (so no decimal text is parsed)
  u32 big|little N          unsigned 32-bit
  i32 big|little N          signed 32-bit
  u16 - N                   unsigned 16-bit
  i16 - N                   signed 16-bit
ORDER is the word order (big: high word first); bytes within a word are always big-endian.
Prints READY first.
"""
import struct
import sys

from pymodbus.constants import Endian
from pymodbus.payload import BinaryPayloadBuilder

print("READY", flush=True)
for line in sys.stdin:
    kind, order, value = line.split()
    builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big if order == "big" else Endian.Little)
    if kind == "f32":
        builder.add_32bit_float(struct.unpack(">f", bytes.fromhex(value))[0])
    elif kind == "u32":
        builder.add_32bit_uint(int(value))
    elif kind == "i32":
        builder.add_32bit_int(int(value))
    elif kind == "u16":
        builder.add_16bit_uint(int(value))
    else:
        builder.add_16bit_int(int(value))
    print(" ".join(str(r) for r in builder.to_registers()), flush=True)
