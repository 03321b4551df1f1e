package org.anju.protocol.modbus;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadBitsResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRegistersResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleRegisters;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleResponse;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleCoil;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleRegister;

/** Encodes PDUs to bytes and decodes bytes to PDUs. No I/O, no state; never throws on input bytes. */
public final class ModbusPduCodec {
    private static final int COIL_ON = 0xFF00;

    private ModbusPduCodec() {
    }

    public static byte[] encode(ModbusPdu pdu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        out.write(pdu.functionByte());
        // Java 17 has no pattern switch; the sealed hierarchy keeps this chain complete.
        if (pdu instanceof ReadRequest r) {
            u16(out, r.address());
            u16(out, r.quantity());
        } else if (pdu instanceof WriteSingleCoil w) {
            u16(out, w.address());
            u16(out, w.on() ? COIL_ON : 0);
        } else if (pdu instanceof WriteSingleRegister w) {
            u16(out, w.address());
            u16(out, w.value());
        } else if (pdu instanceof WriteMultipleCoils w) {
            u16(out, w.address());
            u16(out, w.values().size());
            byte[] packed = pack(w.values());
            out.write(packed.length);
            out.writeBytes(packed);
        } else if (pdu instanceof WriteMultipleRegisters w) {
            u16(out, w.address());
            u16(out, w.values().size());
            out.write(w.values().size() * 2);
            w.values().forEach(v -> u16(out, v));
        } else if (pdu instanceof ReadBitsResponse r) {
            byte[] packed = pack(r.bits());
            out.write(packed.length);
            out.writeBytes(packed);
        } else if (pdu instanceof ReadRegistersResponse r) {
            out.write(r.registers().size() * 2);
            r.registers().forEach(v -> u16(out, v));
        } else if (pdu instanceof WriteMultipleResponse w) {
            u16(out, w.address());
            u16(out, w.quantity());
        } else if (pdu instanceof ExceptionResponse e) {
            out.write(e.code());
        }
        return out.toByteArray();
    }

    /** Decodes a PDU a master sent (what a slave reads). */
    public static PduDecoding decodeRequest(byte[] b, int off, int len) {
        if (len < 1) {
            return malformed(0, ExceptionCode.ILLEGAL_FUNCTION, "empty PDU");
        }
        int fc = b[off] & 0xFF;
        var function = FunctionCode.of(fc);
        if (function.isEmpty()) {
            return malformed(fc, ExceptionCode.ILLEGAL_FUNCTION, "function " + fc + " is not supported");
        }
        return switch (function.get()) {
            case READ_COILS, READ_DISCRETE_INPUTS, READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> {
                if (len != 5) {
                    yield lengthMismatch(fc, 5, len);
                }
                int address = u16(b, off + 1);
                int quantity = u16(b, off + 3);
                int max = function.get().readsBits() ? ModbusLimits.MAX_READ_BITS : ModbusLimits.MAX_READ_REGISTERS;
                PduDecoding bad = runProblem(fc, address, quantity, max);
                yield bad != null ? bad : decoded(new ReadRequest(function.get(), address, quantity));
            }
            case WRITE_SINGLE_COIL -> {
                if (len != 5) {
                    yield lengthMismatch(fc, 5, len);
                }
                int value = u16(b, off + 3);
                if (value != COIL_ON && value != 0) {
                    yield malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE,
                            String.format("coil value must be FF00 or 0000, not %04X", value));
                }
                yield decoded(new WriteSingleCoil(u16(b, off + 1), value == COIL_ON));
            }
            case WRITE_SINGLE_REGISTER -> len != 5 ? lengthMismatch(fc, 5, len)
                    : decoded(new WriteSingleRegister(u16(b, off + 1), u16(b, off + 3)));
            case WRITE_MULTIPLE_COILS, WRITE_MULTIPLE_REGISTERS -> decodeMultipleWrite(function.get(), b, off, len);
        };
    }

    private static PduDecoding decodeMultipleWrite(FunctionCode function, byte[] b, int off, int len) {
        int fc = function.code();
        if (len < 6) {
            return malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE, "write request shorter than its header");
        }
        int address = u16(b, off + 1);
        int quantity = u16(b, off + 3);
        int byteCount = b[off + 5] & 0xFF;
        boolean coils = function == FunctionCode.WRITE_MULTIPLE_COILS;
        PduDecoding bad = runProblem(fc, address, quantity,
                coils ? ModbusLimits.MAX_WRITE_COILS : ModbusLimits.MAX_WRITE_REGISTERS);
        if (bad != null) {
            return bad;
        }
        int expected = coils ? (quantity + 7) / 8 : quantity * 2;
        if (byteCount != expected || len != 6 + byteCount) {
            return malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE, "byte count " + byteCount + " with "
                    + (len - 6) + " data bytes does not fit quantity " + quantity + " (expected " + expected + ")");
        }
        if (coils) {
            return decoded(new WriteMultipleCoils(address, unpack(b, off + 6, byteCount).subList(0, quantity)));
        }
        return decoded(new WriteMultipleRegisters(address, registers(b, off + 6, quantity)));
    }

    /** Decodes a PDU a slave sent (what a master reads). */
    public static PduDecoding decodeResponse(byte[] b, int off, int len) {
        if (len < 2) {
            return malformed(len == 0 ? 0 : b[off] & 0x7F, ExceptionCode.ILLEGAL_DATA_VALUE, "response shorter than 2 bytes");
        }
        int fc = b[off] & 0xFF;
        if ((fc & 0x80) != 0) {
            if (len != 2 || fc == 0x80) {
                return malformed(fc & 0x7F, ExceptionCode.ILLEGAL_DATA_VALUE, "exception response must be 2 bytes");
            }
            return decoded(new ExceptionResponse(fc & 0x7F, b[off + 1] & 0xFF));
        }
        var function = FunctionCode.of(fc);
        if (function.isEmpty()) {
            return malformed(fc, ExceptionCode.ILLEGAL_FUNCTION, "function " + fc + " is not supported");
        }
        return switch (function.get()) {
            case READ_COILS, READ_DISCRETE_INPUTS -> {
                int byteCount = b[off + 1] & 0xFF;
                if (byteCount < 1 || byteCount > 250 || len != 2 + byteCount) {
                    yield malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE,
                            "byte count " + byteCount + " with " + (len - 2) + " data bytes");
                }
                yield decoded(new ReadBitsResponse(function.get(), unpack(b, off + 2, byteCount)));
            }
            case READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> {
                int byteCount = b[off + 1] & 0xFF;
                if (byteCount < 2 || byteCount > 250 || byteCount % 2 != 0 || len != 2 + byteCount) {
                    yield malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE,
                            "byte count " + byteCount + " with " + (len - 2) + " data bytes");
                }
                yield decoded(new ReadRegistersResponse(function.get(), registers(b, off + 2, byteCount / 2)));
            }
            case WRITE_SINGLE_COIL, WRITE_SINGLE_REGISTER -> decodeRequest(b, off, len);
            case WRITE_MULTIPLE_COILS, WRITE_MULTIPLE_REGISTERS -> {
                if (len != 5) {
                    yield lengthMismatch(fc, 5, len);
                }
                int address = u16(b, off + 1);
                int quantity = u16(b, off + 3);
                int max = function.get() == FunctionCode.WRITE_MULTIPLE_COILS
                        ? ModbusLimits.MAX_WRITE_COILS : ModbusLimits.MAX_WRITE_REGISTERS;
                PduDecoding bad = runProblem(fc, address, quantity, max);
                yield bad != null ? bad : decoded(new WriteMultipleResponse(function.get(), address, quantity));
            }
        };
    }

    static byte[] pack(List<Boolean> bits) {
        byte[] packed = new byte[(bits.size() + 7) / 8];
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i)) {
                packed[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return packed;
    }

    private static List<Boolean> unpack(byte[] b, int off, int byteCount) {
        List<Boolean> bits = new ArrayList<>(byteCount * 8);
        for (int i = 0; i < byteCount * 8; i++) {
            bits.add((b[off + i / 8] & (1 << (i % 8))) != 0);
        }
        return bits;
    }

    private static List<Integer> registers(byte[] b, int off, int count) {
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(u16(b, off + 2 * i));
        }
        return values;
    }

    /** A quantity out of range is exception 03; a run past the address space is 02 (specification 6.1-6.12). */
    private static PduDecoding runProblem(int fc, int address, int quantity, int max) {
        if (quantity < 1 || quantity > max) {
            return malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE, "quantity " + quantity + " is outside 1-" + max);
        }
        if (address + quantity > ModbusLimits.MAX_ADDRESS + 1) {
            return malformed(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS,
                    "address " + address + " + quantity " + quantity + " runs past 65535");
        }
        return null;
    }

    private static PduDecoding lengthMismatch(int fc, int expected, int actual) {
        return malformed(fc, ExceptionCode.ILLEGAL_DATA_VALUE,
                "function " + fc + " PDU is " + actual + " bytes, expected " + expected);
    }

    private static PduDecoding decoded(ModbusPdu pdu) {
        return new PduDecoding.Decoded(pdu);
    }

    private static PduDecoding malformed(int fc, ExceptionCode answer, String reason) {
        return new PduDecoding.Malformed(fc, answer, reason);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xFF);
    }
}
