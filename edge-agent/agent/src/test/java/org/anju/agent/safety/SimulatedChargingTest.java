package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.SessionRecord;
import org.anju.firmware.pile.Bike;
import org.junit.jupiter.api.Test;

/**
 * Charging sessions and port rules against the reference pile simulator, read and commanded over
 * Modbus frames in simulated time: what the gateway decides when a real pile charges, overloads,
 * welds a relay or reboots, and when the gateway itself restarts or loses the bus.
 */
class SimulatedChargingTest {
    private static final Duration POLL = Duration.ofSeconds(5);

    private static boolean ended(SafetyDecision d) {
        return d instanceof SafetyDecision.SessionEnded;
    }

    private static SessionRecord endedSession(SafetyDecision d) {
        return ((SafetyDecision.SessionEnded) d).session();
    }

    @Test
    void aNormalChargeFrom35PercentEndsFullWithTheCountersEnergyAndRaisesNothing() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 2, Bike.TYPICAL);
        SessionRecord session = endedSession(site.runUntil(SimulatedChargingTest::ended, Duration.ofHours(8), POLL));

        assertThat(session.endReason()).isEqualTo(EndReason.FULL);
        assertThat(session.duration(site.now())).isBetween(Duration.ofHours(3), Duration.ofHours(6));
        double truth = site.pile().sim().port(2).energyWh();
        assertThat((double) session.energyWh()).isCloseTo(truth, offset(2.0));
        site.run(Duration.ofSeconds(15), POLL);
        assertThat(site.alarms()).isEmpty();
        assertThat(site.all(SafetyDecision.Warn.class)).isEmpty();
        assertThat(site.all(SafetyDecision.PortStatusChanged.class)).extracting(SafetyDecision.PortStatusChanged::status)
                .containsSubsequence(OcppStatus.CHARGING, OcppStatus.SUSPENDED_EV, OcppStatus.FINISHING);
        assertThat(site.pile().sim().port(2).relayClosed()).isFalse();
        // the heartbeat kept the pile's watchdog quiet the whole time
        assertThat(site.all(SafetyDecision.WriteHeartbeat.class).size()).isGreaterThan(3 * 3600 / 20);
        assertThat(site.pile().readPile().watchdogTripped()).isFalse();
    }

    @Test
    void anOverloadAboveTheGatewaysLimitButBelowTheFirmwaresIsCutByTheGatewayAndVerified() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, Bike.TYPICAL);
        site.run(Duration.ofMinutes(20), POLL);
        site.pile().sim().overload(1, 700); // 880 W: above the gateway's 800 W, below the firmware's 1000 W
        SafetyDecision end = site.runUntil(SimulatedChargingTest::ended, Duration.ofMinutes(1), POLL);

        assertThat(endedSession(end).endReason()).isEqualTo(EndReason.OVERLOAD);
        SafetyDecision.CutPort cut = site.all(SafetyDecision.CutPort.class).get(0);
        assertThat(cut.reason()).isEqualTo(EndReason.OVERLOAD);
        assertThat(((org.anju.agent.charging.PortReading) cut.cause()).watts()).isEqualTo(880);
        assertThat(site.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.OVERLOAD);
        assertThat(site.pile().sim().port(1).relayClosed()).isFalse();
        assertThat(site.pile().sim().port(1).cutReason()).isEqualTo(org.anju.protocol.pile.CutReason.REMOTE);
    }

    @Test
    void anOverloadTheFirmwareCutsFirstStillEndsTheSessionForOverloadAndRaisesTheAlarm() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 3, Bike.TYPICAL);
        site.run(Duration.ofMinutes(5), POLL);
        site.pile().sim().overload(3, 1200);
        SafetyDecision end = site.runUntil(SimulatedChargingTest::ended, Duration.ofMinutes(1), POLL);
        assertThat(endedSession(end).endReason()).isEqualTo(EndReason.OVERLOAD);
        assertThat(site.all(SafetyDecision.CutPort.class)).isEmpty(); // the firmware was quicker than the poll
        Alarm overload = site.alarms().get(0);
        assertThat(overload.kind()).isEqualTo(AlarmKind.OVERLOAD);
        assertThat(overload.detail()).contains("firmware");
        assertThat(site.all(SafetyDecision.PortStatusChanged.class)).last()
                .satisfies(s -> assertThat(s.errorCode()).isEqualTo(OcppErrorCode.OVER_CURRENT_FAILURE));
    }

    @Test
    void aWeldedRelayFailsItsCutVerificationAndTheFeederIsCut() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, "feeder-7");
        site.startAtPile("pile-1", 4, Bike.TYPICAL);
        site.run(Duration.ofMinutes(10), POLL);
        site.pile().sim().stickRelay(4);
        site.apply(site.safety().requestStop("s1", "pile-1", 4, null, "landlord-3", site.now()));
        SafetyDecision escalate = site.runUntil(d -> d instanceof SafetyDecision.EscalateFeederCut, Duration.ofMinutes(1), POLL);

        assertThat(escalate).isEqualTo(new SafetyDecision.EscalateFeederCut("pile-1", "feeder-7",
                ((SafetyDecision.EscalateFeederCut) escalate).cause()));
        Alarm failed = site.alarms().get(0);
        assertThat(failed.kind()).isEqualTo(AlarmKind.CUT_FAILED);
        assertThat(failed.errorCode()).isEqualTo(OcppErrorCode.POWER_SWITCH_FAILURE);
        assertThat(failed.detail()).contains("welded", "180 W");
        assertThat(site.safety().pile("pile-1").port(4).switchFailed()).isTrue();
        site.run(Duration.ofMinutes(5), POLL);
        assertThat(site.all(SafetyDecision.EscalateFeederCut.class)).hasSize(1);
        assertThat(site.alarms()).hasSize(1);
    }

    @Test
    void aPileRebootMidSessionResumesTheChargeAndTheEnergyIsNeitherLostNorDoubled() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, Bike.TYPICAL);
        site.run(Duration.ofHours(1), POLL);
        double beforeReboot = site.pile().sim().port(1).energyWh();
        site.pile().sim().reboot();
        SessionRecord session = endedSession(site.runUntil(SimulatedChargingTest::ended, Duration.ofHours(8), POLL));

        double truth = beforeReboot + site.pile().sim().port(1).energyWh();
        assertThat(session.endReason()).isEqualTo(EndReason.FULL);
        assertThat((double) session.energyWh()).isCloseTo(truth, offset(3.0));
        assertThat(session.meter().segments()).isEqualTo(2);
        assertThat(site.all(SafetyDecision.SessionStarted.class)).hasSize(1);
        assertThat(site.all(SafetyDecision.ClosePort.class)).singleElement()
                .satisfies(c -> assertThat(c.why()).isEqualTo(SafetyDecision.CloseReason.RESUME_AFTER_PILE_REBOOT));
        assertThat(site.all(SafetyDecision.Warn.class)).extracting(SafetyDecision.Warn::kind)
                .containsExactly(WarningKind.PILE_RESTARTED);
        assertThat(site.alarms()).isEmpty();
    }

    @Test
    void aShortGatewayRestartMidSessionCarriesOnTheSameSessionAndMetersTheDowntime() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 2, Bike.TYPICAL);
        site.run(Duration.ofMinutes(30), POLL);
        String id = site.safety().openSessions().get(0).sessionId();
        // the process is gone for 30 s, no reads, no heartbeat: under the watchdog's 60 s less the
        // 25 s since the last heartbeat at worst (20 s interval, 5 s poll), so the pile keeps charging
        site.bus(false);
        site.run(Duration.ofSeconds(30), POLL);
        site.bus(true);
        site.restartGateway(SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null).safety());
        SessionRecord session = endedSession(site.runUntil(SimulatedChargingTest::ended, Duration.ofHours(8), POLL));

        assertThat(session.sessionId()).isEqualTo(id);
        assertThat(session.endReason()).isEqualTo(EndReason.FULL);
        assertThat((double) session.energyWh()).isCloseTo(site.pile().sim().port(2).energyWh(), offset(2.0));
    }

    @Test
    void aGatewayAwayLongerThanThePilesWatchdogFindsTheSessionEndedForItsRestart() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 2, Bike.TYPICAL);
        site.run(Duration.ofMinutes(30), POLL);
        site.bus(false);
        site.run(Duration.ofMinutes(5), POLL);
        site.bus(true);
        site.restartGateway(SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null).safety());
        SessionRecord session = endedSession(site.runUntil(SimulatedChargingTest::ended, Duration.ofMinutes(1), POLL));

        assertThat(session.endReason()).isEqualTo(EndReason.GATEWAY_RESTART);
        // 30 min plus the watchdog's 60 s at 180 W, from the counter
        assertThat((double) session.energyWh()).isCloseTo(site.pile().sim().port(2).energyWh(), offset(2.0));
        assertThat(session.energyWh()).isBetween(91L, 94L);
    }

    @Test
    void aBusOutageShorterThanTheWatchdogChangesNothingAndALongerOneEndsTheSessionAsADeviceFault() {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.startAtPile("pile-1", 1, Bike.TYPICAL);
        site.run(Duration.ofMinutes(10), POLL);
        site.bus(false);
        site.run(Duration.ofSeconds(30), POLL);
        site.bus(true);
        site.run(Duration.ofMinutes(5), POLL);
        assertThat(site.all(SafetyDecision.SessionEnded.class)).isEmpty();

        site.bus(false);
        site.run(Duration.ofMinutes(3), POLL);
        site.bus(true);
        SessionRecord session = endedSession(site.runUntil(SimulatedChargingTest::ended, Duration.ofMinutes(1), POLL));
        assertThat(session.endReason()).isEqualTo(EndReason.DEVICE_FAULT);
        assertThat((double) session.energyWh()).isCloseTo(site.pile().sim().port(1).energyWh(), offset(2.0));
        assertThat(site.alarms()).extracting(Alarm::kind).containsExactly(AlarmKind.PILE_WATCHDOG_TRIPPED);
        // the next heartbeat re-arms the pile: it charges again when asked
        site.run(Duration.ofSeconds(30), POLL);
        List<SafetyDecision> start = site.safety().requestStart("pile-1", 1, "tenant-5", site.now());
        assertThat(start).singleElement().isInstanceOf(SafetyDecision.ClosePort.class);
        site.apply(start);
        SafetyDecision again = site.runUntil(d -> d instanceof SafetyDecision.SessionStarted, Duration.ofSeconds(30), POLL);
        assertThat(((SafetyDecision.SessionStarted) again).session().startedBy()).isEqualTo("tenant-5");
    }
}
