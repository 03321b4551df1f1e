package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.SessionRecord;
import org.anju.agent.charging.SimulatedPile;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Zero false alarms: healthy charges of every kind of bike, polled at every reasonable rate, with
 * and without a noisy temperature sensor, raise no alarm and no warning, end full (or at the
 * maximum time when the charger is too small for the battery) and meter the pile's own energy.
 * Hours of simulated charging, all CPU: "compute", run in a JVM with C2 (the module's pom).
 */
@Tag("compute")
class NormalChargeFalseAlarmTest {

    private static SupervisedSite site(int ports, double noiseC, long seed) {
        SimulatedPile pile = new SimulatedPile("pile-1", 1, ports, PileLimits.DEFAULTS, SupervisedSite.T0)
                .withTemperatureNoise(noiseC, seed);
        ChargingSafety safety = new ChargingSafety(List.of(new AreaEgress("A", List.of("door-A"))),
                List.of(new PileSite("pile-1", ports, "A", "feeder-1", SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS)));
        return new SupervisedSite(safety, List.of(pile));
    }

    @Property(tries = 40)
    void aHealthyChargeRaisesNothingAndEndsFullOrAtTheMaximumTime(
            @ForAll @DoubleRange(min = 400, max = 1500) double capacityWh,
            @ForAll @DoubleRange(min = 80, max = 400) double chargerWatts,
            @ForAll @DoubleRange(min = 0, max = 0.9) double startSoc,
            @ForAll @IntRange(min = 1, max = 10) int pollSeconds,
            @ForAll @DoubleRange(min = 0, max = 0.3) double temperatureNoiseC) {
        SupervisedSite site = site(1, temperatureNoiseC, (long) (capacityWh * 1000));
        site.startAtPile("pile-1", 1, new Bike(capacityWh, startSoc, chargerWatts));
        Duration poll = Duration.ofSeconds(pollSeconds);
        SafetyDecision end = site.runUntil(d -> d instanceof SafetyDecision.SessionEnded, Duration.ofHours(9), poll);
        site.run(Duration.ofMinutes(5), poll); // and nothing afterwards either

        assertThat(site.alarms()).isEmpty();
        assertThat(site.all(SafetyDecision.Warn.class)).isEmpty();
        assertThat(site.all(SafetyDecision.EscalateFeederCut.class)).isEmpty();
        assertThat(end).isNotNull();
        SessionRecord session = ((SafetyDecision.SessionEnded) end).session();
        assertThat(session.endReason()).isIn(EndReason.FULL, EndReason.MAX_TIME);
        assertThat(site.all(SafetyDecision.SessionStarted.class)).hasSize(1);
        // the energy between the relay closing and the first poll is the only part the counter cannot show
        double firstPollWh = chargerWatts * pollSeconds / 3600.0;
        assertThat((double) session.energyWh()).isCloseTo(site.pile().sim().port(1).energyWh(), offset(2 + firstPollWh));
    }

    /**
     * Ten ports, chargers of 80-200 W plugged in at random moments: the load rises and falls in
     * steps, which is what the heating early warning must not mistake for a battery. Chargers stop
     * at 200 W here because the simulated pile warms 0.012 degC per W: ten 400 W chargers would
     * really take it past the 55 degC warning level, and that warning would be right.
     */
    @Property(tries = 8)
    void aFullPileOfHealthyChargesStartingAtDifferentTimesRaisesNothing(
            @ForAll @IntRange(min = 2, max = 10) int pollSeconds,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        SupervisedSite site = site(10, 0.2, seed);
        java.util.Random random = new java.util.Random(seed);
        Duration poll = Duration.ofSeconds(pollSeconds);
        for (int port = 1; port <= 10; port++) {
            site.startAtPile("pile-1", port, new Bike(400 + random.nextInt(1100), random.nextDouble() * 0.9,
                    80 + random.nextInt(121)));
            site.run(Duration.ofSeconds(random.nextInt(600)), poll);
        }
        site.run(Duration.ofHours(9), Duration.ofSeconds(pollSeconds));

        assertThat(site.alarms()).isEmpty();
        assertThat(site.all(SafetyDecision.Warn.class)).isEmpty();
        assertThat(site.all(SafetyDecision.SessionEnded.class)).hasSize(10)
                .allSatisfy(e -> assertThat(e.session().endReason()).isIn(EndReason.FULL, EndReason.MAX_TIME));
    }
}
