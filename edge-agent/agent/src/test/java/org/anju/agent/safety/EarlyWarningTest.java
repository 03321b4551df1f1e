package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.firmware.pile.Bike;
import org.junit.jupiter.api.Test;

/**
 * The battery anomaly detector on curves from the simulator's fault injection: it must flag a
 * battery going wrong before any hard limit trips, and flag nothing on a healthy charge.
 */
class EarlyWarningTest {
    private static final Duration POLL = Duration.ofSeconds(5);

    private static Alarm first(SupervisedSite site, AlarmKind kind) {
        return site.alarms().stream().filter(a -> a.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " alarm in " + site.alarms()));
    }

    private static double celsius(Alarm a) {
        return ((PileReading) a.cause()).temperatureC();
    }

    @Test
    void aThermalRunawayRampIsFlaggedMinutesBeforeTheTrendWarningAndTheCut() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 2, Bike.TYPICAL);
        site.startAtPile("pile-1", 3, new Bike(600, 0.2, 240));
        site.run(Duration.ofMinutes(40), POLL);
        assertThat(site.alarms()).isEmpty();
        Instant runawayAt = site.now();
        site.pile().sim().thermalRunaway(2, 2.0);
        site.runUntil(d -> d instanceof SafetyDecision.RaiseAlarm r && r.alarm().kind() == AlarmKind.OVER_TEMPERATURE,
                Duration.ofMinutes(40), POLL);

        Alarm anomaly = first(site, AlarmKind.BATTERY_ANOMALY);
        Alarm rising = first(site, AlarmKind.TEMPERATURE_RISING);
        Alarm cut = first(site, AlarmKind.OVER_TEMPERATURE);
        assertThat(anomaly.source()).isEqualTo("pile-1");
        assertThat(anomaly.detail()).contains("ports with a battery: 2, 3");
        assertThat(Duration.between(runawayAt, anomaly.raisedAt())).isLessThan(Duration.ofMinutes(4));
        assertThat(celsius(anomaly)).isLessThan(37.0);
        assertThat(anomaly.raisedAt()).isBefore(rising.raisedAt());
        assertThat(Duration.between(rising.raisedAt(), cut.raisedAt())).isGreaterThan(Duration.ofMinutes(8));
        assertThat(celsius(cut)).isGreaterThanOrEqualTo(70.0).isLessThan(80.0); // before the firmware's own limit
        // the cut takes every port off and ends both sessions for over-temperature
        site.run(Duration.ofSeconds(15), POLL);
        assertThat(site.all(SafetyDecision.SessionEnded.class)).extracting(e -> e.session().endReason())
                .containsOnly(EndReason.OVER_TEMPERATURE).hasSize(2);
        assertThat(site.pile().sim().port(2).relayClosed()).isFalse();
        assertThat(site.pile().sim().port(3).relayClosed()).isFalse();
    }

    @Test
    void aHeatingBatteryWithNoLoadOnThePileIsFlagged() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.pile().sim().plugIn(1, Bike.TYPICAL); // plugged in, not charging
        site.run(Duration.ofMinutes(15), POLL);
        site.pile().sim().thermalRunaway(1, 1.0);
        site.run(Duration.ofMinutes(6), POLL);
        Alarm anomaly = first(site, AlarmKind.BATTERY_ANOMALY);
        assertThat(anomaly.detail()).contains("load stayed at or below 0 W", "ports with a battery: 1");
        assertThat(celsius(anomaly)).isLessThan(30.0);
    }

    @Test
    void aJumpInPowerLateInTheChargeIsFlaggedWithoutCuttingTheCharge() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, new Bike(960, 0.85, 180)); // already tapering
        site.run(Duration.ofMinutes(30), POLL);
        double before = site.pile().sim().port(1).watts();
        assertThat(before).isLessThan(100);
        assertThat(site.alarms()).isEmpty();
        Instant injectedAt = site.now();
        site.pile().sim().overload(1, 150); // a fault drawing 150 W more, well under any overload limit
        site.run(Duration.ofMinutes(1), POLL);

        Alarm anomaly = first(site, AlarmKind.BATTERY_ANOMALY);
        assertThat(anomaly.source()).isEqualTo("pile-1/1");
        assertThat(anomaly.detail()).contains("jumped");
        assertThat(Duration.between(injectedAt, anomaly.raisedAt())).isLessThanOrEqualTo(POLL.multipliedBy(2));
        assertThat(((PortReading) anomaly.cause()).watts()).isGreaterThan(before + 100);
        assertThat(site.all(SafetyDecision.CutPort.class)).isEmpty();
        assertThat(site.all(SafetyDecision.SessionEnded.class)).isEmpty();
    }

    @Test
    void powerCreepingUpWhileTheBatteryShouldTaperIsFlagged() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, new Bike(960, 0.85, 180));
        site.run(Duration.ofMinutes(30), POLL);
        assertThat(site.alarms()).isEmpty();
        for (int step = 1; step <= 24; step++) { // +2.5 W every 15 s: 10 W/min, too gentle to be a jump
            site.pile().sim().overload(1, 2.5 * step);
            site.run(Duration.ofSeconds(15), POLL);
        }
        Alarm anomaly = first(site, AlarmKind.BATTERY_ANOMALY);
        assertThat(anomaly.detail()).contains("rising while the battery should be tapering");
        assertThat(site.all(SafetyDecision.CutPort.class)).isEmpty();
    }

    @Test
    void theAnomalyAlarmLatchesUntilTheFireSafetyOfficerAcknowledgesIt() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, new Bike(960, 0.85, 180));
        site.run(Duration.ofMinutes(30), POLL);
        site.pile().sim().overload(1, 150);
        site.run(Duration.ofMinutes(1), POLL);
        site.pile().sim().unplug(1);
        site.run(Duration.ofMinutes(10), POLL);
        Alarm anomaly = first(site, AlarmKind.BATTERY_ANOMALY);
        assertThat(site.all(SafetyDecision.ClearAlarm.class)).isEmpty();
        List<SafetyDecision> ack = site.safety().acknowledge(anomaly.id(), "officer-chen", site.now());
        assertThat(Readings.one(SafetyDecision.ClearAlarm.class, ack).alarm().acknowledgedBy()).isEqualTo("officer-chen");
    }
}
