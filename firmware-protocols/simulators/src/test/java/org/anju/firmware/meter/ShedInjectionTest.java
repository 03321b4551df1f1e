package org.anju.firmware.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shed's {@code --inject} language: the pile's grammar, with what a meter shed can have done to it. */
class ShedInjectionTest {
    private static final MeterShed.Layout SHED = new MeterShed.Layout(1, 4, ReadFunctions.BOTH, 20, 8);
    private final MeterShed shed = new MeterShed(SHED);

    private void inject(String text) {
        ShedInjection.Parsed parsed = ShedInjection.parse(text, SHED);
        assertThat(parsed).as(text).isInstanceOf(ShedInjection.Ok.class);
        ((ShedInjection.Ok) parsed).action().accept(shed);
    }

    @Test
    void chargeStartsABikeOfTheGivenPowerAndClosesItsChannel() {
        inject("charge:3:250");
        shed.advance(Duration.ofSeconds(5));
        assertThat(shed.relayBoardOf(3).closed(3)).isTrue();
        assertThat(shed.reading(3).watts()).isEqualTo(250.0);
    }

    @Test
    void plugLeavesTheSocketWaitingForItsRelay() {
        inject("plug:2");
        shed.advance(Duration.ofSeconds(5));
        assertThat(shed.reading(2).watts()).isZero();
    }

    @Test
    void overloadStuckEnergyAndResetDoWhatTheySay() {
        inject("charge:1");
        inject("overload:1:500");
        inject("energy:2:1234.5");
        shed.advance(Duration.ofSeconds(5));
        assertThat(shed.reading(1).watts()).isEqualTo(680.0);
        assertThat(shed.reading(2).importWh()).isEqualTo(1_234_500.0);
        inject("reset:2");
        assertThat(shed.reading(2).importWh()).isZero();
        inject("stuck:1");
        shed.relayBoardOf(1).switchChannel(1, false);
        shed.advance(Duration.ofSeconds(5));
        assertThat(shed.reading(1).watts()).isEqualTo(680.0);
        inject("runaway:1:6");
        shed.advance(Duration.ofMinutes(1));
        assertThat(shed.cabinetCelsius()).isGreaterThan(31.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "charge:5          | 'charge:5': socket must be 1-4",
        "smoke             | 'smoke': unknown injection 'smoke'; known: charge, energy, overload, plug, reset, runaway, silent-meter, silent-relays, stuck, unplug",
        "energy:2          | 'energy:2': energy needs the counter's value in kWh, like energy:2:12345.6",
        "silent-relays:1   | 'silent-relays:1': silent-relays takes no socket",
        "reset:1:5         | 'reset:1:5': reset takes no value",
    })
    void wrongInjectionsAreRefusedWithTheReason(String text, String reason) {
        assertThat(ShedInjection.parse(text, SHED)).isEqualTo(new ShedInjection.Invalid(reason));
    }

    @Test
    void aShedWithoutRelayBoardsHasNoRelayToWeldOrSilence() {
        MeterShed.Layout bare = MeterShed.Layout.metersOnly(1, 2, ReadFunctions.BOTH);
        assertThat(ShedInjection.parse("stuck:1", bare))
                .isEqualTo(new ShedInjection.Invalid("'stuck:1': this shed has no relay boards; add --relays UNIT"));
        assertThat(ShedInjection.parse("silent-relays@60", bare)).isInstanceOf(ShedInjection.Invalid.class);
        assertThat(ShedInjection.parse("charge:2@60", bare)).isInstanceOf(ShedInjection.Ok.class);
    }
}
