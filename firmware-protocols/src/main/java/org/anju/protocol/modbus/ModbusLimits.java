package org.anju.protocol.modbus;

/** Limits from the Modbus application protocol and the serial line specification. */
public final class ModbusLimits {
    public static final int MAX_READ_BITS = 2000;
    public static final int MAX_READ_REGISTERS = 125;
    public static final int MAX_WRITE_COILS = 1968;
    public static final int MAX_WRITE_REGISTERS = 123;
    public static final int BROADCAST_UNIT = 0;
    public static final int MIN_UNIT = 1;
    public static final int MAX_UNIT = 247;
    public static final int MAX_RTU_FRAME = 256;
    public static final int MAX_ADDRESS = 0xFFFF;

    private ModbusLimits() {
    }

    public static boolean isUnicastUnit(int unit) {
        return unit >= MIN_UNIT && unit <= MAX_UNIT;
    }
}
