package org.anju.agent.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AccessClockTest {
    private static final Instant PARK = Instant.parse("2026-06-01T08:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong mono = new AtomicLong(42 * SECOND);
    private final AccessClock clock = new AccessClock(Clock.fixed(PARK, ZoneOffset.UTC), mono::get,
            Duration.ofMinutes(5), Instant.EPOCH);

    @Test
    void unanchoredTheWallClockIsUsedButNeverBelowTheFloor() {
        AccessClock c = new AccessClock(Clock.systemUTC(), mono::get, Duration.ofMinutes(5), PARK);
        assertThat(c.judge(PARK.plusSeconds(10), 0)).isEqualTo(PARK.plusSeconds(10));
        assertThat(c.judge(Instant.parse("1970-01-01T00:00:10Z"), 0)).as("dead RTC battery").isEqualTo(PARK);
    }

    @Test
    void anchoredAWallClockCloseToTheExpectedTimeIsTrusted() {
        clock.anchor(PARK);
        mono.addAndGet(3600 * SECOND);
        Instant wall = PARK.plusSeconds(3600 + 90); // NTP says 90 s more than our crystal: drift, fine
        assertThat(clock.judge(wall, mono.get())).isEqualTo(wall);
    }

    @Test
    void anchoredAJumpedWallClockIsReplacedByTheMonotonicEstimate() {
        clock.anchor(PARK);
        mono.addAndGet(600 * SECOND);
        Instant expected = PARK.plusSeconds(600);
        assertThat(clock.judge(PARK.minus(Duration.ofDays(200)), mono.get())).as("set back").isEqualTo(expected);
        assertThat(clock.judge(PARK.plus(Duration.ofDays(3650)), mono.get())).as("thrown ahead").isEqualTo(expected);
    }

    @Test
    void anAnchorRaisesTheFloorForTheNextRestart() {
        clock.anchor(PARK);
        assertThat(clock.floor()).isEqualTo(PARK);
        clock.anchor(PARK.minusSeconds(5));
        assertThat(clock.floor()).as("a floor never goes down").isEqualTo(PARK);
    }

    /** Setting the wall clock back, by any amount, never makes a stay that has ended valid again. */
    @Property
    void aClockSetBackNeverRevivesAnExpiredStay(@ForAll @LongRange(min = 0, max = 400L * 24 * 3600) long backSeconds,
                                                @ForAll @LongRange(min = 0, max = 30L * 24 * 3600) long elapsedSeconds) {
        AtomicLong m = new AtomicLong(0);
        AccessClock c = new AccessClock(Clock.systemUTC(), m::get, Duration.ofMinutes(5), Instant.EPOCH);
        c.anchor(PARK);
        m.addAndGet(elapsedSeconds * SECOND);
        Instant trueNow = PARK.plusSeconds(elapsedSeconds);
        Instant judged = c.judge(trueNow.minusSeconds(backSeconds), m.get());
        assertThat(judged).isAfterOrEqualTo(trueNow.minus(Duration.ofMinutes(5)));
        assertThat(judged).isAfterOrEqualTo(PARK);
    }
}
