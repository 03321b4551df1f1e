package org.anju.protocol.wiegand;

import java.time.Duration;
import java.util.Optional;

/**
 * Gathers the pulses of a Wiegand reader into frames. A reader pulls D0 low for a 0 bit and D1
 * for a 1 bit, a millisecond or two apart, and marks the end of a frame only by falling silent;
 * so a frame ends when no pulse came for {@code gap}. The caller passes timestamps (from
 * {@link System#nanoTime()} on a board, from a script in tests): no timers, no threads, so the
 * GPIO layer drives it and tests need no clock.
 *
 * <p>Synchronized, because GPIO libraries may call back for D0 and D1 on different threads.
 * Memory is bounded: past 64 bits only the count grows, and such a frame is rejected anyway.
 */
public final class WiegandBitCollector {
    /** Readers send bits 1-2 ms apart; 25 ms of silence is well past that and well before a second card. */
    public static final Duration DEFAULT_GAP = Duration.ofMillis(25);

    private final long gapNanos;
    private long value;
    private int count;
    private long lastPulseNanos;

    public WiegandBitCollector() {
        this(DEFAULT_GAP);
    }

    public WiegandBitCollector(Duration gap) {
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("gap must be positive, not " + gap);
        }
        this.gapNanos = gap.toNanos();
    }

    /** A pulse on D0, a 0 bit; returns the previous frame if the silence before this pulse ended it. */
    public synchronized Optional<WiegandResult> d0(long nanos) {
        return pulse(0, nanos);
    }

    /** A pulse on D1, a 1 bit; returns the previous frame if the silence before this pulse ended it. */
    public synchronized Optional<WiegandResult> d1(long nanos) {
        return pulse(1, nanos);
    }

    /** Time passed without a pulse: the frame, once the line has been silent for the gap. */
    public synchronized Optional<WiegandResult> poll(long nanos) {
        return ended(nanos) ? Optional.of(finish()) : Optional.empty();
    }

    /** Bits of the frame in progress. */
    public synchronized int bitsHeld() {
        return count;
    }

    private Optional<WiegandResult> pulse(int bit, long nanos) {
        Optional<WiegandResult> previous = poll(nanos);
        if (count < Long.SIZE) {
            value = value << 1 | bit;
        }
        if (count < Integer.MAX_VALUE) {
            count++;
        }
        lastPulseNanos = nanos;
        return previous;
    }

    /** Subtraction, not comparison, so that nanoTime wrapping around does not end a frame. */
    private boolean ended(long nanos) {
        return count > 0 && nanos - lastPulseNanos >= gapNanos;
    }

    /** Past 64 bits {@code value} holds only the first 64, but the count alone rejects such a frame. */
    private WiegandResult finish() {
        WiegandResult result = WiegandCodec.decode(count, value);
        value = 0;
        count = 0;
        return result;
    }
}
