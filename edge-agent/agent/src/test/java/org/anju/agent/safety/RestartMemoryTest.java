package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.junit.jupiter.api.Test;

/**
 * What a restart must not forget: a gateway restarted mid-taper still cuts a full battery when its
 * full-charge time is up, not that long after the restart; one restarted mid-ramp still flags the
 * battery going wrong on time. Without the memory (or with one that is stale or from the future)
 * the rules re-arm from nothing, as SAFETY.md says.
 */
class RestartMemoryTest {
    private static final Duration POLL = Duration.ofSeconds(5);

    private static ChargingSafety fresh() {
        return new ChargingSafety(List.of(new AreaEgress("A", List.of("door-A"))),
                List.of(new PileSite("pile-1", 4, "A", null, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS)));
    }

    /** A firmware whose own full-charge cut comes long after the gateway's, so what cuts is the gateway. */
    private static final PileLimits PATIENT = new PileLimits(1000, 30, Duration.ofHours(2), Duration.ofHours(8), 80.0,
            Duration.ofSeconds(60));

    /** A tapering charge, run until it has been below the full-charge power for {@code below}. */
    private static SupervisedSite taperedFor(Duration below) {
        SupervisedSite site = SupervisedSite.onePile(4, PATIENT, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, new Bike(240, 0.9, 180)); // 48 W, tapering
        site.step(POLL);
        assertThat(site.pile().readPort(1).watts()).isGreaterThanOrEqualTo(SafetyLimits.DEFAULTS.fullChargeWatts());
        while (site.pile().readPort(1).watts() >= SafetyLimits.DEFAULTS.fullChargeWatts()) {
            site.step(POLL);
        }
        site.run(below, POLL);
        return site;
    }

    private static Instant fullCutAt(SupervisedSite site) {
        SafetyDecision cut = site.runUntil(d -> d instanceof SafetyDecision.CutPort c && c.reason() == EndReason.FULL,
                Duration.ofMinutes(30), POLL);
        assertThat(cut).as("a full-charge cut").isNotNull();
        return site.now();
    }

    @Test
    void aRestartMidTaperCutsTheFullBatteryWhenItsTimeIsUpNotThatLongAfterTheRestart() {
        SupervisedSite site = taperedFor(Duration.ofMinutes(6));
        Instant belowSince = site.now().minus(Duration.ofMinutes(6));
        site.restartGateway(fresh(), site.safety().memory(site.now()));
        Instant cut = fullCutAt(site);
        assertThat(Duration.between(belowSince, cut)).as("the 10 min counted from when it fell below, across the restart")
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plus(POLL.multipliedBy(2)));
        site.step(POLL);
        assertThat(site.all(SafetyDecision.SessionEnded.class)).extracting(e -> e.session().endReason())
                .containsExactly(EndReason.FULL);
    }

    @Test
    void withoutMemoryOrWithAStaleOneTheFullChargeWaitStartsOverAtTheRestart() {
        for (Instant savedAt : new Instant[] {null, Instant.parse("2025-05-31T08:00:00Z")}) {
            SupervisedSite site = taperedFor(Duration.ofMinutes(6));
            Instant restartAt = site.now();
            RulesMemory memory = savedAt == null ? null : new RulesMemory(savedAt, site.safety().memory(site.now()).piles());
            site.restartGateway(fresh(), memory);
            assertThat(Duration.between(restartAt, fullCutAt(site))).as("re-armed from nothing")
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void aPortThatDrewFullPowerWhileTheGatewayWasAwayWaitsItsWholeFullChargeTimeAgain() {
        SupervisedSite site = taperedFor(Duration.ofMinutes(6));
        RulesMemory memory = site.safety().memory(site.now());
        site.pile().sim().overload(1, 600); // the charger draws again while the gateway is away
        site.bus(false);
        site.run(Duration.ofSeconds(30), POLL); // shorter than the pile's watchdog
        site.pile().sim().overload(1, 0);
        site.bus(true);
        Instant back = site.now();
        site.restartGateway(fresh(), memory);
        assertThat(Duration.between(back, fullCutAt(site))).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aRestartMidRampStillFlagsTheBatteryOnTime() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 2, Bike.TYPICAL);
        site.startAtPile("pile-1", 3, new Bike(600, 0.2, 240));
        site.run(Duration.ofMinutes(15), POLL);
        Instant onset = site.now();
        site.pile().sim().thermalRunaway(2, 2.0);
        site.run(Duration.ofSeconds(90), POLL); // the ramp is half seen when the gateway restarts
        assertThat(site.alarms()).isEmpty();
        site.restartGateway(fresh(), site.safety().memory(site.now()));
        SafetyDecision flagged = site.runUntil(d -> d instanceof SafetyDecision.RaiseAlarm r
                && r.alarm().kind() == AlarmKind.BATTERY_ANOMALY, Duration.ofMinutes(20), POLL);
        assertThat(flagged).isNotNull();
        assertThat(Duration.between(onset, ((SafetyDecision.RaiseAlarm) flagged).alarm().raisedAt()))
                .as("as soon as without a restart (EarlyWarningTest: under 4 min)").isLessThan(Duration.ofMinutes(4));
    }

    @Test
    void withoutMemoryTheRampIsSeenOnlyOnceTheLoadHistoryIsBackAsSafetyMdSays() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 2, Bike.TYPICAL);
        site.startAtPile("pile-1", 3, new Bike(600, 0.2, 240));
        site.run(Duration.ofMinutes(15), POLL);
        Instant onset = site.now();
        site.pile().sim().thermalRunaway(2, 2.0);
        site.run(Duration.ofSeconds(90), POLL);
        site.restartGateway(fresh());
        SafetyDecision flagged = site.runUntil(d -> d instanceof SafetyDecision.RaiseAlarm r
                && r.alarm().kind() == AlarmKind.BATTERY_ANOMALY && r.alarm().source().equals("pile-1"),
                Duration.ofMinutes(20), POLL);
        Instant at = flagged == null ? site.now() : ((SafetyDecision.RaiseAlarm) flagged).alarm().raisedAt();
        assertThat(Duration.between(onset, at)).as("blind for the load's 10 min").isGreaterThan(Duration.ofMinutes(10));
    }
}
