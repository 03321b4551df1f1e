package org.anju.protocol.modbus;

import java.util.concurrent.locks.LockSupport;

/**
 * Timing of an RS-485 line at a given baud rate: 11 bits per character (start, 8 data, parity or
 * a second stop bit, stop), the 3.5-character silence that ends an RTU frame (fixed at 1.75 ms
 * above 19200 baud, as the serial line specification says). Without a baud rate the line is
 * unpaced: bytes go out as fast as the transport takes them.
 */
public final class LinePacing {
    private static final int BITS_PER_CHAR = 11;
    private static final long FAST_LINE_SILENCE_NANOS = 1_750_000;

    private final long charNanos;
    private final long silenceNanos;
    private long lineFreeAt;

    private LinePacing(int baud) {
        this.charNanos = baud <= 0 ? 0 : 1_000_000_000L * BITS_PER_CHAR / baud;
        this.silenceNanos = baud <= 0 ? 0 : baud > 19200 ? FAST_LINE_SILENCE_NANOS : charNanos * 7 / 2;
    }

    public static LinePacing unpaced() {
        return new LinePacing(0);
    }

    public static LinePacing atBaud(int baud) {
        if (baud < 300 || baud > 921_600) {
            throw new IllegalArgumentException("baud must be 300-921600, not " + baud);
        }
        return new LinePacing(baud);
    }

    public boolean paced() {
        return charNanos > 0;
    }

    /** The inter-frame silence; used to notice that a frame has ended or was cut short. */
    public long silenceNanos() {
        return silenceNanos;
    }

    /**
     * Writes one frame at line speed: waits out the silence after the previous frame, then lets
     * each byte go no sooner than a character time after the one before.
     */
    public synchronized void send(byte[] frame, ByteSink sink) throws java.io.IOException {
        if (!paced()) {
            sink.write(frame, 0, frame.length);
            return;
        }
        long next = Math.max(System.nanoTime(), lineFreeAt);
        int sent = 0;
        while (sent < frame.length) {
            waitUntil(next);
            long due = 1 + (System.nanoTime() - next) / charNanos;
            int n = (int) Math.min(frame.length - sent, Math.max(1, due));
            sink.write(frame, sent, n);
            sent += n;
            next += n * charNanos;
        }
        lineFreeAt = next + silenceNanos;
    }

    /**
     * Bytes a master wrote, which reach the device only once they have crossed the wire: the
     * caller is held until then, and the line stays busy for a silence after them, so the device's
     * reply starts no sooner than the RTU turnaround. Over TCP and ptys the bytes arrive at once;
     * without this a simulated bus would run faster than any real one.
     */
    public synchronized void receive(int bytes) {
        if (!paced() || bytes <= 0) {
            return;
        }
        long end = Math.max(System.nanoTime(), lineFreeAt) + bytes * charNanos;
        waitUntil(end);
        lineFreeAt = end + silenceNanos;
    }

    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** Where paced bytes go (a socket or a device file). */
    @FunctionalInterface
    public interface ByteSink {
        void write(byte[] bytes, int offset, int length) throws java.io.IOException;
    }
}
