package org.anju.protocol.modbus;

/** The four Modbus data tables, each with the function that reads it. */
public enum RegisterTable {
    COIL(FunctionCode.READ_COILS, true, true),
    DISCRETE_INPUT(FunctionCode.READ_DISCRETE_INPUTS, true, false),
    HOLDING_REGISTER(FunctionCode.READ_HOLDING_REGISTERS, false, true),
    INPUT_REGISTER(FunctionCode.READ_INPUT_REGISTERS, false, false);

    private final FunctionCode readFunction;
    private final boolean bit;
    private final boolean writable;

    RegisterTable(FunctionCode readFunction, boolean bit, boolean writable) {
        this.readFunction = readFunction;
        this.bit = bit;
        this.writable = writable;
    }

    public FunctionCode readFunction() {
        return readFunction;
    }

    /** Coils and discrete inputs hold single bits; the other two hold 16-bit registers. */
    public boolean isBit() {
        return bit;
    }

    public boolean isWritable() {
        return writable;
    }

    /** The largest quantity one read request may ask for (2000 bits, 125 registers). */
    public int maxReadQuantity() {
        return bit ? ModbusLimits.MAX_READ_BITS : ModbusLimits.MAX_READ_REGISTERS;
    }
}
