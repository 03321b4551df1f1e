package org.anju.protocol.wiegand;

import java.util.Optional;

/**
 * Keypresses from a Wiegand keypad, one frame per key, in the two ways keypads send them: four
 * bits (the key's code) or eight bits (the code in the low nibble and its complement in the high
 * one, so a flipped bit is caught). Codes 0-9 are the digits, 10 is {@code *}, 11 is {@code #}.
 */
public final class WiegandKeys {
    private WiegandKeys() {
    }

    /** The key of a 4- or 8-bit frame (bit 0 first, as {@link WiegandCodec} numbers them); empty for anything else. */
    public static Optional<Character> decode(int bitCount, long value) {
        int code;
        if (bitCount == 4 && value >= 0 && value < 16) {
            code = (int) value;
        } else if (bitCount == 8 && value >= 0 && value < 256 && (value >>> 4) == (~value & 0x0F)) {
            code = (int) (value & 0x0F);
        } else {
            return Optional.empty();
        }
        if (code <= 9) {
            return Optional.of((char) ('0' + code));
        }
        return code == 10 ? Optional.of('*') : code == 11 ? Optional.of('#') : Optional.empty();
    }

    /** The frame a keypad sends for {@code key}, as bits in wire order. */
    public static boolean[] encode(char key, boolean eightBit) {
        int code = key == '*' ? 10 : key == '#' ? 11 : key - '0';
        if (code < 0 || code > 11) {
            throw new IllegalArgumentException("a keypad has 0-9, * and #, not " + key);
        }
        int value = eightBit ? (~code & 0x0F) << 4 | code : code;
        int n = eightBit ? 8 : 4;
        boolean[] bits = new boolean[n];
        for (int i = 0; i < n; i++) {
            bits[i] = (value >>> (n - 1 - i) & 1) != 0;
        }
        return bits;
    }
}
