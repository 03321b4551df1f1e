package org.anju.protocol.modbus;

import java.util.List;

/** How raw registers become a number. */
public enum DataType {
    U16(1), S16(1), U32(2), S32(2), FLOAT32(2);

    private final int words;

    DataType(int words) {
        this.words = words;
    }

    /** How many 16-bit registers one value takes. */
    public int words() {
        return words;
    }

    /** The raw (unscaled) value held by {@code words()} registers starting at {@code offset}. */
    public double decode(List<Integer> registers, int offset, WordOrder order) {
        if (words == 1) {
            int v = registers.get(offset);
            return this == S16 ? (short) v : v;
        }
        int first = registers.get(offset);
        int second = registers.get(offset + 1);
        int bits = order == WordOrder.HIGH_FIRST ? first << 16 | second : second << 16 | first;
        return switch (this) {
            case U32 -> Integer.toUnsignedLong(bits);
            case S32 -> bits;
            case FLOAT32 -> Float.intBitsToFloat(bits);
            default -> throw new IllegalStateException(name());
        };
    }

    /** The registers that hold {@code raw}, rounded to an integer for the integer types. */
    public List<Integer> encode(double raw, WordOrder order) {
        if (words == 1) {
            return List.of((int) Math.round(raw) & 0xFFFF);
        }
        int bits = this == FLOAT32 ? Float.floatToIntBits((float) raw) : (int) Math.round(raw);
        int high = bits >>> 16;
        int low = bits & 0xFFFF;
        return order == WordOrder.HIGH_FIRST ? List.of(high, low) : List.of(low, high);
    }
}
