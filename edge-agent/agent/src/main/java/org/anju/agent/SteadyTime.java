package org.anju.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * What the charging rules take as now: the wall time read once at start, moved on by a monotonic
 * source, so an NTP step (a Raspberry Pi without a real-time clock boots hours off) never makes a
 * timed rule fire early or late. Scenario tests run it faster than the wall, together with the
 * simulated piles, to play an evening's charge in seconds.
 */
final class SteadyTime {
    private final Instant startWall;
    private final LongSupplier nanos;
    private final long startNanos;
    private final double speed;

    private SteadyTime(Instant startWall, LongSupplier nanos, double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be 1 or more, not " + speed);
        }
        this.startWall = startWall;
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
        this.speed = speed;
    }

    /** The gateway's own time: wall time at start plus {@link System#nanoTime()} since. */
    static SteadyTime from(Clock clock) {
        return new SteadyTime(clock.instant(), System::nanoTime, 1);
    }

    /** {@code speed} seconds for every second on the wall, for tests that run piles at that speed. */
    static SteadyTime spedUp(Clock clock, double speed) {
        return new SteadyTime(clock.instant(), System::nanoTime, speed);
    }

    Instant now() {
        return startWall.plusNanos((long) ((nanos.getAsLong() - startNanos) * speed));
    }
}
