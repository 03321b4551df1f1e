package org.anju.agent.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.anju.protocol.pile.CutReason;
import org.junit.jupiter.api.Test;

class ChargingSessionTest {
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    private static PortReading reading(long secondsAfterStart, long counter) {
        return new PortReading("pile-1", 3, T0.plusSeconds(secondsAfterStart), OcppStatus.CHARGING, 229.3, 0.78, 180,
                counter, true, true);
    }

    @Test
    void aSessionIsNamedForItsPortAndStartAndMetersFromTheCounter() {
        ChargingSession s = ChargingSession.start(reading(0, 12_000), "tenant-42");
        s.meter(reading(3600, 12_180), 3000);
        SessionRecord r = s.record();
        assertThat(r.sessionId()).isEqualTo("pile-1/3/" + T0.toEpochMilli());
        assertThat(r.startedBy()).isEqualTo("tenant-42");
        assertThat(r.energyWh()).isEqualTo(180);
        assertThat(r.isOpen()).isTrue();
    }

    @Test
    void aPersistedRecordResumesAfterAGatewayRestartAndMetersTheGapFromTheCounter() {
        ChargingSession before = ChargingSession.start(reading(0, 500), "tenant-7");
        before.meter(reading(600, 530), 3000);
        SessionRecord persisted = before.record();

        // the gateway was down for 40 minutes; the pile kept counting
        ChargingSession after = ChargingSession.resume(persisted);
        after.meter(reading(3000, 650), 3000);
        assertThat(after.energyWh()).isEqualTo(150);
        SessionRecord ended = after.end(EndReason.FULL, T0.plusSeconds(3000));
        assertThat(ended.endReason()).isEqualTo(EndReason.FULL);
        assertThat(ended.duration(T0.plusSeconds(99_999))).hasSeconds(3000);
        assertThat(ended.ended()).contains(EndReason.FULL);
    }

    @Test
    void aPileRebootMidSessionAddsASegmentAndSaysSo() {
        ChargingSession s = ChargingSession.start(reading(0, 2_000), "pile");
        s.meter(reading(1800, 2_090), 3000);
        assertThat(s.meter(reading(1810, 0), 3000).isRestart()).isTrue();
        s.meter(reading(3610, 90), 3000);
        assertThat(s.energyWh()).isEqualTo(180);
        assertThat(s.record().meter().segments()).isEqualTo(2);
    }

    @Test
    void anEndedSessionNeitherResumesNorEndsAgain() {
        ChargingSession s = ChargingSession.start(reading(0, 0), "pile");
        SessionRecord ended = s.end(EndReason.UNPLUGGED, T0.plusSeconds(5));
        assertThatThrownBy(() -> s.end(EndReason.FULL, T0.plusSeconds(6))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ChargingSession.resume(ended)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pileCutReasonsBecomeEndReasonsAndAWatchdogCutAfterARestartIsTheRestarts() {
        assertThat(EndReason.ofPileCut(CutReason.FULL, false)).isEqualTo(EndReason.FULL);
        assertThat(EndReason.ofPileCut(CutReason.SMOKE, false)).isEqualTo(EndReason.SMOKE_OR_FIRE);
        assertThat(EndReason.ofPileCut(CutReason.REMOTE, false)).isEqualTo(EndReason.REMOTE_STOP);
        assertThat(EndReason.ofPileCut(CutReason.WATCHDOG, false)).isEqualTo(EndReason.DEVICE_FAULT);
        assertThat(EndReason.ofPileCut(CutReason.WATCHDOG, true)).isEqualTo(EndReason.GATEWAY_RESTART);
        assertThat(EndReason.ofPileCut(CutReason.NONE, true)).isEqualTo(EndReason.GATEWAY_RESTART);
    }

    @Test
    void readingsRefuseValuesNoPileCanReport() {
        assertThatThrownBy(() -> new PortReading("p", 1, T0, OcppStatus.CHARGING, 230, 1, -1, 0, true, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortReading("p", 1, T0, OcppStatus.CHARGING, 230, 1, 1, 1L << 32, true, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortReading("p", 0, T0, OcppStatus.CHARGING, 230, 1, 1, 0, true, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
