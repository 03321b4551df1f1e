package org.anju.agent.safety;

import static org.anju.agent.safety.Readings.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.SessionRecord;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileRegisterMap;
import org.junit.jupiter.api.Test;

/** Smoke or the fire panel in a charging area, through the site-wide {@link ChargingSafety}. */
class FireInAreaTest {
    private final ChargingSafety site = new ChargingSafety(
            List.of(new AreaEgress("A", List.of("door-A-east", "door-A-west")), new AreaEgress("B", List.of())),
            List.of(pileIn("p1", "A"), pileIn("p2", "A"), pileIn("p3", "B")));

    private static PileSite pileIn(String id, String area) {
        return new PileSite(id, 2, area, null, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS);
    }

    private static PortReading charging(String pile, int port, long seconds) {
        return new PortReading(pile, port, at(seconds), OcppStatus.CHARGING, 229, 0.8, 180, 0, true, true, CutReason.NONE);
    }

    private static PortReading cut(String pile, int port, long seconds) {
        return new PortReading(pile, port, at(seconds), OcppStatus.PREPARING, 230, 0, 0, 1, false, true, CutReason.REMOTE);
    }

    private void allCharging(long seconds) {
        for (String pile : List.of("p1", "p2", "p3")) {
            for (int port = 1; port <= 2; port++) {
                site.onPortReading(charging(pile, port, seconds));
            }
        }
    }

    @Test
    void aFirePanelInputCutsTheAreaReleasesItsDoorsAndRaisesTheFireAlarmInThatOrder() {
        allCharging(0);
        FireInput panel = new FireInput("A", "fire-panel-zone-3", at(10), true);
        List<SafetyDecision> d = site.onFireInput(panel);

        assertThat(d.get(0)).isEqualTo(new SafetyDecision.CutArea("A", EndReason.SMOKE_OR_FIRE, List.of("p1", "p2"), panel));
        assertThat(d.get(1)).isEqualTo(new SafetyDecision.ReleaseDoors("A", List.of("door-A-east", "door-A-west"), panel));
        assertThat(of(SafetyDecision.VerifyCut.class, d)).extracting(v -> v.pileId() + "/" + v.port())
                .containsExactly("p1/1", "p1/2", "p2/1", "p2/2");
        assertThat(of(SafetyDecision.CutPort.class, d)).isEmpty(); // the area cut covers every port
        Alarm fire = raised(d).get(0);
        assertThat(fire.kind()).isEqualTo(AlarmKind.FIRE);
        assertThat(fire.severity()).isEqualTo(Severity.FIRE);
        assertThat(fire.source()).isEqualTo("area:A");
        assertThat(fire.cause()).isEqualTo(panel);
        assertThat(fire.detail()).contains("fire-panel-zone-3", "every port commanded off", "egress doors told to release");

        // the ports confirm off: sessions end for the fire; area B charges on
        List<SafetyDecision> confirmed = new ArrayList<>();
        for (String pile : List.of("p1", "p2")) {
            for (int port = 1; port <= 2; port++) {
                confirmed.addAll(site.onPortReading(cut(pile, port, 12)));
            }
        }
        assertThat(of(SafetyDecision.SessionEnded.class, confirmed)).extracting(e -> e.session().endReason())
                .containsOnly(EndReason.SMOKE_OR_FIRE).hasSize(4);
        assertThat(site.openSessions()).extracting(SessionRecord::pileId).containsOnly("p3");
    }

    @Test
    void aPilesOwnSmokeDetectorCutsItsWholeAreaAndTheFireHoldsUntilClearedAndAcknowledged() {
        allCharging(0);
        List<SafetyDecision> d = site.onPileReading(new PileReading("p2", at(5), 31, true, PileRegisterMap.ALARM_SMOKE));
        assertThat(one(SafetyDecision.CutArea.class, d).piles()).containsExactly("p1", "p2");
        String fireId = raised(d).get(0).id();

        // port p1/1 confirms off; then someone closes its relay during the fire: cut again at once
        site.onPortReading(cut("p1", 1, 8));
        List<SafetyDecision> sneaky = site.onPortReading(charging("p1", 1, 20));
        assertThat(one(SafetyDecision.CutPort.class, sneaky).reason()).isEqualTo(EndReason.SMOKE_OR_FIRE);
        assertThat(one(SafetyDecision.Warn.class, sneaky).kind()).isEqualTo(WarningKind.CLOSED_DURING_HOLD);
        site.onPortReading(cut("p1", 1, 22));
        assertThat(one(SafetyDecision.StartRefused.class, site.requestStart("p1", 2, "tenant", at(21))).reason())
                .contains("SMOKE_OR_FIRE");

        // the smoke goes: no clear without an acknowledgement, however long
        site.onPileReading(new PileReading("p2", at(30), 30, false, 0));
        assertThat(of(SafetyDecision.ClearAlarm.class, site.tick(at(3600)))).isEmpty();
        assertThat(site.area("A").inFire()).isTrue();

        List<SafetyDecision> ack = site.acknowledge(fireId, "officer-zhang", at(3700));
        assertThat(one(SafetyDecision.AlarmAcknowledged.class, ack).alarm().acknowledgedBy()).isEqualTo("officer-zhang");
        assertThat(one(SafetyDecision.ClearAlarm.class, ack).alarm().id()).isEqualTo(fireId);
        assertThat(site.area("A").inFire()).isFalse();
        site.onPortReading(cut("p1", 2, 3701));
        assertThat(site.requestStart("p1", 2, "tenant", at(3702))).singleElement()
                .isInstanceOf(SafetyDecision.ClosePort.class);
    }

    @Test
    void inputsFlappingDuringAFireRaiseNothingNew() {
        site.onFireInput(new FireInput("A", "smoke-1", at(0), true));
        List<SafetyDecision> flaps = new ArrayList<>();
        for (int s = 1; s < 120; s++) {
            flaps.addAll(site.onFireInput(new FireInput("A", s % 3 == 0 ? "smoke-2" : "smoke-1", at(s), s % 2 == 0)));
        }
        assertThat(of(SafetyDecision.CutArea.class, flaps)).isEmpty();
        assertThat(of(SafetyDecision.ReleaseDoors.class, flaps)).isEmpty();
        assertThat(raised(flaps)).isEmpty();
    }

    @Test
    void anAreaWithoutEgressDoorsIsStillCutAndAlarmed() {
        List<SafetyDecision> d = site.onFireInput(new FireInput("B", "smoke", at(0), true));
        assertThat(one(SafetyDecision.CutArea.class, d).piles()).containsExactly("p3");
        assertThat(of(SafetyDecision.ReleaseDoors.class, d)).isEmpty();
        assertThat(raised(d)).extracting(Alarm::kind).containsExactly(AlarmKind.FIRE);
    }

    @Test
    void aFireOpenWhenTheGatewayStoppedCutsTheAreaAgainAfterARestart() {
        allCharging(0);
        site.onFireInput(new FireInput("A", "panel", at(1), true));
        List<Alarm> open = site.openAlarms();
        List<SessionRecord> sessions = site.openSessions();

        ChargingSafety restarted = new ChargingSafety(
                List.of(new AreaEgress("A", List.of("door-A-east")), new AreaEgress("B", List.of())),
                List.of(pileIn("p1", "A"), pileIn("p2", "A"), pileIn("p3", "B")));
        List<SafetyDecision> d = restarted.restore(sessions, open, at(100));
        assertThat(of(SafetyDecision.CutPort.class, d)).hasSize(4)
                .allSatisfy(c -> assertThat(c.reason()).isEqualTo(EndReason.SMOKE_OR_FIRE));
        assertThat(restarted.area("A").inFire()).isTrue();
        assertThat(restarted.openAlarms()).extracting(Alarm::id).containsExactlyElementsOf(open.stream().map(Alarm::id).toList());
        assertThat(restarted.openSessions()).hasSize(6);
    }

    @Test
    void aSiteThatNamesAnUnknownAreaOrPileIsAProgrammingError() {
        assertThatThrownBy(() -> new ChargingSafety(List.of(), List.of(pileIn("p1", "Z"))))
                .hasMessageContaining("area Z");
        assertThatThrownBy(() -> site.onPortReading(charging("nope", 1, 0))).hasMessageContaining("no pile nope");
    }

    @Test
    void anOfficerRestoresAnAreaOnlyOnceItsSmokeIsGoneAndEveryPortSaysItIsNoLongerHeld() {
        allCharging(0);
        String fireId = raised(site.onPileReading(new PileReading("p2", at(5), 31, true, PileRegisterMap.ALARM_SMOKE)))
                .get(0).id();
        assertThat(site.pile("p1").port(2).hold()).get().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(EndReason.SMOKE_OR_FIRE);
            assertThat(h.since()).isEqualTo(at(5));
            assertThat(h.by()).isNull();
        });
        assertThat(site.pile("p3").port(1).hold()).as("area B is not on fire").isEmpty();

        // refused while the smoke is on, naming the input; nothing changes
        List<SafetyDecision> early = site.requestAreaRestore("A", "officer-zhang", at(20));
        assertThat(one(SafetyDecision.RestoreRefused.class, early).reason()).contains("still active", "pile p2 smoke");
        assertThat(early).hasSize(1);
        assertThat(site.area("A").inFire()).isTrue();

        // the smoke goes: the officer need not wait out the quiet time nor acknowledge first
        site.onPileReading(new PileReading("p2", at(30), 30, false, 0));
        List<SafetyDecision> restored = site.requestAreaRestore("A", "officer-zhang", at(40));
        assertThat(one(SafetyDecision.AlarmAcknowledged.class, restored).alarm().acknowledgedBy()).isEqualTo("officer-zhang");
        assertThat(one(SafetyDecision.ClearAlarm.class, restored).alarm().id()).isEqualTo(fireId);
        assertThat(one(SafetyDecision.AreaRestored.class, restored).released())
                .containsExactly("p1/1", "p1/2", "p2/1", "p2/2");
        assertThat(site.area("A").inFire()).isFalse();
        assertThat(site.pile("p1").port(2).hold()).isEmpty();
        site.onPortReading(cut("p1", 2, 41));
        assertThat(site.requestStart("p1", 2, "tenant", at(42))).singleElement().isInstanceOf(SafetyDecision.ClosePort.class);
    }

    @Test
    void anOfficersAreaCutHoldsThePortsOffInTheirNameUntilTheyRestoreIt() {
        allCharging(0);
        site.requestAreaCut("a1", "B", "officer-li", at(10));
        assertThat(site.pile("p3").port(1).hold()).get().isEqualTo(new PortHold(EndReason.OFFICER_CUT, at(10), "officer-li"));
        site.onPortReading(cut("p3", 1, 11));
        assertThat(one(SafetyDecision.StartRefused.class, site.requestStart("p3", 1, "tenant", at(12))).reason())
                .contains("OFFICER_CUT");

        List<SafetyDecision> restored = site.requestAreaRestore("B", "officer-li", at(20));
        assertThat(of(SafetyDecision.ClearAlarm.class, restored)).as("no fire to clear").isEmpty();
        assertThat(one(SafetyDecision.AreaRestored.class, restored).released()).containsExactly("p3/1", "p3/2");
        assertThat(site.requestStart("p3", 1, "tenant", at(21))).singleElement().isInstanceOf(SafetyDecision.ClosePort.class);
    }

    @Test
    void aPileStillTooHotKeepsItsOwnHoldThroughARestore() {
        allCharging(0);
        site.requestAreaCut("a1", "B", "officer-li", at(10));
        site.onPileReading(new PileReading("p3", at(11), 95, false, 0)); // far past the cut temperature
        assertThat(site.pile("p3").port(1).hold()).get().extracting(PortHold::reason).isEqualTo(EndReason.OVER_TEMPERATURE);
        SafetyDecision.AreaRestored restored = one(SafetyDecision.AreaRestored.class,
                site.requestAreaRestore("B", "officer-li", at(20)));
        assertThat(restored.released()).isEmpty();
        assertThat(restored.stillHeld()).containsExactly("p3/1", "p3/2");
        assertThat(site.pile("p3").port(1).hold()).get().extracting(PortHold::reason).isEqualTo(EndReason.OVER_TEMPERATURE);
    }
}
