package org.anju.agent.gpio;

/**
 * The raw bits of one Wiegand transmission, first bit received as the most significant. Parity
 * and field layout (26-bit H10301, 34-bit H10306) are the Wiegand codec's business, not ours.
 */
public record WiegandFrame(int bitCount, long bits) {
    public WiegandFrame {
        if (bitCount < 1 || bitCount > 64) {
            throw new IllegalArgumentException("a Wiegand frame has 1..64 bits, not " + bitCount);
        }
    }

    /** Bit {@code i} in order of arrival (0 = first). */
    public int bit(int i) {
        return (int) (bits >>> (bitCount - 1 - i)) & 1;
    }
}
