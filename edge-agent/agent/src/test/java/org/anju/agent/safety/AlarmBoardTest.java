package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.anju.agent.charging.PileReading;
import org.junit.jupiter.api.Test;

class AlarmBoardTest {
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private final AlarmBoard board = new AlarmBoard("pile-1", Duration.ofSeconds(60));

    private static PileReading at(long seconds, double celsius) {
        return new PileReading("pile-1", T0.plusSeconds(seconds), celsius, false, 0);
    }

    private List<SafetyDecision> report(AlarmKind kind, boolean active, long seconds) {
        Decisions out = new Decisions();
        PileReading r = at(seconds, 60);
        board.report(kind, active, r, "hot", r.at(), out);
        return out.toList();
    }

    @Test
    void aPersistingConditionRaisesOneAlarmWithTheReadingThatCausedIt() {
        List<SafetyDecision> first = report(AlarmKind.TEMPERATURE_HIGH, true, 0);
        assertThat(first).singleElement().isInstanceOfSatisfying(SafetyDecision.RaiseAlarm.class, raise -> {
            Alarm a = raise.alarm();
            assertThat(a.id()).isEqualTo("pile-1/TEMPERATURE_HIGH/" + T0.toEpochMilli());
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.cause()).isEqualTo(at(0, 60));
            assertThat(a.state()).isEqualTo(Alarm.State.RAISED);
        });
        for (int s = 2; s < 600; s += 2) {
            assertThat(report(AlarmKind.TEMPERATURE_HIGH, true, s)).isEmpty();
        }
    }

    @Test
    void aFlappingConditionNeitherFloodsNorClearsUntilItHasBeenGoneLongEnough() {
        report(AlarmKind.TEMPERATURE_HIGH, true, 0);
        for (int s = 2; s < 300; s += 2) {
            boolean active = (s / 2) % 3 != 0; // on, on, off, on, on, off...
            assertThat(report(AlarmKind.TEMPERATURE_HIGH, active, s)).isEmpty();
        }
        assertThat(report(AlarmKind.TEMPERATURE_HIGH, false, 300)).isEmpty();
        assertThat(report(AlarmKind.TEMPERATURE_HIGH, false, 359)).isEmpty();
        assertThat(report(AlarmKind.TEMPERATURE_HIGH, false, 360)).singleElement()
                .isInstanceOfSatisfying(SafetyDecision.ClearAlarm.class, c -> {
                    assertThat(c.alarm().clearedAt()).isEqualTo(T0.plusSeconds(360));
                    assertThat(c.alarm().state()).isEqualTo(Alarm.State.CLEARED);
                });
        assertThat(board.openAlarms()).isEmpty();
    }

    @Test
    void aLatchingAlarmStaysUntilAcknowledgedAndRecordsWhoAcknowledgedIt() {
        String id = ((SafetyDecision.RaiseAlarm) report(AlarmKind.BATTERY_ANOMALY, true, 0).get(0)).alarm().id();
        assertThat(report(AlarmKind.BATTERY_ANOMALY, false, 10)).isEmpty();
        assertThat(report(AlarmKind.BATTERY_ANOMALY, false, 3600)).isEmpty(); // gone an hour, still latched
        Decisions out = new Decisions();
        assertThat(board.acknowledge(id, "officer-wang", T0.plusSeconds(3700), out)).isTrue();
        List<SafetyDecision> acked = out.toList();
        assertThat(acked).hasSize(2);
        assertThat(acked.get(0)).isInstanceOfSatisfying(SafetyDecision.AlarmAcknowledged.class, a -> {
            assertThat(a.alarm().acknowledgedBy()).isEqualTo("officer-wang");
            assertThat(a.alarm().acknowledgedAt()).isEqualTo(T0.plusSeconds(3700));
        });
        assertThat(acked.get(1)).isInstanceOfSatisfying(SafetyDecision.ClearAlarm.class,
                c -> assertThat(c.alarm().acknowledgedBy()).isEqualTo("officer-wang"));
    }

    @Test
    void anAcknowledgedAlarmWhoseConditionPersistsStaysOpenThenClearsWhenItGoes() {
        String id = ((SafetyDecision.RaiseAlarm) report(AlarmKind.FIRE, true, 0).get(0)).alarm().id();
        Decisions out = new Decisions();
        board.acknowledge(id, "officer-li", T0.plusSeconds(30), out);
        assertThat(out.toList()).singleElement().isInstanceOf(SafetyDecision.AlarmAcknowledged.class);
        assertThat(report(AlarmKind.FIRE, true, 100)).isEmpty();
        assertThat(report(AlarmKind.FIRE, false, 200)).isEmpty();
        Decisions later = new Decisions();
        board.tick(T0.plusSeconds(260), later);
        assertThat(later.toList()).singleElement().isInstanceOf(SafetyDecision.ClearAlarm.class);
    }

    @Test
    void anUnknownOrClearedIdIsNotAcknowledgedAndAReRaiseGetsANewId() {
        String first = ((SafetyDecision.RaiseAlarm) report(AlarmKind.OVERLOAD, true, 0).get(0)).alarm().id();
        report(AlarmKind.OVERLOAD, false, 10);
        report(AlarmKind.OVERLOAD, false, 70);
        assertThat(board.acknowledge(first, "x", T0.plusSeconds(80), new Decisions())).isFalse();
        String second = ((SafetyDecision.RaiseAlarm) report(AlarmKind.OVERLOAD, true, 90).get(0)).alarm().id();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anAlarmOpenAtShutdownIsRestoredAndNotRaisedAgain() {
        Alarm open = ((SafetyDecision.RaiseAlarm) report(AlarmKind.TEMPERATURE_HIGH, true, 0).get(0)).alarm();
        AlarmBoard restarted = new AlarmBoard("pile-1", Duration.ofSeconds(60));
        restarted.restore(open);
        Decisions out = new Decisions();
        restarted.report(AlarmKind.TEMPERATURE_HIGH, true, at(500, 61), "hot", T0.plusSeconds(500), out);
        assertThat(out.toList()).isEmpty();
        assertThat(restarted.openAlarms()).containsExactly(open);
    }
}
