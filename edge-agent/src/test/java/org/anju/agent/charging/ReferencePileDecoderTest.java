package org.anju.agent.charging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.junit.jupiter.api.Test;

/** Registers read over Modbus from the reference pile come out as the readings the rules expect. */
class ReferencePileDecoderTest {
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    @Test
    void aChargingPortReadsAsTheSimulatorSeesIt() {
        SimulatedPile pile = new SimulatedPile("pile-1", 7, 4, PileLimits.DEFAULTS, T0);
        pile.sim().plugIn(2, Bike.TYPICAL);
        pile.writeRelay(2, true);
        pile.advance(Duration.ofMinutes(20));

        PortReading r = pile.readPort(2);
        var truth = pile.sim().port(2);
        assertThat(r.at()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(r.state()).isEqualTo(OcppStatus.CHARGING);
        assertThat(r.relayClosed()).isTrue();
        assertThat(r.plugged()).isTrue();
        assertThat(r.watts()).isEqualTo(180);
        assertThat(r.volts()).isCloseTo(truth.volts(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(r.amps()).isCloseTo(180 / truth.volts(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.energyCounterWh()).isEqualTo((long) Math.floor(truth.energyWh())).isBetween(59L, 60L); // 180 W for 20 min, floored
        assertThat(r.pileCutReason()).isEqualTo(CutReason.NONE);
    }

    @Test
    void aPileWarmsWithItsLoadAndReportsTemperatureAndAlarms() {
        SimulatedPile pile = new SimulatedPile("pile-1", 7, 10, PileLimits.DEFAULTS, T0);
        PileReading cold = pile.readPile();
        assertThat(cold.temperatureC()).isEqualTo(25.0);
        for (int p = 1; p <= 10; p++) {
            pile.sim().plugIn(p, Bike.TYPICAL);
        }
        pile.writeAllRelays(true);
        pile.advance(Duration.ofMinutes(30));
        assertThat(pile.readPile().temperatureC()).isBetween(45.0, 47.0);
        pile.sim().smoke(true);
        PileReading smoky = pile.readPile();
        assertThat(smoky.smokeDetected()).isTrue();
        assertThat(smoky.alarmBits() & PileRegisterMap.ALARM_SMOKE).isNotZero();
        assertThat(pile.readPort(3).state()).isEqualTo(OcppStatus.UNAVAILABLE);
        assertThat(pile.readPort(3).pileCutReason()).isEqualTo(CutReason.SMOKE);
    }

    @Test
    void codesNoFirmwareShouldSendBecomeAFaultedPortNotAnException() {
        List<Integer> block = new ArrayList<>(Collections.nCopies(PileRegisterMap.PORT_USED_WORDS, 0));
        block.set(PileRegisterMap.PORT_STATE, 99);
        block.set(PileRegisterMap.PORT_CUT_REASON, 77);
        block.set(PileRegisterMap.PORT_ENERGY, 0xFFFF);
        block.set(PileRegisterMap.PORT_ENERGY + 1, 0xFFFF);
        PortReading r = ReferencePileDecoder.port("p", 1, T0, block, false, true);
        assertThat(r.state()).isEqualTo(OcppStatus.FAULTED);
        assertThat(r.pileCutReason()).isEqualTo(CutReason.NONE);
        assertThat(r.energyCounterWh()).isEqualTo(EnergyMeter.COUNTER_MODULUS - 1);
    }

    @Test
    void temperaturesBelowZeroDecodeAsSigned() {
        PileReading r = ReferencePileDecoder.pile("p", T0, List.of(0xFF9C, 0x0104, 10, 0), false); // -10.0 degC
        assertThat(r.temperatureC()).isEqualTo(-10.0);
        assertThat(r.smokeDetected()).isFalse();
    }
}
