package org.anju.firmware.pile;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.pile.PileLimits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code --inject} language: what parses, what each injection does to a pile, and why the rest is refused. */
class PileInjectionTest {
    private static final int PORTS = 10;

    private final PileSimulator pile = new PileSimulator(PORTS, PileLimits.DEFAULTS);
    private final PileMaster master = new PileMaster(pile.onLine(1), 1);

    private static PileInjection ok(String spec) {
        PileInjection.Parsed parsed = PileInjection.parse(spec, PORTS);
        assertThat(parsed).as(spec).isInstanceOf(PileInjection.Ok.class);
        return ((PileInjection.Ok) parsed).injection();
    }

    private static String invalid(String spec) {
        PileInjection.Parsed parsed = PileInjection.parse(spec, PORTS);
        assertThat(parsed).as(spec).isInstanceOf(PileInjection.Invalid.class);
        return ((PileInjection.Invalid) parsed).reason();
    }

    private void inject(String spec) {
        ok(spec).action().accept(pile);
    }

    // ---- what parses ----

    @Test
    void withoutATimeAnInjectionHappensAtStart() {
        PileInjection smoke = ok("smoke");
        assertThat(smoke.atSeconds()).isZero();
        assertThat(smoke.spec()).isEqualTo("smoke");
    }

    @Test
    void aTimeAfterTheAtSignIsSecondsOfSimulatedTime() {
        assertThat(ok("smoke@600").atSeconds()).isEqualTo(600.0);
        assertThat(ok("overload:3:1500@90.5").atSeconds()).isEqualTo(90.5);
        assertThat(ok("  reboot@0  ").atSeconds()).isZero();
    }

    @Test
    void chargePlugsABikeInAndClosesTheRelay() {
        inject("charge:3");
        pile.advance(Duration.ofSeconds(10));
        assertThat(master.plugged(3)).isTrue();
        assertThat(master.relay(3)).isTrue();
        assertThat(master.port(3).watts()).isEqualTo(180);
    }

    @Test
    void chargeWithAValueUsesAChargerOfThatPower() {
        inject("charge:2:250");
        pile.advance(Duration.ofSeconds(10));
        assertThat(master.port(2).watts()).isEqualTo(250);
    }

    @Test
    void plugLeavesThePortWaitingForAStart() {
        inject("plug:4:90");
        pile.advance(Duration.ofSeconds(10));
        assertThat(master.plugged(4)).isTrue();
        assertThat(master.relay(4)).isFalse();
        assertThat(master.port(4).state()).isEqualTo(PortState.PREPARING);
        master.switchRelay(4, true);
        pile.advance(Duration.ofSeconds(10));
        assertThat(master.port(4).watts()).isEqualTo(90);
    }

    @Test
    void unplugEndsTheSession() {
        inject("charge:5");
        inject("unplug:5");
        assertThat(master.plugged(5)).isFalse();
        assertThat(master.port(5).cutReason()).isEqualTo(CutReason.UNPLUGGED);
    }

    @Test
    void overloadDefaultsTo1200ExtraWattsAndTripsTheFirmware() {
        inject("charge:1");
        inject("overload:1");
        pile.advance(Duration.ofSeconds(1));
        assertThat(master.port(1).state()).isEqualTo(PortState.FAULTED);
        assertThat(master.port(1).cutReason()).isEqualTo(CutReason.OVERLOAD);
    }

    @Test
    void aSmallOverloadBelowTheLimitOnlyRaisesThePower() {
        inject("charge:1");
        inject("overload:1:100");
        pile.advance(Duration.ofSeconds(1));
        assertThat(master.port(1).watts()).isEqualTo(280);
        assertThat(master.relay(1)).isTrue();
    }

    @Test
    void runawayHeatsThePileAtTheGivenRate() {
        inject("runaway:2:3");
        pile.advance(Duration.ofMinutes(10));
        assertThat(master.temperatureCelsius()).isCloseTo(55.0, org.assertj.core.api.Assertions.within(0.2));
        inject("runaway:2");  // default 2 degC per minute from here on
        pile.advance(Duration.ofMinutes(10));
        assertThat(master.temperatureCelsius()).isCloseTo(75.0, org.assertj.core.api.Assertions.within(0.2));
    }

    @Test
    void smokeOpensEveryRelay() {
        inject("charge:1");
        inject("charge:2");
        inject("smoke");
        assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).containsOnly(false);
        assertThat(master.smokeInput()).isTrue();
        assertThat(master.switchRelayRefused(1)).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);
    }

    @Test
    void stuckWeldsTheRelayInItsPresentPosition() {
        inject("charge:6");
        inject("stuck:6");
        master.switchRelay(6, false);
        pile.advance(Duration.ofSeconds(10));
        assertThat(master.port(6).watts()).isEqualTo(180);
    }

    @Test
    void silentPortAndSilentUnitStopAnswers() {
        inject("silent-port:1");
        assertThat(master.ask(1, new org.anju.protocol.modbus.ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 1)))
                .isEmpty();
        assertThat(master.relay(2)).isFalse();
        inject("silent-unit");
        assertThat(master.ask(1, new org.anju.protocol.modbus.ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 1, 1)))
                .isEmpty();
    }

    @Test
    void rebootRestartsTheMeters() {
        inject("charge:1");
        pile.advance(Duration.ofMinutes(30));
        assertThat(master.port(1).energyWh()).isPositive();
        inject("reboot");
        assertThat(master.port(1).energyWh()).isZero();
        assertThat(master.relay(1)).isFalse();
    }

    // ---- what is refused, and why ----

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "smoke@soon        | time after @ must be seconds",
            "smoke@            | time after @ must be seconds",
            "smoke@-5          | must not be negative",
            "smoke:1           | smoke takes no port",
            "silent-unit:2     | silent-unit takes no port",
            "reboot:1          | reboot takes no port",
            "charge            | expected charge:PORT[:VALUE]",
            "stuck             | expected stuck:PORT",
            "charge:1:2:3      | expected charge:PORT[:VALUE]",
            "charge:one        | port and value must be numbers",
            "charge:1:lots     | port and value must be numbers",
            "charge:0          | port must be 1-10",
            "charge:11         | port must be 1-10",
            "unplug:-1         | port must be 1-10",
            "charge:1:0        | value must be a finite number above 0",
            "overload:1:-100   | value must be a finite number above 0",
            "stuck:1:5         | stuck takes no value",
            "silent-port:1:5   | silent-port takes no value",
            "explode:1         | unknown injection 'explode'",
    })
    void aWrongInjectionIsRefusedWithAReasonThatQuotesItAndSaysWhatIsWrong(String spec, String reason) {
        String why = invalid(spec);
        assertThat(why).startsWith("'" + spec + "'").contains(reason);
    }

    @ParameterizedTest
    @CsvSource({"explode", "smok", "''", "@5", "Smoke"})
    void anUnknownKindIsReportedAsUnknownAndListsTheKnownOnes(String spec) {
        String why = invalid(spec);
        assertThat(why).contains("unknown injection").contains("charge", "smoke", "silent-unit", "reboot");
    }

    @ParameterizedTest
    @CsvSource({"smoke@NaN", "smoke@Infinity", "reboot@-Infinity"})
    void aTimeThatIsNotAFiniteNumberOfSecondsIsRefused(String spec) {
        assertThat(invalid(spec)).startsWith("'" + spec + "'").contains("time after @");
    }

    @ParameterizedTest
    @CsvSource({"charge:1:NaN", "plug:1:Infinity", "overload:2:NaN", "runaway:3:NaN", "runaway:3:Infinity"})
    void aValueThatIsNotAFiniteNumberIsRefused(String spec) {
        assertThat(invalid(spec)).startsWith("'" + spec + "'").contains("value");
    }

    @Test
    void thePortRangeFollowsThePile() {
        assertThat(PileInjection.parse("charge:4", 4)).isInstanceOf(PileInjection.Ok.class);
        assertThat(PileInjection.parse("charge:5", 4)).isEqualTo(new PileInjection.Invalid("'charge:5': port must be 1-4"));
    }
}
