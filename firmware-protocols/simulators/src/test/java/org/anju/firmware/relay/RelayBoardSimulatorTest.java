package org.anju.firmware.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.anju.firmware.line.InjectionSpec;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.testing.LineMaster;
import org.junit.jupiter.api.Test;

/** The relay board as the {@code modbus-relay-8} profile reads and switches it. */
class RelayBoardSimulatorTest {
    private static final int UNIT = 20;

    private final RelayBoardSimulator board = new RelayBoardSimulator(8, false);
    private final LineMaster master = new LineMaster(board.onLine(UNIT), UNIT);

    private List<Boolean> coils() {
        return master.readBits(FunctionCode.READ_COILS, 0, 8);
    }

    @Test
    void coilNMinusOneSwitchesRelayNOneAtATimeOrSeveralAtOnce() {
        assertThat(coils()).containsOnly(false);
        master.writeCoil(UNIT, 2, true);
        assertThat(board.closed(3)).isTrue();
        assertThat(board.conducting(3)).isTrue();
        assertThat(master.ask(new ModbusPdu.WriteMultipleCoils(4, List.of(true, true, false, true)))).contains(
                new ModbusPdu.WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, 4, 4));
        assertThat(coils()).containsExactly(false, false, true, false, true, true, false, true);
    }

    @Test
    void aFeederBoardStartsWithEveryRelayClosed() {
        RelayBoardSimulator feeder = new RelayBoardSimulator(8);
        assertThat(new LineMaster(feeder.onLine(1), 1).readBits(FunctionCode.READ_COILS, 0, 8)).containsOnly(true);
    }

    @Test
    void channelsTheBoardDoesNotHaveAndOtherFunctionsAreRefused() {
        assertThat(master.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 4, 5)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(master.askExpectingException(new ModbusPdu.WriteSingleCoil(8, true)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(master.askExpectingException(new ModbusPdu.WriteMultipleCoils(7, List.of(true, true))))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(master.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)))
                .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
        assertThat(board.closed(8)).isFalse();
    }

    @Test
    void itsTemperatureInputReadsTheCabinetInTenthsOfADegree() {
        assertThat(master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, 0, 1)).containsExactly(250);
        board.cabinetTemperature(-3.2);
        assertThat(master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, 0, 1)).containsExactly(0x10000 - 32);
        assertThat(master.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0, 2)))
                .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Test
    void injectionsSwitchWeldAndSilenceIt() {
        run("on:2");
        run("stuck:2");
        master.writeCoil(UNIT, 1, false);
        assertThat(board.closed(2)).as("the coil reads what it was told").isFalse();
        assertThat(board.conducting(2)).as("welded contacts conduct on").isTrue();
        run("off:5");
        assertThat(board.closed(5)).isFalse();
        run("silent");
        assertThat(master.ask(new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 8))).isEmpty();

        var refused = InjectionSpec.parse("stuck:9", RelayInjection.grammar(8));
        assertThat(refused).isEqualTo(new InjectionSpec.Invalid("'stuck:9': channel must be 1-8"));
    }

    private void run(String text) {
        var parsed = InjectionSpec.parse(text, RelayInjection.grammar(8));
        assertThat(parsed).as(text).isInstanceOf(InjectionSpec.Ok.class);
        RelayInjection.action(((InjectionSpec.Ok) parsed).spec()).accept(board);
    }
}
