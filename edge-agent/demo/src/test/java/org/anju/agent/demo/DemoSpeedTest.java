package org.anju.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The demo's speed against what its early warning can see: the thermal runaway must be read twice
 * between the pile's warning and cut levels, or no warning can come before the cut.
 */
class DemoSpeedTest {

    @Test
    void theDefaultSpeedIsKeptAndTenTimesItIsClampedSayingWhy() {
        DemoSpeed limit = DemoWorld.speedLimit();
        assertThat(limit.band()).as("the profile's 55 to 65 degC").isEqualTo(10.0);
        assertThat(limit.readEvery()).as("two reference piles' reads at 9600 baud")
                .isBetween(Duration.ofMillis(900), Duration.ofMillis(1200));
        assertThat(limit.choose(60)).isEqualTo(new DemoSpeed.Choice(60, null));

        DemoSpeed.Choice fast = limit.choose(600);
        assertThat(fast.speed()).isEqualTo(limit.fastest()).isBetween(60.0, 120.0);
        assertThat(fast.warning()).contains("--speed 600 is too fast", "early warning", "every 1.1 s", "3 degC/min",
                "10 degC apart", "Running at x" + (int) fast.speed());
    }

    @Test
    void theFastestSpeedLeavesTwoReadsBetweenTheWarningAndTheCut() {
        DemoSpeed s = new DemoSpeed(10, 3, Duration.ofSeconds(1));
        double bandOfWall = 10.0 / 3 * 60 / s.fastest(); // seconds of the wall the runaway takes across the band
        assertThat(bandOfWall).isGreaterThanOrEqualTo(2.0).isLessThan(2.1);
    }
}
