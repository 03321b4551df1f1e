package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SampleWindowTest {
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    @Test
    void theSlopeOfALineIsItsRatePerMinute() {
        SampleWindow w = new SampleWindow(Duration.ofMinutes(5));
        for (int s = 0; s <= 300; s += 5) {
            w.add(T0.plusSeconds(s), 30 + 2.0 * s / 60);
        }
        assertThat(w.slopePerMinute(T0.plusSeconds(300), Duration.ofMinutes(5)).getAsDouble()).isCloseTo(2.0, offset(1e-9));
    }

    @Test
    void noiseAveragesOutWhereADifferenceOfTwoReadingsWouldNot() {
        SampleWindow w = new SampleWindow(Duration.ofMinutes(5));
        Random r = new Random(7);
        for (int s = 0; s <= 300; s += 2) {
            w.add(T0.plusSeconds(s), 40 + (r.nextDouble() * 2 - 1) * 0.5); // flat, +-0.5 degC noise
        }
        assertThat(w.slopePerMinute(T0.plusSeconds(300), Duration.ofMinutes(5)).getAsDouble()).isCloseTo(0, offset(0.1));
    }

    @Test
    void tooFewPointsOrTooShortASpanGiveNoSlope() {
        SampleWindow w = new SampleWindow(Duration.ofMinutes(5));
        w.add(T0, 1);
        w.add(T0.plusSeconds(10), 2);
        w.add(T0.plusSeconds(20), 3);
        assertThat(w.slopePerMinute(T0.plusSeconds(20), Duration.ofMinutes(5))).isEmpty();
        for (int s = 30; s <= 120; s += 10) {
            w.add(T0.plusSeconds(s), s);
        }
        assertThat(w.slopePerMinute(T0.plusSeconds(120), Duration.ofMinutes(5))).isEmpty(); // 2 of 5 minutes
    }

    @Test
    void oldSamplesAreDroppedAndRepeatedTimesIgnored() {
        SampleWindow w = new SampleWindow(Duration.ofMinutes(1));
        w.add(T0, 100);
        w.add(T0.plusSeconds(120), 1);
        w.add(T0.plusSeconds(120), 999);
        assertThat(w.covers(T0)).isFalse();
        assertThat(w.valueAt(T0.plusSeconds(130))).isEqualTo(1);
        assertThat(w.maxIn(T0, T0.plusSeconds(200))).isEqualTo(1);
    }
}
