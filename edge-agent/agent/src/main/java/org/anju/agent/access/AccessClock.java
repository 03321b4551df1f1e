package org.anju.agent.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time against which stays are judged, safe against the wall clock jumping.
 *
 * <p>A gateway's clock is the weak point of offline access: a dead RTC battery boots it in 1970
 * (every tenant "not yet valid"), a bad NTP answer throws it years ahead (everyone "expired"), and
 * turning it back by hand would make expired cards work again. The rule:
 * <ol>
 *   <li><b>Anchor.</b> Each time the park gives us its time (a roster sync), we remember that
 *       instant together with the monotonic clock, which no one can set. While anchored, the
 *       expected time is the anchor plus the monotonic time elapsed since. If the wall clock is
 *       within {@code tolerance} of it, the wall clock is used (NTP corrects drift); otherwise the
 *       wall clock jumped and the expected time is used instead.</li>
 *   <li><b>Floor.</b> Time is never judged earlier than the latest park time we know of (the
 *       floor, which the wiring may persist across restarts). The true time is at least the floor,
 *       so setting the clock back can never resurrect an expired stay by more than the floor's age,
 *       and a tenant is never let in before their stay begins.</li>
 *   <li>Unanchored and ahead of the floor, the wall clock is all we have and is used as it is: a
 *       clock far ahead fails closed (stays look expired); leaving by the exit button still works.</li>
 * </ol>
 */
public final class AccessClock {
    private record Anchor(Instant parkTime, long monoNanos) {
    }

    private final Clock wall;
    private final LongSupplier monoNanos;
    private final Duration tolerance;
    private volatile Anchor anchor;
    private volatile Instant floor;

    public AccessClock(Clock wall, LongSupplier monoNanos, Duration tolerance, Instant floor) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.monoNanos = Objects.requireNonNull(monoNanos, "monoNanos");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.floor = Objects.requireNonNull(floor, "floor");
    }

    /** The park's time, received now (from a roster sync); also raises the floor. */
    public synchronized void anchor(Instant parkTime) {
        anchor = new Anchor(parkTime, monoNanos.getAsLong());
        if (parkTime.isAfter(floor)) {
            floor = parkTime;
        }
    }

    /** The latest park time known; the wiring may persist it and pass it back as the floor. */
    public Instant floor() {
        return floor;
    }

    /** Raises the floor to {@code known} (a floor persisted before a restart); never lowers it. */
    public synchronized void raiseFloor(Instant known) {
        if (known.isAfter(floor)) {
            floor = known;
        }
    }

    /**
     * The park's time now, as far as it is known without the wall clock: the last anchor moved on
     * by the monotonic clock. Empty until the park has given its time. This is what is safe to
     * persist as the next start's floor; the wall clock (possibly thrown ahead) never is.
     */
    public java.util.Optional<Instant> parkTimeNow() {
        Anchor a = anchor;
        return a == null ? java.util.Optional.empty()
                : java.util.Optional.of(a.parkTime().plusNanos(monoNanos.getAsLong() - a.monoNanos()));
    }

    /** The time to judge stays against, now. */
    public Instant now() {
        return judge(wall.instant(), monoNanos.getAsLong());
    }

    Instant judge(Instant wallNow, long mono) {
        Anchor a = anchor;
        Instant judged = wallNow;
        if (a != null) {
            Instant expected = a.parkTime().plusNanos(mono - a.monoNanos());
            if (Duration.between(expected, wallNow).abs().compareTo(tolerance) > 0) {
                judged = expected;
            }
        }
        Instant f = floor;
        return judged.isBefore(f) ? f : judged;
    }
}
