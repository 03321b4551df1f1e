package org.anju.agent.safety;

import static org.anju.agent.safety.Readings.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.SessionRecord;
import org.anju.protocol.pile.CutReason;
import org.junit.jupiter.api.Test;

/** One port's rules on hand-made readings: what each reading decides, and in which order. */
class PortSupervisorTest {
    private PortSupervisor port = new PortSupervisor(PILE, 1, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS, "feeder-A");

    private List<SafetyDecision> charge(long fromSecond, long toSecond, double watts, long counterAtStart) {
        List<SafetyDecision> all = new ArrayList<>();
        for (long s = fromSecond; s <= toSecond; s += 5) {
            all.addAll(port.onReading(on(s, watts, counterAtStart + (long) (watts * (s - fromSecond) / 3600))));
        }
        return all;
    }

    @Test
    void aRelaySeenClosedStartsASessionAndTheCounterMetersIt() {
        List<SafetyDecision> first = port.onReading(on(0, 180, 10_000));
        SessionRecord started = one(SafetyDecision.SessionStarted.class, first).session();
        assertThat(started.startedBy()).isEqualTo(SessionRecord.STARTED_AT_PILE);
        assertThat(one(SafetyDecision.PortStatusChanged.class, first).status()).isEqualTo(OcppStatus.CHARGING);
        charge(5, 1200, 180, 10_000);
        assertThat(port.session().orElseThrow().energyWh()).isEqualTo(59);
    }

    @Test
    void overloadIsCutAtOnceOnTheFirstReadingAboveTheLimitWithCommandsAheadOfEvents() {
        charge(0, 600, 180, 0);
        List<SafetyDecision> d = port.onReading(on(605, 850, 30));
        assertThat(d.get(0)).isEqualTo(new SafetyDecision.CutPort(PILE, 1, EndReason.OVERLOAD, on(605, 850, 30)));
        assertThat(d.get(1)).isEqualTo(new SafetyDecision.VerifyCut(PILE, 1, at(615)));
        Alarm alarm = raised(d).get(0);
        assertThat(alarm.kind()).isEqualTo(AlarmKind.OVERLOAD);
        assertThat(alarm.errorCode()).isEqualTo(OcppErrorCode.OVER_CURRENT_FAILURE);
        assertThat(alarm.detail()).contains("850 W", "800 W");
        assertThat(alarm.cause()).isEqualTo(on(605, 850, 30));
        assertThat(d.stream().takeWhile(SafetyDecision::isCommand).count()).isEqualTo(2);
        assertThat(d.stream().skip(2).noneMatch(SafetyDecision::isCommand)).isTrue();
        SafetyDecision.PortStatusChanged faulted = one(SafetyDecision.PortStatusChanged.class, d);
        assertThat(faulted.status()).isEqualTo(OcppStatus.FAULTED);
        assertThat(faulted.errorCode()).isEqualTo(OcppErrorCode.OVER_CURRENT_FAILURE);

        List<SafetyDecision> verified = port.onReading(off(608, 30, OcppStatus.FINISHING, CutReason.REMOTE));
        assertThat(verified).hasSize(2);
        assertThat(one(SafetyDecision.CutSettled.class, verified).settlement()).isEqualTo(SafetyDecision.Settlement.OFF);
        assertThat(one(SafetyDecision.SessionEnded.class, verified).session().endReason()).isEqualTo(EndReason.OVERLOAD);
        assertThat(port.requestStart("tenant-1", at(610))).singleElement()
                .isInstanceOf(SafetyDecision.StartRefused.class);
    }

    @Test
    void theOverloadAlarmClearsOnceTheFaultyChargerIsUnpluggedAndStaysClearedLongEnough() {
        charge(0, 60, 180, 0);
        port.onReading(on(65, 900, 3));
        port.onReading(off(70, 3, OcppStatus.FAULTED, CutReason.REMOTE));
        port.onReading(unplugged(100, 3));
        assertThat(of(SafetyDecision.ClearAlarm.class, port.onReading(unplugged(159, 3)))).isEmpty();
        assertThat(one(SafetyDecision.ClearAlarm.class, port.onReading(unplugged(160, 3))).alarm().kind())
                .isEqualTo(AlarmKind.OVERLOAD);
    }

    @Test
    void aStuckRelayFailsVerificationEscalatesToTheFeederOnceAndFaultsThePort() {
        charge(0, 60, 180, 0);
        port.onReading(on(65, 950, 3));
        assertThat(port.onReading(welded(70, 950, 4))).isEmpty(); // still within the deadline
        List<SafetyDecision> d = port.onReading(welded(76, 950, 5));
        assertThat(d.get(0)).isEqualTo(new SafetyDecision.EscalateFeederCut(PILE, "feeder-A", welded(76, 950, 5)));
        Alarm failed = raised(d).get(0);
        assertThat(failed.kind()).isEqualTo(AlarmKind.CUT_FAILED);
        assertThat(failed.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(failed.errorCode()).isEqualTo(OcppErrorCode.POWER_SWITCH_FAILURE);
        assertThat(failed.detail()).contains("welded", "feeder feeder-A cut");
        assertThat(one(SafetyDecision.PortStatusChanged.class, d).errorCode()).isEqualTo(OcppErrorCode.POWER_SWITCH_FAILURE);
        for (long s = 80; s < 200; s += 5) {
            List<SafetyDecision> later = port.onReading(welded(s, 950, 5));
            assertThat(of(SafetyDecision.EscalateFeederCut.class, later)).isEmpty();
            assertThat(raised(later)).isEmpty();
        }
        assertThat(port.session()).isPresent(); // power still flows: the session is still metering it
    }

    @Test
    void aCoilThatStillReadsClosedGetsTheCutSentOnceMoreBeforeTheDeadline() {
        charge(0, 60, 180, 0);
        port.onReading(on(65, 900, 3));
        List<SafetyDecision> retry = port.onReading(on(67, 900, 3));
        assertThat(retry).containsExactly(new SafetyDecision.CutPort(PILE, 1, EndReason.OVERLOAD, on(67, 900, 3)));
        assertThat(port.onReading(on(69, 900, 3))).isEmpty();
        List<SafetyDecision> late = port.onReading(on(76, 900, 4));
        assertThat(raised(late).get(0).detail()).contains("still reads closed");
    }

    @Test
    void withoutAFeederTheFailureAlarmSaysToIsolateThePileByHand() {
        port = new PortSupervisor(PILE, 1, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS, null);
        charge(0, 60, 180, 0);
        port.onReading(on(65, 900, 3));
        List<SafetyDecision> d = port.onReading(welded(80, 900, 5));
        assertThat(of(SafetyDecision.EscalateFeederCut.class, d)).isEmpty();
        assertThat(raised(d).get(0).detail()).contains("isolate it by hand");
    }

    @Test
    void aCutWithNoReadingBeforeTheDeadlineIsUnverifiedAndAHazardEscalates() {
        charge(0, 60, 180, 0);
        port.onReading(on(65, 900, 3));
        assertThat(port.tick(at(74))).isEmpty();
        List<SafetyDecision> d = port.tick(at(76));
        assertThat(of(SafetyDecision.EscalateFeederCut.class, d)).hasSize(1);
        Alarm a = raised(d).get(0);
        assertThat(a.errorCode()).isEqualTo(OcppErrorCode.OTHER_ERROR);
        assertThat(a.detail()).contains("no reading");
    }

    @Test
    void anUnverifiedFullChargeCutIsSentAgainWhenReadingsReturnAndEscalatesOnlyIfThePortStaysOn() {
        charge(0, 60, 20, 0);
        List<SafetyDecision> full = port.onReading(on(665, 20, 3));
        assertThat(one(SafetyDecision.CutPort.class, full).reason()).isEqualTo(EndReason.FULL);
        List<SafetyDecision> quiet = port.tick(at(700)); // bus down: no reading since the cut
        assertThat(of(SafetyDecision.EscalateFeederCut.class, quiet)).isEmpty(); // not a hazard
        assertThat(raised(quiet)).extracting(Alarm::kind).containsExactly(AlarmKind.CUT_FAILED);
        List<SafetyDecision> back = port.onReading(on(760, 20, 4));
        assertThat(one(SafetyDecision.CutPort.class, back).reason()).isEqualTo(EndReason.FULL);
        assertThat(of(SafetyDecision.EscalateFeederCut.class, port.onReading(on(771, 20, 4)))).hasSize(1);
    }

    @Test
    void fullChargeEndsTheSessionAfterTheConfiguredTimeBelowTheThresholdAndAnyRiseRestartsTheClock() {
        charge(0, 60, 180, 0);
        charge(65, 300, 20, 3);
        port.onReading(on(305, 35, 5)); // a blip above 30 W: the full-charge clock starts over
        charge(310, 905, 20, 5);
        List<SafetyDecision> d = port.onReading(on(910, 20, 8));
        assertThat(one(SafetyDecision.CutPort.class, d).reason()).isEqualTo(EndReason.FULL);
        assertThat(raised(d)).isEmpty();
        List<SafetyDecision> end = port.onReading(off(913, 8, OcppStatus.FINISHING, CutReason.REMOTE));
        assertThat(one(SafetyDecision.SessionEnded.class, end).session().endReason()).isEqualTo(EndReason.FULL);
        assertThat(one(SafetyDecision.PortStatusChanged.class, port.onReading(off(916, 8, OcppStatus.FINISHING,
                CutReason.REMOTE))).status()).isEqualTo(OcppStatus.FINISHING);
    }

    @Test
    void aSessionReachingTheMaximumTimeIsCut() {
        port.onReading(on(0, 180, 0));
        assertThat(of(SafetyDecision.CutPort.class, port.onReading(on(8 * 3600 - 1, 180, 1439)))).isEmpty();
        assertThat(one(SafetyDecision.CutPort.class, port.onReading(on(8 * 3600, 180, 1440))).reason())
                .isEqualTo(EndReason.MAX_TIME);
    }

    @Test
    void firmwareCutsEndTheSessionWithTheFirmwaresReasonAndAFirmwareOverloadRaisesTheAlarm() {
        port.onReading(on(0, 180, 0));
        List<SafetyDecision> d = port.onReading(off(5, 0, OcppStatus.FAULTED, CutReason.OVERLOAD));
        assertThat(one(SafetyDecision.SessionEnded.class, d).session().endReason()).isEqualTo(EndReason.OVERLOAD);
        assertThat(raised(d)).extracting(Alarm::kind).containsExactly(AlarmKind.OVERLOAD);
        assertThat(of(SafetyDecision.CutPort.class, d)).isEmpty();

        port.onReading(unplugged(10, 0));
        port.onReading(on(20, 180, 0));
        assertThat(one(SafetyDecision.SessionEnded.class, port.onReading(unplugged(30, 1))).session().endReason())
                .isEqualTo(EndReason.UNPLUGGED);
    }

    @Test
    void aRemoteStartNamesTheTenantAndARemoteStopIsCutAndVerified() {
        port.onReading(idle(0, 0));
        assertThat(port.requestStart("tenant-9", at(1))).containsExactly(new SafetyDecision.ClosePort(PILE, 1,
                SafetyDecision.CloseReason.START_REQUESTED, "tenant-9"));
        SessionRecord s = one(SafetyDecision.SessionStarted.class, port.onReading(on(3, 180, 0))).session();
        assertThat(s.startedBy()).isEqualTo("tenant-9");
        List<SafetyDecision> stop = port.requestStop("tenant-9", "tenant-9", at(100));
        assertThat(one(SafetyDecision.CutPort.class, stop).reason()).isEqualTo(EndReason.REMOTE_STOP);
        assertThat(one(SafetyDecision.VerifyCut.class, stop).deadline()).isEqualTo(at(110));
        assertThat(one(SafetyDecision.SessionEnded.class, port.onReading(off(102, 5, OcppStatus.FINISHING,
                CutReason.REMOTE))).session().endReason()).isEqualTo(EndReason.REMOTE_STOP);
    }

    @Test
    void startsAreRefusedWithAReasonAPersonCanActOn() {
        assertThat(one(SafetyDecision.StartRefused.class, port.requestStart("t", at(0))).reason()).contains("not been read");
        port.onReading(unplugged(1, 0));
        assertThat(one(SafetyDecision.StartRefused.class, port.requestStart("t", at(2))).reason()).contains("nothing is plugged");
        port.onReading(on(3, 180, 0));
        assertThat(one(SafetyDecision.StartRefused.class, port.requestStart("t", at(4))).reason()).contains("already running");
    }

    @Test
    void aPileRebootMidSessionKeepsTheEnergyAndSwitchesThePortBackOnOnce() {
        charge(0, 3600, 180, 50_000); // 180 Wh
        List<SafetyDecision> reboot = port.onReading(idle(3605, 0));
        assertThat(one(SafetyDecision.Warn.class, reboot).kind()).isEqualTo(WarningKind.PILE_RESTARTED);
        assertThat(one(SafetyDecision.ClosePort.class, reboot).why())
                .isEqualTo(SafetyDecision.CloseReason.RESUME_AFTER_PILE_REBOOT);
        assertThat(of(SafetyDecision.SessionEnded.class, reboot)).isEmpty();
        charge(3610, 7210, 180, 0);
        assertThat(port.session().orElseThrow().energyWh()).isEqualTo(360);
        assertThat(port.session().orElseThrow().meter().segments()).isEqualTo(2);

        // a second reboot in the same session is not resumed again: the pile is not healthy
        List<SafetyDecision> again = port.onReading(idle(7215, 0));
        assertThat(one(SafetyDecision.SessionEnded.class, again).session().endReason()).isEqualTo(EndReason.DEVICE_FAULT);
        assertThat(one(SafetyDecision.SessionEnded.class, again).session().energyWh()).isEqualTo(360);
    }

    @Test
    void aPileThatDoesNotComeBackOnAfterItsRebootEndsTheSessionAsADeviceFault() {
        charge(0, 600, 180, 1000);
        port.onReading(idle(605, 0));
        assertThat(of(SafetyDecision.SessionEnded.class, port.onReading(idle(630, 0)))).isEmpty();
        assertThat(one(SafetyDecision.SessionEnded.class, port.onReading(idle(640, 0))).session().endReason())
                .isEqualTo(EndReason.DEVICE_FAULT);
    }

    @Test
    void aGatewayRestartResumesTheSessionAndMetersTheDowntimeFromTheCounter() {
        charge(0, 600, 180, 1000);
        SessionRecord persisted = port.session().orElseThrow();
        PortSupervisor restarted = new PortSupervisor(PILE, 1, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS, null);
        restarted.resume(persisted);
        List<SafetyDecision> d = restarted.onReading(on(2400, 180, 1120)); // 30 min later, still charging
        assertThat(of(SafetyDecision.SessionStarted.class, d)).isEmpty();
        assertThat(restarted.session().orElseThrow().energyWh()).isEqualTo(120);
        assertThat(restarted.session().orElseThrow().sessionId()).isEqualTo(persisted.sessionId());
    }

    @Test
    void aSessionTheWatchdogEndedWhileTheGatewayWasDownEndsForTheGatewayRestart() {
        charge(0, 600, 180, 1000);
        PortSupervisor restarted = new PortSupervisor(PILE, 1, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS, null);
        restarted.resume(port.session().orElseThrow());
        List<SafetyDecision> d = restarted.onReading(off(3000, 1033, OcppStatus.PREPARING, CutReason.WATCHDOG));
        SessionRecord ended = one(SafetyDecision.SessionEnded.class, d).session();
        assertThat(ended.endReason()).isEqualTo(EndReason.GATEWAY_RESTART);
        assertThat(ended.energyWh()).isEqualTo(33);
    }

    @Test
    void aClockSetBackStillCutsAnOverloadAndHoldsTimedRulesUntilTheClockCatchesUp() {
        port.onReading(on(0, 20, 0));
        port.onReading(on(500, 20, 2));
        // the wall clock steps back an hour: full-charge time must not count backwards or misfire
        List<SafetyDecision> back = port.onReading(on(500 - 3600, 20, 2));
        assertThat(of(SafetyDecision.CutPort.class, back)).isEmpty();
        List<SafetyDecision> overload = port.onReading(on(505 - 3600, 900, 2));
        SafetyDecision.CutPort cut = one(SafetyDecision.CutPort.class, overload);
        assertThat(cut.reason()).isEqualTo(EndReason.OVERLOAD);
        assertThat(cut.cause().at()).isEqualTo(at(500)); // held at the last good time
    }

    @Test
    void aHeldPortFoundOnIsCutAgainAndStartsAreRefused() {
        port.onReading(idle(0, 0));
        assertThat(port.hold(EndReason.SMOKE_OR_FIRE, pile(1, 30), false)).isEmpty(); // idle: nothing to verify
        List<SafetyDecision> d = port.onReading(on(5, 180, 0));
        assertThat(one(SafetyDecision.CutPort.class, d).reason()).isEqualTo(EndReason.SMOKE_OR_FIRE);
        assertThat(one(SafetyDecision.Warn.class, d).kind()).isEqualTo(WarningKind.CLOSED_DURING_HOLD);
        assertThat(one(SafetyDecision.StartRefused.class, port.requestStart("t", at(6))).reason()).contains("SMOKE_OR_FIRE");
        port.release(EndReason.SMOKE_OR_FIRE);
        assertThat(one(SafetyDecision.SessionEnded.class, port.onReading(idle(8, 0))).session().endReason())
                .isEqualTo(EndReason.SMOKE_OR_FIRE);
    }

    @Test
    void aMeterJumpIsReportedAndNotCounted() {
        charge(0, 60, 180, 100);
        List<SafetyDecision> d = port.onReading(on(65, 180, 900_000));
        assertThat(one(SafetyDecision.Warn.class, d).kind()).isEqualTo(WarningKind.METER_JUMP);
        assertThat(port.session().orElseThrow().energyWh()).isEqualTo(3);
    }

    @Test
    void statusChangesOtherThanFaultsMustBeSeenTwiceSoAWaveringPortDoesNotFlood() {
        port.onReading(on(0, 180, 0));
        int changes = 0;
        for (int i = 1; i < 40; i++) {
            double watts = i % 2 == 0 ? 31 : 29; // wavering around the 30 W suspended threshold
            changes += of(SafetyDecision.PortStatusChanged.class, port.onReading(on(i * 5L, watts, 0))).size();
        }
        assertThat(changes).isZero();
        // the last of the loop was 29 W: this second one in a row is a change
        assertThat(one(SafetyDecision.PortStatusChanged.class, port.onReading(on(200, 29, 0))).status())
                .isEqualTo(OcppStatus.SUSPENDED_EV);
    }
}
