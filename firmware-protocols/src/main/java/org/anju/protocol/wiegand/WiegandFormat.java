package org.anju.protocol.wiegand;

import java.util.Optional;

/**
 * The two open HID layouts readers send. Both are an even parity bit, a facility code, a 16-bit
 * card number and an odd parity bit; the leading parity covers the first half of the data bits,
 * the trailing one the second half.
 */
public enum WiegandFormat {
    /** 26 bits: facility 0-255, card 0-65535. */
    H10301(26, 8),
    /** 34 bits: facility 0-65535, card 0-65535. */
    H10306(34, 16);

    public static final int CARD_BITS = 16;

    private final int bits;
    private final int facilityBits;

    WiegandFormat(int bits, int facilityBits) {
        this.bits = bits;
        this.facilityBits = facilityBits;
    }

    public static Optional<WiegandFormat> ofLength(int bits) {
        for (WiegandFormat f : values()) {
            if (f.bits == bits) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public int bits() {
        return bits;
    }

    public int maxFacility() {
        return (1 << facilityBits) - 1;
    }

    /** Data bits under each parity bit: bits 1..half under the even one, half+1..2*half under the odd. */
    int half() {
        return (bits - 2) / 2;
    }
}
