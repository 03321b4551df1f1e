package org.anju.protocol.modbus;

/**
 * Where one value lives in a device's register map and how to read it: physical value =
 * raw value x {@code scale}, in {@code unit}. Bit tables (coils, discrete inputs) use U16 and scale 1.
 */
public record RegisterSpec(String name, RegisterTable table, int address, DataType type, WordOrder order,
                           double scale, String unit, String meaning) {
    public RegisterSpec {
        if (address < 0 || address + type.words() - 1 > ModbusLimits.MAX_ADDRESS) {
            throw new IllegalArgumentException(name + ": address " + address + " outside 0-65535");
        }
        if (table.isBit() && type != DataType.U16) {
            throw new IllegalArgumentException(name + ": a " + table + " holds one bit, not " + type);
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(name + ": scale must be a finite non-zero number");
        }
    }

    /** The last address this value occupies. */
    public int lastAddress() {
        return address + type.words() - 1;
    }
}
