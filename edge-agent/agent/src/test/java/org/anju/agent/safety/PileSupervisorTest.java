package org.anju.agent.safety;

import static org.anju.agent.safety.Readings.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileRegisterMap;
import org.junit.jupiter.api.Test;

/** Pile-wide rules on hand-made readings: temperature levels and trend, firmware alarm bits, heartbeat. */
class PileSupervisorTest {
    private final PileSupervisor pile = new PileSupervisor(new PileSite(PILE, 3, "area-A", "feeder-A",
            SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS));

    private static PortReading on(int port, long seconds, double watts) {
        return new PortReading(PILE, port, at(seconds), OcppStatus.CHARGING, 229, watts / 229, watts, 0, true, true,
                CutReason.NONE);
    }

    private List<SafetyDecision> temperatures(long from, long to, double startC, double perMinute) {
        List<SafetyDecision> all = new ArrayList<>();
        for (long s = from; s <= to; s += 5) {
            all.addAll(pile.onPileReading(pile(s, startC + perMinute * (s - from) / 60.0)));
        }
        return all;
    }

    @Test
    void theWarningLevelRaisesOneWarningAndClearsOnlyBelowItsHysteresis() {
        List<SafetyDecision> up = temperatures(0, 600, 54, 0.2); // 54 -> 56 degC in 10 min
        assertThat(raised(up)).extracting(Alarm::kind).containsExactly(AlarmKind.TEMPERATURE_HIGH);
        List<SafetyDecision> hover = new ArrayList<>();
        for (long s = 605; s < 1200; s += 5) {
            hover.addAll(pile.onPileReading(pile(s, s % 10 == 0 ? 54.9 : 55.1)));
        }
        assertThat(of(SafetyDecision.ClearAlarm.class, hover)).isEmpty();
        assertThat(raised(hover)).isEmpty();
        List<SafetyDecision> cool = temperatures(1200, 1300, 49.9, 0);
        assertThat(of(SafetyDecision.ClearAlarm.class, cool)).singleElement()
                .satisfies(c -> assertThat(c.alarm().kind()).isEqualTo(AlarmKind.TEMPERATURE_HIGH));
    }

    @Test
    void theCutLevelCutsEveryPortOnceHoldsThemOffAndRaisesACriticalAlarm() {
        for (int p = 1; p <= 3; p++) {
            pile.onPortReading(on(p, 0, 180));
        }
        List<SafetyDecision> hot = pile.onPileReading(pile(10, 70.0));
        assertThat(of(SafetyDecision.CutPort.class, hot)).extracting(SafetyDecision.CutPort::port).containsExactly(1, 2, 3);
        assertThat(of(SafetyDecision.CutPort.class, hot)).allSatisfy(c -> assertThat(c.reason())
                .isEqualTo(EndReason.OVER_TEMPERATURE));
        assertThat(of(SafetyDecision.VerifyCut.class, hot)).hasSize(3);
        assertThat(raised(hot)).extracting(Alarm::kind)
                .containsExactlyInAnyOrder(AlarmKind.OVER_TEMPERATURE, AlarmKind.TEMPERATURE_HIGH);
        assertThat(raised(hot)).filteredOn(a -> a.kind() == AlarmKind.OVER_TEMPERATURE).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(of(SafetyDecision.CutPort.class, pile.onPileReading(pile(15, 71.0)))).isEmpty();
        assertThat(one(SafetyDecision.StartRefused.class, pile.requestStart(2, "t", at(16))).reason())
                .contains("OVER_TEMPERATURE");
        pile.onPileReading(pile(20, 64.0)); // below 70 - 5: released
        pile.onPortReading(new PortReading(PILE, 2, at(21), OcppStatus.PREPARING, 230, 0, 0, 0, false, true,
                CutReason.REMOTE));
        assertThat(pile.requestStart(2, "t", at(22))).singleElement().isInstanceOf(SafetyDecision.ClosePort.class);
    }

    @Test
    void theFirmwaresOwnOverTemperatureAlarmCountsEvenIfOurSensorReadsLower() {
        List<SafetyDecision> d = pile.onPileReading(new PileReading(PILE, at(0), 62.0, false,
                PileRegisterMap.ALARM_OVER_TEMPERATURE));
        assertThat(raised(d)).filteredOn(a -> a.kind() == AlarmKind.OVER_TEMPERATURE).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("firmware reports over-temperature"));
        assertThat(of(SafetyDecision.CutPort.class, d)).hasSize(3);
    }

    @Test
    void aSteadyClimbTowardTheCutLevelWarnsWithTimeToAct() {
        List<SafetyDecision> d = temperatures(0, 1500, 30, 1.5); // 30 -> 67.5 degC over 25 min
        List<Alarm> rising = raised(d).stream().filter(a -> a.kind() == AlarmKind.TEMPERATURE_RISING).toList();
        assertThat(rising).hasSize(1);
        double celsius = ((PileReading) rising.get(0).cause()).temperatureC();
        assertThat(celsius).isLessThan(56); // (70 - T) / 1.5 <= 10 min: warned at about 55 degC, 10 min ahead
        assertThat(rising.get(0).detail()).contains("1.50 degC/min");
    }

    @Test
    void aFastWarmUpThatLevelsOffFarBelowTheCutLevelDoesNotWarn() {
        List<SafetyDecision> d = new ArrayList<>();
        for (long s = 0; s <= 3600; s += 5) {
            double t = 25 + 21.6 * (1 - Math.exp(-s / 300.0)); // ten ports at 180 W starting together
            d.addAll(pile.onPileReading(pile(s, Math.round(t * 10) / 10.0)));
        }
        assertThat(raised(d)).isEmpty();
    }

    @Test
    void theHeartbeatIsWrittenEveryIntervalWithAChangingNonZeroValueWhileReadingsCome() {
        List<SafetyDecision.WriteHeartbeat> writes = new ArrayList<>();
        for (long s = 0; s <= 120; s += 2) {
            writes.addAll(of(SafetyDecision.WriteHeartbeat.class, pile.onPileReading(pile(s, 30))));
        }
        assertThat(writes).extracting(SafetyDecision.WriteHeartbeat::value).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(writes).allSatisfy(w -> assertThat(w.pileId()).isEqualTo(PILE));
        // no readings, no heartbeat: the pile's watchdog then takes over
        assertThat(pile.tick(at(200))).isEmpty();
        // readings again: written at once
        assertThat(of(SafetyDecision.WriteHeartbeat.class, pile.onPileReading(pile(300, 30)))).hasSize(1);
        // a clock set back an hour does not hold the heartbeat back, nor the temperature rules
        List<SafetyDecision> back = pile.onPileReading(pile(302 - 3600, 75));
        assertThat(of(SafetyDecision.WriteHeartbeat.class, back)).hasSize(1);
        assertThat(raised(back)).extracting(Alarm::kind).contains(AlarmKind.OVER_TEMPERATURE);
        assertThat(of(SafetyDecision.WriteHeartbeat.class, pile.onPileReading(pile(304 - 3600, 75)))).isEmpty();
        assertThat(of(SafetyDecision.WriteHeartbeat.class, pile.onPileReading(pile(322 - 3600, 75)))).hasSize(1);
    }

    @Test
    void theFirmwaresWatchdogTripIsAWarning() {
        List<SafetyDecision> d = pile.onPileReading(new PileReading(PILE, at(0), 30, false, PileRegisterMap.ALARM_WATCHDOG));
        assertThat(raised(d)).extracting(Alarm::kind).containsExactly(AlarmKind.PILE_WATCHDOG_TRIPPED);
    }

    @Test
    void aFeederCutIsAskedForOncePerPileEvenIfSeveralRelaysStick() {
        for (int p = 1; p <= 3; p++) {
            pile.onPortReading(on(p, 0, 180));
        }
        pile.onPileReading(pile(1, 75));
        List<SafetyDecision> after = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            after.addAll(pile.onPortReading(on(p, 20, 180)));
        }
        assertThat(of(SafetyDecision.EscalateFeederCut.class, after)).singleElement()
                .satisfies(e -> assertThat(e.feeder()).isEqualTo("feeder-A"));
        assertThat(raised(after)).filteredOn(a -> a.kind() == AlarmKind.CUT_FAILED).hasSize(3);
    }
}
