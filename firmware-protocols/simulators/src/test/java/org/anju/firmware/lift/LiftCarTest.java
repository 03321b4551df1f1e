package org.anju.firmware.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.anju.firmware.line.InjectionSpec;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.testing.LineMaster;
import org.junit.jupiter.api.Test;

/** A lift car's buttons behind its relay board: a button calls the car only while its relay is closed. */
class LiftCarTest {
    private static final int UNIT = 40;
    private final LiftCar car = new LiftCar(8);
    private final LineMaster master = new LineMaster(car.onLine(UNIT), UNIT);

    @Test
    void everyButtonIsDeadAtPowerUpAndWorksOnceItsRelayIsClosed() {
        assertThat(master.readBits(FunctionCode.READ_COILS, 0, 8)).containsOnly(false);
        assertThat(car.press(3)).isFalse();
        assertThat(car.at()).isEqualTo(1);
        master.ask(new ModbusPdu.WriteMultipleCoils(0, List.of(true, false, true)));
        assertThat(car.press(2)).isFalse();
        assertThat(car.press(3)).isTrue();
        assertThat(car.press(1)).isTrue();
        assertThat(car.visited()).containsExactly(3, 1);
    }

    @Test
    void aPowerCutLeavesEveryButtonDeadUntilTheGatewayWritesThemAgain() {
        master.ask(new ModbusPdu.WriteMultipleCoils(0, List.of(true, true, true, true, true, true, true, true)));
        run("reboot");
        assertThat(master.readBits(FunctionCode.READ_COILS, 0, 8)).containsOnly(false);
        assertThat(car.works(5)).isFalse();
    }

    @Test
    void aWeldedRelayKeepsItsButtonAsItWas() {
        master.writeCoil(UNIT, 4, true);
        run("stuck:5");
        master.writeCoil(UNIT, 4, false);
        assertThat(car.press(5)).as("welded closed: the button still works").isTrue();
        run("press:5");
        run("silent");
        assertThat(master.ask(new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 8))).isEmpty();
        assertThat(InjectionSpec.parse("press:9", LiftInjection.grammar(8)))
                .isEqualTo(new InjectionSpec.Invalid("'press:9': button must be 1-8"));
    }

    private void run(String text) {
        var parsed = InjectionSpec.parse(text, LiftInjection.grammar(8));
        assertThat(parsed).as(text).isInstanceOf(InjectionSpec.Ok.class);
        LiftInjection.action(((InjectionSpec.Ok) parsed).spec()).accept(car);
    }
}
