package org.anju.firmware.turnstile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.anju.firmware.line.InjectionSpec;
import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.testing.LineMaster;
import org.junit.jupiter.api.Test;

/** The turnstile lane as a gateway drives it over Modbus, and as people walk through it. */
class TurnstileSimulatorTest {
    private static final int UNIT = 30;

    private final TurnstileSimulator lane = new TurnstileSimulator();
    private final LineDevice line = lane.onLine(UNIT);
    private final LineMaster master = new LineMaster(line, UNIT);

    private List<Integer> counts() {
        return master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, 0, 2);
    }

    @Test
    void anOpenLetsOnePersonThroughInItsDirectionAndThePassageIsCounted() {
        assertThat(lane.enter()).as("the arm is locked until opened").isFalse();
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_ENTRY, true);
        assertThat(master.readBits(FunctionCode.READ_COILS, 0, 3)).containsExactly(true, false, false);
        assertThat(lane.leave()).as("an entry open does not let anyone out").isFalse();
        assertThat(lane.enter()).isTrue();
        assertThat(lane.enter()).as("one open, one person").isFalse();
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_EXIT, true);
        assertThat(lane.leave()).isTrue();
        assertThat(counts()).containsExactly(1, 1);
        assertThat(master.readBits(FunctionCode.READ_COILS, 0, 3)).containsOnly(false);
    }

    @Test
    void opensAreRememberedUpToEightAndCancelledByZeroOrTheWindow() {
        for (int i = 0; i < 10; i++) {
            master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_ENTRY, true);
        }
        assertThat(lane.waiting(TurnstileSimulator.Way.IN)).isEqualTo(8);
        assertThat(master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, TurnstileRegisterMap.IR_WAITING, 1)).containsExactly(8);
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_ENTRY, false);
        assertThat(lane.waiting(TurnstileSimulator.Way.IN)).isZero();

        master.writeRegister(TurnstileRegisterMap.HR_PASSAGE_WINDOW, 4);
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_EXIT, true);
        line.advance(Duration.ofSeconds(3));
        assertThat(master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, TurnstileRegisterMap.IR_WAITING, 1))
                .containsExactly(1 << 8);
        line.advance(Duration.ofSeconds(2));
        assertThat(lane.leave()).as("nobody came within the window: the arm locked again").isFalse();
        assertThat(counts()).containsExactly(0, 0);
    }

    @Test
    void everyPassageTheBeamsSeeIsCountedOpenedForOrNot() {
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_ENTRY, true);
        assertThat(lane.tailgate(TurnstileSimulator.Way.IN)).isTrue();
        lane.force(TurnstileSimulator.Way.OUT);
        assertThat(counts()).as("two in on one open, one out by force").containsExactly(2, 1);
    }

    @Test
    void freeModeLetsEveryoneThroughBothWaysAndStillCounts() {
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_FREE, true);
        assertThat(lane.leave()).isTrue();
        assertThat(lane.leave()).isTrue();
        assertThat(lane.enter()).isTrue();
        assertThat(counts()).containsExactly(1, 2);
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_FREE, false);
        assertThat(lane.leave()).isFalse();
    }

    @Test
    void withAutoWalkEveryOpenIsPassedAMomentLater() {
        lane.autoWalk(Duration.ofMillis(500));
        master.ask(new ModbusPdu.WriteMultipleCoils(0, List.of(true, true)));
        line.advance(Duration.ofMillis(400));
        assertThat(counts()).containsExactly(0, 0);
        line.advance(Duration.ofMillis(200));
        assertThat(counts()).containsExactly(1, 1);
    }

    @Test
    void countersWrapAt65536AndRestartAtZeroAfterAReboot() {
        for (int i = 0; i < 65_537; i++) {
            lane.force(TurnstileSimulator.Way.IN);
        }
        assertThat(counts()).containsExactly(1, 0);
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_FREE, true);
        lane.reboot();
        assertThat(counts()).containsExactly(0, 0);
        assertThat(lane.free()).as("free mode is not remembered across a power loss").isFalse();
    }

    @Test
    void addressesAndFunctionsOutsideTheMapAreRefused() {
        assertThat(master.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 2, 2)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(master.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0, 4)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(master.askExpectingException(new ModbusPdu.WriteSingleCoil(3, true)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(master.askExpectingException(new ModbusPdu.WriteSingleRegister(0, 0)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(master.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_DISCRETE_INPUTS, 0, 1)))
                .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
        assertThat(master.readRegisters(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)).containsExactly(10);
    }

    @Test
    void injectionsArePeopleAndFaults() {
        run("force-in");
        run("auto-walk");
        master.writeCoil(UNIT, TurnstileRegisterMap.COIL_OPEN_EXIT, true);
        line.advance(Duration.ofSeconds(1));
        assertThat(counts()).containsExactly(1, 1);
        run("silent");
        assertThat(master.ask(new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0, 2))).isEmpty();
        assertThat(InjectionSpec.parse("enter:2", TurnstileInjection.grammar()))
                .isEqualTo(new InjectionSpec.Invalid("'enter:2': enter takes no lane"));
    }

    private void run(String text) {
        var parsed = InjectionSpec.parse(text, TurnstileInjection.grammar());
        assertThat(parsed).as(text).isInstanceOf(InjectionSpec.Ok.class);
        TurnstileInjection.action(((InjectionSpec.Ok) parsed).spec()).accept(lane);
    }
}
