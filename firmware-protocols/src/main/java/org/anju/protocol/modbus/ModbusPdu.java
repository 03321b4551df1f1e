package org.anju.protocol.modbus;

import java.util.List;
import java.util.Optional;

/**
 * A Modbus protocol data unit: what follows the unit address in an RTU frame. Requests go from
 * master to slave, responses back; the two single writes are echoed, so they are both.
 * Constructors enforce the specification's limits, so an instance always encodes to a legal PDU.
 */
public sealed interface ModbusPdu {

    /** The function byte as it goes on the wire (with 0x80 set for an exception response). */
    int functionByte();

    sealed interface Request extends ModbusPdu {
    }

    sealed interface Response extends ModbusPdu {
    }

    /** Function 01 to 04: read a run of coils, discrete inputs, holding or input registers. */
    record ReadRequest(FunctionCode function, int address, int quantity) implements Request {
        public ReadRequest {
            if (!function.isRead()) {
                throw new IllegalArgumentException(function + " is not a read function");
            }
            int max = function.readsBits() ? ModbusLimits.MAX_READ_BITS : ModbusLimits.MAX_READ_REGISTERS;
            checkRun(address, quantity, max);
        }

        public static ReadRequest of(RegisterTable table, int address, int quantity) {
            return new ReadRequest(table.readFunction(), address, quantity);
        }

        @Override
        public int functionByte() {
            return function.code();
        }
    }

    /** Function 05; the slave echoes it unchanged. */
    record WriteSingleCoil(int address, boolean on) implements Request, Response {
        public WriteSingleCoil {
            checkRun(address, 1, 1);
        }

        @Override
        public int functionByte() {
            return FunctionCode.WRITE_SINGLE_COIL.code();
        }
    }

    /** Function 06; the slave echoes it unchanged. */
    record WriteSingleRegister(int address, int value) implements Request, Response {
        public WriteSingleRegister {
            checkRun(address, 1, 1);
            checkRegister(value);
        }

        @Override
        public int functionByte() {
            return FunctionCode.WRITE_SINGLE_REGISTER.code();
        }
    }

    /** Function 15. */
    record WriteMultipleCoils(int address, List<Boolean> values) implements Request {
        public WriteMultipleCoils {
            values = List.copyOf(values);
            checkRun(address, values.size(), ModbusLimits.MAX_WRITE_COILS);
        }

        @Override
        public int functionByte() {
            return FunctionCode.WRITE_MULTIPLE_COILS.code();
        }
    }

    /** Function 16. */
    record WriteMultipleRegisters(int address, List<Integer> values) implements Request {
        public WriteMultipleRegisters {
            values = List.copyOf(values);
            checkRun(address, values.size(), ModbusLimits.MAX_WRITE_REGISTERS);
            values.forEach(ModbusPdu::checkRegister);
        }

        @Override
        public int functionByte() {
            return FunctionCode.WRITE_MULTIPLE_REGISTERS.code();
        }
    }

    /**
     * Answer to function 01 or 02. The wire carries whole bytes, so a decoded response holds a
     * multiple of eight bits; {@link #first(int)} cuts it to the quantity that was asked for.
     */
    record ReadBitsResponse(FunctionCode function, List<Boolean> bits) implements Response {
        public ReadBitsResponse {
            if (!function.readsBits()) {
                throw new IllegalArgumentException(function + " does not read bits");
            }
            bits = List.copyOf(bits);
            if (bits.isEmpty() || bits.size() > ModbusLimits.MAX_READ_BITS) {
                throw new IllegalArgumentException("a bit response carries 1 to 2000 bits, not " + bits.size());
            }
        }

        public List<Boolean> first(int quantity) {
            return bits.subList(0, Math.min(quantity, bits.size()));
        }

        @Override
        public int functionByte() {
            return function.code();
        }
    }

    /** Answer to function 03 or 04. */
    record ReadRegistersResponse(FunctionCode function, List<Integer> registers) implements Response {
        public ReadRegistersResponse {
            if (!function.isRead() || function.readsBits()) {
                throw new IllegalArgumentException(function + " does not read registers");
            }
            registers = List.copyOf(registers);
            if (registers.isEmpty() || registers.size() > ModbusLimits.MAX_READ_REGISTERS) {
                throw new IllegalArgumentException("a register response carries 1 to 125 registers, not "
                        + registers.size());
            }
            registers.forEach(ModbusPdu::checkRegister);
        }

        @Override
        public int functionByte() {
            return function.code();
        }
    }

    /** Answer to function 15 or 16: where the write went and how many items it wrote. */
    record WriteMultipleResponse(FunctionCode function, int address, int quantity) implements Response {
        public WriteMultipleResponse {
            if (function != FunctionCode.WRITE_MULTIPLE_COILS && function != FunctionCode.WRITE_MULTIPLE_REGISTERS) {
                throw new IllegalArgumentException(function + " is not a multiple write");
            }
            int max = function == FunctionCode.WRITE_MULTIPLE_COILS
                    ? ModbusLimits.MAX_WRITE_COILS : ModbusLimits.MAX_WRITE_REGISTERS;
            checkRun(address, quantity, max);
        }

        @Override
        public int functionByte() {
            return function.code();
        }
    }

    /**
     * An exception response: the request's function with 0x80 set and a code. The function is an
     * int because a slave answers ILLEGAL_FUNCTION to functions this codec does not know; the code
     * is an int because devices in the field send codes the specification has since retired.
     */
    record ExceptionResponse(int function, int code) implements Response {
        public ExceptionResponse {
            if (function < 1 || function > 0x7F) {
                throw new IllegalArgumentException("function must be 1-127, not " + function);
            }
            if (code < 0 || code > 0xFF) {
                throw new IllegalArgumentException("exception code must fit a byte, not " + code);
            }
        }

        public static ExceptionResponse of(int function, ExceptionCode code) {
            return new ExceptionResponse(function, code.code());
        }

        public Optional<ExceptionCode> exception() {
            return ExceptionCode.of(code);
        }

        @Override
        public int functionByte() {
            return function | 0x80;
        }
    }

    private static void checkRun(int address, int quantity, int max) {
        if (address < 0 || address > ModbusLimits.MAX_ADDRESS) {
            throw new IllegalArgumentException("address must be 0-65535, not " + address);
        }
        if (quantity < 1 || quantity > max) {
            throw new IllegalArgumentException("quantity must be 1-" + max + ", not " + quantity);
        }
        if (address + quantity > ModbusLimits.MAX_ADDRESS + 1) {
            throw new IllegalArgumentException("address " + address + " + quantity " + quantity + " runs past 65535");
        }
    }

    private static void checkRegister(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a register holds 0-65535, not " + value);
        }
    }
}
