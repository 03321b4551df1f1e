package org.anju.agent.safety;

import static org.anju.agent.safety.Readings.at;
import static org.anju.agent.safety.Readings.of;
import static org.anju.agent.safety.Readings.one;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.EnergyMeter;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.SessionRecord;
import org.anju.protocol.pile.CutReason;
import org.junit.jupiter.api.Test;

/**
 * People's stops and cuts on the rules alone, in simulated time: the relay opens at once whatever
 * the rules know of the port, and the request completes only with what the ports read afterwards.
 */
class PersonCutsTest {
    private static final String PILE = "pile-1";
    private ChargingSafety safety = new ChargingSafety(List.of(new AreaEgress("A", List.of())),
            List.of(new PileSite(PILE, 3, "A", "feeder-A", SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS)));

    private static PortReading on(int port, long s, double watts) {
        return new PortReading(PILE, port, at(s), OcppStatus.CHARGING, 229, watts / 229, watts, 1000 + s / 20, true, true,
                CutReason.NONE);
    }

    private static PortReading off(int port, long s) {
        return new PortReading(PILE, port, at(s), OcppStatus.FINISHING, 230, 0, 0, 1000 + s / 20, false, true,
                CutReason.REMOTE);
    }

    private static PortReading welded(int port, long s) {
        return new PortReading(PILE, port, at(s), OcppStatus.PREPARING, 229, 0.8, 180, 1000 + s / 20, false, true,
                CutReason.REMOTE);
    }

    private static PortReading idle(int port, long s) {
        return new PortReading(PILE, port, at(s), OcppStatus.PREPARING, 230, 0, 0, 1000, false, true, CutReason.NONE);
    }

    /** A session of tenant t-7 on port 2 that was open when the gateway stopped. */
    private static SessionRecord resumed() {
        return new SessionRecord(SessionRecord.idFor(PILE, 2, at(-600)), PILE, 2, "t-7", at(-600),
                EnergyMeter.startAt(900, at(-600)), null, null, null);
    }

    private static SafetyDecision.CutCompleted completed(List<SafetyDecision> d) {
        return one(SafetyDecision.CutCompleted.class, d);
    }

    @Test
    void aStopRightAfterARestartCutsAtOnceThoughThePortWasNeverReadAndIsDoneOnlyWhenItReadsOff() {
        safety.restore(List.of(resumed()), List.of(), at(0));
        List<SafetyDecision> stop = safety.requestStop("s1", PILE, 2, "t-7", "t-7", at(0));
        assertThat(stop.get(0)).isInstanceOfSatisfying(SafetyDecision.CutPort.class, c -> assertThat(c.port()).isEqualTo(2));
        assertThat(one(SafetyDecision.VerifyCut.class, stop).deadline()).isEqualTo(at(10));
        assertThat(of(SafetyDecision.CutCompleted.class, stop)).as("nothing is done before the port reads off").isEmpty();

        List<SafetyDecision> readBack = safety.onPortReading(off(2, 0));
        SafetyDecision.CutCompleted done = completed(readBack);
        assertThat(done.requestId()).isEqualTo("s1");
        assertThat(done.result()).isEqualTo(SafetyDecision.Settlement.OFF);
        assertThat(done.detail()).contains("pile-1 port 2 read back off at " + at(0));
        SessionRecord ended = one(SafetyDecision.SessionEnded.class, readBack).session();
        assertThat(ended.endReason()).isEqualTo(EndReason.REMOTE_STOP);
        assertThat(ended.endedBy()).isEqualTo("t-7");
        assertThat(readBack.indexOf(done)).as("the completion comes after the session's end")
                .isGreaterThan(readBack.indexOf(one(SafetyDecision.SessionEnded.class, readBack)));
    }

    @Test
    void aStopOfAPortAlreadyOffSaysSoOnceItReadsOffAgain() {
        safety.onPortReading(idle(1, 0));
        List<SafetyDecision> stop = safety.requestStop("s1", PILE, 1, null, "landlord-2", at(1));
        assertThat(of(SafetyDecision.CutPort.class, stop)).as("opening a relay is always safe: sent anyway").hasSize(1);
        SafetyDecision.CutCompleted done = completed(safety.onPortReading(idle(1, 1)));
        assertThat(done.result()).isEqualTo(SafetyDecision.Settlement.ALREADY_OFF);
        assertThat(done.detail()).contains("was off already");
    }

    @Test
    void aTenantStopsOnlyTheirOwnChargeAndTheRefusalNamesNobody() {
        safety.onPortReading(on(1, 0, 180)); // started at the pile (a card)
        safety.restore(List.of(resumed()), List.of(), at(0));
        safety.onPortReading(on(2, 1, 180));

        SafetyDecision.StopRefused atPile = one(SafetyDecision.StopRefused.class,
                safety.requestStop("s1", PILE, 1, "t-7", "t-7", at(2)));
        assertThat(atPile.reason()).contains("started at the pile", "landlord", "fire safety officer");
        List<SafetyDecision> other = safety.requestStop("s2", PILE, 2, "t-9", "t-9", at(2));
        assertThat(other).singleElement().isInstanceOfSatisfying(SafetyDecision.StopRefused.class,
                r -> assertThat(r.reason()).contains("another tenant").doesNotContain("t-7"));
        assertThat(one(SafetyDecision.StopRefused.class, safety.requestStop("s3", PILE, 3, "t-9", "t-9", at(2))).reason())
                .as("a port never read, with no session: nothing of theirs").contains("no charge of yours");

        assertThat(of(SafetyDecision.CutPort.class, safety.requestStop("s4", PILE, 2, "t-7", "t-7", at(3)))).hasSize(1);
        assertThat(of(SafetyDecision.CutPort.class, safety.requestStop("s5", PILE, 1, null, "landlord-2", at(3))))
                .as("the landlord stops any charge").hasSize(1);
    }

    @Test
    void aStopOfASilentPileIsNeverDoneItFailsWithTheReasonAtTheDeadline() {
        safety.restore(List.of(resumed()), List.of(), at(0));
        safety.requestStop("s1", PILE, 2, "t-7", "t-7", at(0));
        assertThat(of(SafetyDecision.CutCompleted.class, safety.tick(at(10)))).isEmpty();
        List<SafetyDecision> late = safety.tick(at(11));
        SafetyDecision.CutCompleted failed = completed(late);
        assertThat(failed.result()).isEqualTo(SafetyDecision.Settlement.NOT_OFF);
        assertThat(failed.detail()).contains("pile-1 port 2", "no reading", "cannot be confirmed");
        assertThat(Readings.raised(late)).extracting(Alarm::kind).contains(AlarmKind.CUT_FAILED);
    }

    @Test
    void anOfficersCutOfAStuckRelayFailsNamingTheFeederItSwitchedOffAndIsRecordedInTheirName() {
        safety.onPortReading(on(3, 0, 180));
        List<SafetyDecision> cut = safety.requestPortCut("c1", PILE, 3, "officer-17", at(1));
        assertThat(one(SafetyDecision.CutPort.class, cut).reason()).isEqualTo(EndReason.OFFICER_CUT);
        assertThat(one(SafetyDecision.CutPort.class, cut).cause()).isInstanceOfSatisfying(
                org.anju.agent.charging.Request.class, r -> assertThat(r.by()).isEqualTo("officer-17"));
        assertThat(of(SafetyDecision.CutCompleted.class, safety.onPortReading(welded(3, 2)))).isEmpty();
        List<SafetyDecision> late = safety.onPortReading(welded(3, 12));
        assertThat(of(SafetyDecision.EscalateFeederCut.class, late)).hasSize(1);
        SafetyDecision.CutCompleted failed = completed(late);
        assertThat(failed.kind()).isEqualTo("port.cut");
        assertThat(failed.by()).isEqualTo("officer-17");
        assertThat(failed.result()).isEqualTo(SafetyDecision.Settlement.NOT_OFF);
        assertThat(failed.detail()).contains("welded", "feeder feeder-A cut");
    }

    @Test
    void anAreaCutCompletesOnceEveryPortReadsBackOffSayingWhichWereOffAlready() {
        safety.onPortReading(on(1, 0, 180));
        safety.onPortReading(on(2, 0, 150));
        safety.onPortReading(idle(3, 0));
        List<SafetyDecision> cut = safety.requestAreaCut("a1", "A", "officer-17", at(1));
        assertThat(of(SafetyDecision.CutPort.class, cut)).hasSize(3);
        assertThat(of(SafetyDecision.CutCompleted.class, safety.onPortReading(off(1, 1)))).isEmpty();
        assertThat(of(SafetyDecision.CutCompleted.class, safety.onPortReading(idle(3, 1)))).isEmpty();
        List<SafetyDecision> last = safety.onPortReading(off(2, 2));
        SafetyDecision.CutCompleted done = completed(last);
        assertThat(done.result()).isEqualTo(SafetyDecision.Settlement.OFF);
        assertThat(done.ports()).extracting(SafetyDecision.CutSettled::settlement).containsExactly(
                SafetyDecision.Settlement.OFF, SafetyDecision.Settlement.OFF, SafetyDecision.Settlement.ALREADY_OFF);
        assertThat(one(SafetyDecision.SessionEnded.class, last).session().endReason()).isEqualTo(EndReason.OFFICER_CUT);
        assertThat(one(SafetyDecision.SessionEnded.class, last).session().endedBy()).isEqualTo("officer-17");
    }

    @Test
    void twoPeopleCuttingOnePortAreBothAnsweredByItsOneReadBack() {
        safety.onPortReading(on(1, 0, 180));
        safety.requestStop("s1", PILE, 1, null, "landlord-2", at(1));
        safety.requestPortCut("c1", PILE, 1, "officer-17", at(1));
        assertThat(of(SafetyDecision.CutCompleted.class, safety.onPortReading(off(1, 2))))
                .extracting(SafetyDecision.CutCompleted::requestId).containsExactly("s1", "c1");
    }

    @Test
    void aFireCutCompletesWhenThePortsThatWereOnReadBackOff() {
        safety.onPortReading(on(1, 0, 180));
        safety.onPortReading(idle(2, 0));
        safety.onPortReading(idle(3, 0));
        List<SafetyDecision> fire = safety.onFireInput(new FireInput("A", "shed-smoke", at(1), true));
        assertThat(of(SafetyDecision.CutArea.class, fire)).hasSize(1);
        SafetyDecision.CutCompleted done = completed(safety.onPortReading(off(1, 2)));
        assertThat(done.requestId()).isNull();
        assertThat(done.area()).isEqualTo("A");
        assertThat(done.kind()).isEqualTo("SMOKE_OR_FIRE");
        assertThat(done.result()).isEqualTo(SafetyDecision.Settlement.OFF);
    }

    @Test
    void aPortSwitchedOnAtThePileAfterItReadOffIsCutAndVerifiedLikeAnyOther() {
        safety.onPortReading(idle(1, 0));
        safety.requestStop("s1", PILE, 1, null, "landlord-2", at(1));
        List<SafetyDecision> stillOn = safety.onPortReading(on(1, 2, 180)); // a card at the pile, before the cut landed
        assertThat(of(SafetyDecision.CutPort.class, stillOn)).as("the cut is sent again").hasSize(1);
        SafetyDecision.CutCompleted done = completed(safety.onPortReading(off(1, 3)));
        assertThat(done.result()).isEqualTo(SafetyDecision.Settlement.OFF);
    }
}
