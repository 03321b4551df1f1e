package org.anju.agent.gpio;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Assembles Wiegand bits into frames. A reader pulses D0 for a 0 and D1 for a 1, a bit every
 * 1-2 ms, and says nothing between cards; so a frame ends when the line has been quiet for a gap
 * (25 ms by default, ten times the slowest bit interval).
 *
 * <p>Pure: timestamps come from the caller, who calls {@link #poll(long)} at {@link #deadline()}.
 * A frame longer than 64 bits is noise or a foreign format and is dropped whole.
 */
public final class WiegandBits {
    public static final long DEFAULT_GAP_NANOS = 25_000_000L;

    private final long gapNanos;
    private int count;
    private long bits;
    private boolean overflow;
    private long lastBitAt;

    public WiegandBits(long gapNanos) {
        if (gapNanos <= 0) {
            throw new IllegalArgumentException("the gap must be positive");
        }
        this.gapNanos = gapNanos;
    }

    /**
     * A bit arrived at {@code nanos}. If the gap before it had already ended a frame that was not
     * yet polled, that frame is returned (and this bit starts the next one).
     */
    public Optional<WiegandFrame> bit(int value, long nanos) {
        Optional<WiegandFrame> ended = poll(nanos);
        if (count == 64) {
            overflow = true;
        } else {
            bits = (bits << 1) | (value & 1);
        }
        count++;
        lastBitAt = nanos;
        return ended;
    }

    /** When the frame in progress ends if no bit comes; empty when idle. */
    public OptionalLong deadline() {
        return count == 0 ? OptionalLong.empty() : OptionalLong.of(lastBitAt + gapNanos);
    }

    /** The finished frame, if the line has been quiet for the gap by {@code nanos}. */
    public Optional<WiegandFrame> poll(long nanos) {
        if (count == 0 || nanos - lastBitAt < gapNanos) {
            return Optional.empty();
        }
        Optional<WiegandFrame> frame = overflow ? Optional.empty() : Optional.of(new WiegandFrame(count, bits));
        count = 0;
        bits = 0;
        overflow = false;
        return frame;
    }
}
