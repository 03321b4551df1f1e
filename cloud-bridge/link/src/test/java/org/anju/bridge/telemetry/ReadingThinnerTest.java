package org.anju.bridge.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReadingThinnerTest {
    private static PortReading reading(int port, String state, int powerW, double voltage) {
        return new PortReading("pile-3", port, state, voltage, powerW / voltage, powerW, 100, 60, null);
    }

    @Test
    void aSteadyPortSendsOnlyItsHeartbeatAndChangesGoAtOnce() {
        ReadingThinner thinner = new ReadingThinner(Duration.ofMinutes(5), 20, 5.0, 1.0);
        int sent = 0;
        for (int s = 0; s < 600; s++) { // ten minutes of one reading a second, power wobbling by 10 W
            if (thinner.offer(reading(1, "Charging", 300 + (s % 2) * 10, 220), s * 1000L)) {
                sent++;
            }
        }
        assertThat(sent).isEqualTo(2); // the first, and one heartbeat at five minutes
        assertThat(thinner.offer(reading(1, "Charging", 330, 220), 600_000)).isTrue();  // +30 W
        assertThat(thinner.offer(reading(1, "Charging", 330, 214), 601_000)).isTrue();  // -6 V
        assertThat(thinner.offer(reading(1, "Finishing", 330, 214), 602_000)).isTrue(); // state
        assertThat(thinner.offer(reading(1, "Finishing", 331, 214), 603_000)).isFalse();
        assertThat(thinner.offer(reading(2, "Finishing", 331, 214), 603_000)).isTrue(); // another port
    }

    @Test
    void aHoldBeginningOrEndingIsSentAtOnceThoughTheMetersHoldStill() {
        ReadingThinner thinner = ReadingThinner.standard();
        PortReading free = reading(1, "Available", 0, 230);
        PortReading held = new PortReading("pile-3", 1, "Available", 230, 0, 0, 100, 60, null, "SMOKE_OR_FIRE", 5_000L, null);
        assertThat(thinner.offer(free, 0)).isTrue();
        assertThat(thinner.offer(held, 1_000)).as("held off: the park must not show it available").isTrue();
        assertThat(thinner.offer(held, 2_000)).isFalse();
        assertThat(thinner.offer(free, 3_000)).as("released").isTrue();
    }

    @Test
    void aPileWarmingUpIsSentWithEachDegreeThoughItsPowerHoldsStill() {
        ReadingThinner thinner = ReadingThinner.standard();
        PortReading base = reading(1, "Charging", 300, 220);
        assertThat(thinner.offer(warm(base, 30.0), 0)).isTrue();
        assertThat(thinner.offer(warm(base, 30.6), 1_000)).isFalse();
        assertThat(thinner.offer(warm(base, 31.0), 2_000)).isTrue();
        assertThat(thinner.offer(warm(base, null), 3_000)).as("the sensor went away").isTrue();
        assertThat(thinner.offer(warm(base, null), 4_000)).isFalse();
    }

    private static PortReading warm(PortReading r, Double celsius) {
        return new PortReading(r.pile(), r.port(), r.state(), r.voltageV(), r.currentA(), r.powerW(), r.energyWh(),
                r.sessionSeconds(), celsius);
    }
}
