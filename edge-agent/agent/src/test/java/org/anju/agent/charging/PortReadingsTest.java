package org.anju.agent.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.anju.firmware.pile.Bike;
import org.anju.profiles.reading.EnergyCounter;
import org.anju.profiles.reading.PortValues;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.junit.jupiter.api.Test;

/**
 * The reference pile read over Modbus and decoded the gateway's way (its shipped profile's
 * decoders, then {@link PortReadings}) comes out as the readings the rules expect; so does a
 * socket from its meter's values and its relay channel.
 */
class PortReadingsTest {
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
        assertThat(r.volts()).isCloseTo(truth.volts(), within(0.05));
        assertThat(r.amps()).isCloseTo(180 / truth.volts(), within(0.01));
        assertThat(r.energyCounterWh()).isEqualTo((long) Math.floor(truth.energyWh())).isBetween(59L, 60L); // 180 W for 20 min, floored
        assertThat(r.counterModulusWh()).isEqualTo(EnergyMeter.COUNTER_MODULUS);
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

    private static PortValues values(double watts, EnergyCounter energy, OptionalInt state, OptionalInt cut) {
        return new PortValues(watts, energy, OptionalDouble.of(230.1), OptionalDouble.of(0.8), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.of(true), Optional.of(true), state, cut, List.of());
    }

    @Test
    void codesNoFirmwareShouldSendBecomeAFaultedPortNotAnException() {
        PortReading r = PortReadings.ofPilePort("p", 1, T0, values(0, new EnergyCounter(4_294_967_295.0, 4_294_967_296.0),
                OptionalInt.of(99), OptionalInt.of(77)));
        assertThat(r.state()).isEqualTo(OcppStatus.FAULTED);
        assertThat(r.pileCutReason()).isEqualTo(CutReason.NONE);
        assertThat(r.energyCounterWh()).isEqualTo(EnergyMeter.COUNTER_MODULUS - 1);
    }

    @Test
    void aPowerFlowingBackReadsAsNoneAndAPortWithoutStateOrPlugIsAvailableAndMayHoldAPlug() {
        PortValues v = new PortValues(-40, new EnergyCounter(10, 4_294_967_296.0), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), List.of());
        PortReading r = PortReadings.ofPilePort("p", 2, T0, v);
        assertThat(r.watts()).isZero();
        assertThat(r.state()).isEqualTo(OcppStatus.AVAILABLE);
        assertThat(r.plugged()).as("with no plug sensor the supervisor judges by power").isTrue();
        assertThat(r.relayClosed()).isFalse();
    }

    @Test
    void aSocketsPlugIsToldByWhatItDrawsWhileLiveAndItsStateFromItsChannelAndPower() {
        EnergyCounter kwh = new EnergyCounter(1_234_560.4, Double.POSITIVE_INFINITY);
        PortReading charging = PortReadings.ofSocket("relays-a", 3, T0, values(182.4, kwh, OptionalInt.empty(), OptionalInt.empty()),
                true, 2, 30);
        assertThat(charging.pileId()).isEqualTo("relays-a");
        assertThat(charging.port()).isEqualTo(3);
        assertThat(charging.state()).isEqualTo(OcppStatus.CHARGING);
        assertThat(charging.plugged()).isTrue();
        assertThat(charging.energyCounterWh()).isEqualTo(1_234_560L);
        assertThat(charging.pileCutReason()).as("a socket has no firmware to cut it").isEqualTo(CutReason.NONE);

        assertThat(PortReadings.ofSocket("relays-a", 3, T0, values(4, kwh, OptionalInt.empty(), OptionalInt.empty()), true, 2, 30)
                .state()).as("floating at a few watts").isEqualTo(OcppStatus.SUSPENDED_EV);
        PortReading live = PortReadings.ofSocket("relays-a", 3, T0, values(0, kwh, OptionalInt.empty(), OptionalInt.empty()),
                true, 2, 30);
        assertThat(live.state()).as("switched on, nothing draws yet").isEqualTo(OcppStatus.PREPARING);
        assertThat(live.plugged()).as("live and drawing nothing: no plug").isFalse();
        PortReading off = PortReadings.ofSocket("relays-a", 3, T0, values(0, kwh, OptionalInt.empty(), OptionalInt.empty()),
                false, 2, 30);
        assertThat(off.state()).isEqualTo(OcppStatus.AVAILABLE);
        assertThat(off.plugged()).as("off, nothing can tell; a start must stay possible").isTrue();
        PortReading welded = PortReadings.ofSocket("relays-a", 3, T0, values(150, kwh, OptionalInt.empty(), OptionalInt.empty()),
                false, 2, 30);
        assertThat(welded.state()).as("power through an open channel").isEqualTo(OcppStatus.CHARGING);
        assertThat(welded.relayClosed()).isFalse();
    }

    @Test
    void aCounterThatWrapsSoonerThanTwoToThe32KeepsItsOwnWrap() {
        EnergyCounter u16 = new EnergyCounter(65_530.0, 65_536.0);
        PortReading r = PortReadings.ofSocket("b", 1, T0, values(100, u16, OptionalInt.empty(), OptionalInt.empty()), true, 2, 30);
        assertThat(r.energyCounterWh()).isEqualTo(65_530L);
        assertThat(r.counterModulusWh()).isEqualTo(65_536L);
        EnergyMeter meter = EnergyMeter.startAt(r.energyCounterWh(), T0, r.counterModulusWh());
        EnergyMeter.Step step = meter.advance(4, T0.plusSeconds(60), 3000);
        assertThat(step.jump()).as("10 Wh across the meter's own wrap, not a reboot").isEqualTo(EnergyMeter.Jump.WRAPPED);
        assertThat(step.meter().energyWh()).isEqualTo(10);
    }
}
