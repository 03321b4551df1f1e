package org.anju.protocol.wiegand;

import java.util.Optional;

import org.anju.protocol.wiegand.WiegandResult.Card;
import org.anju.protocol.wiegand.WiegandResult.Rejected;

/**
 * Decodes and encodes H10301 (26-bit) and H10306 (34-bit) Wiegand frames. Bits are numbered in
 * the order they arrive: bit 0 is the leading even parity bit. As a {@code long}, bit 0 is the
 * most significant of the {@code bitCount} low bits, which is how readers and panels print them.
 *
 * <p>Parity catches every error that flips an odd number of bits within one half (so every
 * single-bit error) and a frame of the wrong length. It cannot catch two flips within the same
 * half: that frame decodes to a different, valid card. Wiegand is identification, not
 * authentication.
 */
public final class WiegandCodec {

    private WiegandCodec() {
    }

    public static WiegandResult decode(boolean[] bits) {
        if (WiegandFormat.ofLength(bits.length).isEmpty()) {
            return lengthRejected(bits.length);
        }
        long value = 0;
        for (boolean bit : bits) {
            value = value << 1 | (bit ? 1 : 0);
        }
        return decode(bits.length, value);
    }

    public static WiegandResult decode(int bitCount, long value) {
        Optional<WiegandFormat> known = WiegandFormat.ofLength(bitCount);
        if (known.isEmpty()) {
            return lengthRejected(bitCount);
        }
        WiegandFormat format = known.get();
        int n = format.bits();
        if (value >>> n != 0) {
            return new Rejected("value 0x" + Long.toHexString(value) + " does not fit " + n + " bits");
        }
        int half = format.half();
        boolean evenFails = Long.bitCount(value >>> (half + 1)) % 2 != 0;
        boolean oddFails = Long.bitCount(value & ((1L << (half + 1)) - 1)) % 2 != 1;
        String even = "even parity over bits 1-" + half;
        String odd = "odd parity over bits " + (half + 1) + "-" + 2 * half;
        if (evenFails && oddFails) {
            return new Rejected(even + " and " + odd + " fail");
        }
        if (evenFails || oddFails) {
            return new Rejected((evenFails ? even : odd) + " fails");
        }
        long data = value >>> 1 & ((1L << 2 * half) - 1);
        return new Card(format, (int) (data >>> WiegandFormat.CARD_BITS), (int) (data & 0xFFFF));
    }

    /** The frame as bits in the order they go on the wire. */
    public static boolean[] encode(Card card) {
        long value = encodeValue(card);
        boolean[] bits = new boolean[card.format().bits()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (value >>> (bits.length - 1 - i) & 1) != 0;
        }
        return bits;
    }

    /** The frame as a number, bit 0 most significant. */
    public static long encodeValue(Card card) {
        int half = card.format().half();
        long data = (long) card.facility() << WiegandFormat.CARD_BITS | card.number();
        long evenParity = Long.bitCount(data >>> half) & 1;
        long oddParity = ~Long.bitCount(data & ((1L << half) - 1)) & 1;
        return evenParity << (2 * half + 1) | data << 1 | oddParity;
    }

    private static Rejected lengthRejected(int bitCount) {
        return new Rejected("26 or 34 bits expected, got " + bitCount);
    }
}
