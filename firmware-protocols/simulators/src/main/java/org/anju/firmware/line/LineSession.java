package org.anju.firmware.line;

import org.anju.protocol.modbus.LinePacing;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Carries bytes between one byte stream and a {@link LineDevice}: what the stream delivers goes
 * to the device once it would have crossed the wire, the device's replies go back at line speed, and a gap in the incoming bytes is
 * reported to the device as line silence so a frame cut short is dropped, not glued to the next.
 */
final class LineSession implements Runnable {
    private final InputStream in;
    private final LinePacing.ByteSink out;
    private final LineDevice device;
    private final LinePacing pacing;
    private final long idleNanos;
    private final ScheduledFuture<?> idleWatch;
    private volatile long lastByteAt;
    private volatile boolean bytesSinceIdle;

    LineSession(InputStream in, LinePacing.ByteSink out, LineDevice device, LinePacing pacing,
                long idleNanos, ScheduledExecutorService timer) {
        this.in = in;
        this.out = out;
        this.device = device;
        this.pacing = pacing;
        this.idleNanos = idleNanos;
        long period = Math.max(1_000_000, idleNanos / 2);
        this.idleWatch = timer.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        byte[] buffer = new byte[512];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                pacing.receive(n);
                lastByteAt = System.nanoTime();
                bytesSinceIdle = true;
                for (byte[] reply : device.receive(buffer, 0, n)) {
                    pacing.send(reply, out);
                }
            }
        } catch (IOException closed) {
            // the peer went away or the transport was closed: the session ends
        } finally {
            idleWatch.cancel(false);
        }
    }

    private void checkIdle() {
        if (bytesSinceIdle && System.nanoTime() - lastByteAt >= idleNanos) {
            bytesSinceIdle = false;
            try {
                for (byte[] reply : device.lineIdle()) {
                    pacing.send(reply, out);
                }
            } catch (IOException closed) {
                // the peer went away; the reader side ends the session
            }
        }
    }
}
