package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.SimulatedPile;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.junit.jupiter.api.Test;

/** Smoke in a charging area with two simulated piles on one bus, and one more pile in another area. */
class SimulatedFireTest {
    private static final Duration POLL = Duration.ofSeconds(2);

    private static SupervisedSite twoAreas() {
        List<SimulatedPile> piles = List.of(
                new SimulatedPile("p1", 1, 10, PileLimits.DEFAULTS, SupervisedSite.T0),
                new SimulatedPile("p2", 2, 10, PileLimits.DEFAULTS, SupervisedSite.T0),
                new SimulatedPile("p3", 3, 10, PileLimits.DEFAULTS, SupervisedSite.T0));
        ChargingSafety safety = new ChargingSafety(
                List.of(new AreaEgress("north", List.of("door-north-1", "door-north-2")),
                        new AreaEgress("south", List.of("door-south"))),
                List.of(new PileSite("p1", 10, "north", null, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS),
                        new PileSite("p2", 10, "north", null, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS),
                        new PileSite("p3", 10, "south", null, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS)));
        SupervisedSite site = new SupervisedSite(safety, piles);
        for (String pile : List.of("p1", "p2", "p3")) {
            for (int port = 1; port <= 10; port++) {
                site.startAtPile(pile, port, Bike.TYPICAL);
            }
        }
        site.run(Duration.ofMinutes(10), POLL);
        return site;
    }

    @Test
    void smokeAtOnePileCutsEveryPortOfItsAreaReleasesTheDoorsAndLeavesTheOtherAreaCharging() {
        SupervisedSite site = twoAreas();
        assertThat(site.alarms()).isEmpty();
        assertThat(site.safety().openSessions()).hasSize(30);
        int mark = site.log().size();
        site.pile("p2").sim().smoke(true);
        site.step(POLL);
        List<SafetyDecision> fire = site.since(mark);

        SafetyDecision.CutArea cut = Readings.one(SafetyDecision.CutArea.class, fire);
        assertThat(cut.piles()).containsExactly("p1", "p2");
        assertThat(fire.indexOf(cut)).isLessThan(fire.indexOf(Readings.one(SafetyDecision.ReleaseDoors.class, fire)));
        assertThat(Readings.one(SafetyDecision.ReleaseDoors.class, fire).doors())
                .containsExactly("door-north-1", "door-north-2");
        Alarm alarm = Readings.raised(fire).get(0);
        assertThat(alarm.kind()).isEqualTo(AlarmKind.FIRE);
        assertThat(alarm.severity()).isEqualTo(Severity.FIRE);

        site.run(Duration.ofSeconds(10), POLL);
        for (String pile : List.of("p1", "p2")) {
            for (int port = 1; port <= 10; port++) {
                assertThat(site.pile(pile).sim().port(port).relayClosed()).as(pile + "/" + port).isFalse();
            }
        }
        assertThat(site.all(SafetyDecision.SessionEnded.class)).hasSize(20)
                .allSatisfy(e -> assertThat(e.session().endReason()).isEqualTo(EndReason.SMOKE_OR_FIRE));
        assertThat(site.safety().openSessions()).hasSize(10).allSatisfy(s -> assertThat(s.pileId()).isEqualTo("p3"));
        assertThat(site.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.FIRE); // no failed cuts
    }

    @Test
    void theFirePanelInputOfAnAreaDoesTheSameWithoutAnyPileSeeingSmoke() {
        SupervisedSite site = twoAreas();
        FireInput panel = new FireInput("south", "panel-zone-2", site.now(), true);
        site.apply(site.safety().onFireInput(panel));
        site.run(Duration.ofSeconds(10), POLL);
        for (int port = 1; port <= 10; port++) {
            assertThat(site.pile("p3").sim().port(port).relayClosed()).isFalse();
            assertThat(site.pile("p1").sim().port(port).relayClosed()).isTrue();
        }
        assertThat(site.all(SafetyDecision.ReleaseDoors.class)).singleElement()
                .satisfies(r -> assertThat(r.doors()).containsExactly("door-south"));
        assertThat(site.all(SafetyDecision.SessionEnded.class)).hasSize(10);
    }
}
