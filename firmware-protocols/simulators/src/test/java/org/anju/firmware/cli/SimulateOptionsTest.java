package org.anju.firmware.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.anju.firmware.meter.ReadFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code anju simulate} command line: what each kind takes, and one clear line for what it does not. */
class SimulateOptionsTest {

    private static SimulateOptions ok(String line) {
        SimulateOptions.Parsed parsed = SimulateOptions.parse(line.split(" "));
        assertThat(parsed).as(line).isInstanceOf(SimulateOptions.Ok.class);
        return ((SimulateOptions.Ok) parsed).options();
    }

    private static String invalid(String line) {
        SimulateOptions.Parsed parsed = SimulateOptions.parse(line.split(" "));
        assertThat(parsed).as(line).isInstanceOf(SimulateOptions.Invalid.class);
        return ((SimulateOptions.Invalid) parsed).message();
    }

    @Test
    void aMeterShedNamesItsMetersItsRelayBoardsAndTheReadFunctionsItAnswers() {
        SimulateOptions o = ok("meter --listen tcp://127.0.0.1:0 --unit 1 --meters 12 --relays 20 --function 4 "
                + "--inject charge:3,runaway:3:2@600 --speed 60");
        assertThat(o.meters()).isEqualTo(12);
        assertThat(o.relays()).isEqualTo(20);
        assertThat(o.size()).as("channels per relay board, as modbus-relay-8").isEqualTo(8);
        assertThat(o.functions()).isEqualTo(ReadFunctions.INPUT_ONLY);
        assertThat(o.injections()).containsExactly("charge:3", "runaway:3:2@600");
        assertThat(o.speed()).isEqualTo(60.0);
    }

    @Test
    void aMeterOnItsOwnIsOneMeterAnsweringBothFunctionsWithNoRelayBoard() {
        SimulateOptions o = ok("meter --serial /dev/ttyUSB0");
        assertThat(o.meters()).isEqualTo(1);
        assertThat(o.relays()).isZero();
        assertThat(o.functions()).isEqualTo(ReadFunctions.BOTH);
        assertThat(ok("relays --listen tcp://127.0.0.1:0 --unit 20").size()).isEqualTo(8);
    }

    @Test
    void aLiftBoardHasSixteenFloorButtonsAndATurnstileOneLane() {
        assertThat(ok("lift --listen tcp://127.0.0.1:0 --unit 40").size()).isEqualTo(16);
        assertThat(Simulators.build(ok("lift --listen tcp://127.0.0.1:0 --channels 8 --inject press:3,reboot@60")))
                .isInstanceOf(Simulators.Ready.class);
        assertThat(Simulators.build(ok("turnstile --serial /dev/ttyUSB1 --inject auto-walk,force-in@5")))
                .isInstanceOf(Simulators.Ready.class);
        assertThat(Simulators.build(ok("lift --listen tcp://127.0.0.1:0 --channels 8 --inject press:9")))
                .isEqualTo(new Simulators.Refused("--inject 'press:9': button must be 1-8"));
        assertThat(Simulators.build(ok("turnstile --listen tcp://127.0.0.1:0 --inject walk")))
                .isEqualTo(new Simulators.Refused("--inject 'walk': unknown injection 'walk'; known: auto-walk, enter, force-in, "
                        + "force-out, leave, reboot, silent, tailgate-in, tailgate-out"));
        assertThat(Simulators.build(ok("lift --listen tcp://127.0.0.1:0 --channels 65")))
                .isEqualTo(new Simulators.Refused("channels must be 1-64, not 65"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "relays --listen tcp://127.0.0.1:0 --ports 4     | --ports is not for a relay board; a relay board takes --channels",
        "pile --listen tcp://127.0.0.1:0 --meters 4      | --meters is not for a pile; a pile takes --ports",
        "meter --listen tcp://127.0.0.1:0 --function 5   | --function 5: write 3 (holding registers), 4 (input registers) or both",
        "meter --listen tcp://127.0.0.1:0 --unit 240 --meters 9 | --meters 9: the meters take units 240 to 248; a shed has at least one meter and units are 1-247",
        "meter --listen tcp://127.0.0.1:0 --relays 300   | --relays 300: the first relay board's unit is 1-247",
        "turnstile --listen tcp://127.0.0.1:0 --channels 2 | --channels is not for a turnstile; a turnstile takes only --unit and the options every kind takes",
    })
    void wrongArgumentsGetOneLineSayingWhatWouldBeRight(String line, String message) {
        assertThat(invalid(line)).isEqualTo(message);
    }

    @Test
    void anUnknownOptionGetsTheUsageAndThePointerToHelp() {
        assertThat(invalid("meter --listen tcp://127.0.0.1:0 --colour red")).isEqualTo("unknown option --colour; " + SimulateOptions.USAGE)
                .endsWith("anju simulate --help says more");
    }

    @Test
    void helpIsAskedForWhereverItStands() {
        assertThat(SimulateOptions.parse(new String[] {"--help"})).isInstanceOf(SimulateOptions.Help.class);
        assertThat(SimulateOptions.parse(new String[] {"meter", "-h"})).isInstanceOf(SimulateOptions.Help.class);
        assertThat(SimulateOptions.HELP).contains("meter", "relays", "--function 3|4|both", "--relays UNIT",
                "silent-meter:SOCKET", "energy:SOCKET:KWH", "on:CH off:CH stuck:CH silent", "--speed X",
                "press:BUTTON stuck:BUTTON reboot silent", "enter leave tailgate-in");
    }

    @Test
    void aShedWhoseBoardsWouldSitOnItsMetersIsRefusedBeforeItStarts() {
        SimulateOptions o = ok("meter --listen tcp://127.0.0.1:0 --meters 12 --relays 10");
        assertThat(Simulators.build(o)).isEqualTo(new Simulators.Refused(
                "relay boards at units 10-11 would share addresses with the meters at 1-12; give the boards units of their own, e.g. 20"));
        assertThat(Simulators.build(ok("meter --listen tcp://127.0.0.1:0 --meters 2 --inject stuck:1")))
                .isEqualTo(new Simulators.Refused("--inject 'stuck:1': this shed has no relay boards; add --relays UNIT"));
        assertThat(Simulators.build(ok("relays --listen tcp://127.0.0.1:0 --inject charge:1")))
                .isEqualTo(new Simulators.Refused("--inject 'charge:1': unknown injection 'charge'; known: off, on, silent, stuck"));
    }
}
