package org.anju.firmware.line;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Drives a device's simulated time from the wall clock, sped up by a factor. */
public final class SimulationClock implements AutoCloseable {
    private static final long TICK_MILLIS = 50;
    private final ScheduledFuture<?> ticks;
    private long last = System.nanoTime();

    public SimulationClock(LineDevice device, double speed, ScheduledExecutorService timer) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be above 0 and at most 100000, not " + speed);
        }
        ticks = timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long elapsed = now - last;
            last = now;
            device.advance(Duration.ofNanos((long) (elapsed * speed)));
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
