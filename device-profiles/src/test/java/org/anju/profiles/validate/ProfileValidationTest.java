package org.anju.profiles.validate;

import static org.anju.profiles.Fixtures.profileProblems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One broken profile per rule; each asserts the exact message, line and column. */
class ProfileValidationTest {

    @Test
    void brokenYamlSyntaxIsReportedWhereSnakeYamlFoundIt() {
        assertThat(profileProblems("syntax.yaml")).containsExactly(
                "6:15: YAML syntax: mapping values are not allowed here; quote a value that contains ': ', "
                        + "or check that this line is indented like its neighbours");
    }

    @Test
    void aTabInTheIndentationIsNamedAsSuch() {
        assertThat(profileProblems("tab-indent.yaml")).containsExactly(
                "4:1: YAML syntax: a tab is used for indentation; indent with spaces; YAML does not allow tabs");
    }

    @Test
    void anEmptyFileSaysWhatAProfileStartsWith() {
        assertThat(profileProblems("empty.yaml")).containsExactly("1:1: the file is empty; a profile starts with id, kind and protocol");
    }

    @Test
    void unknownKeysGetADidYouMeanOrTheListOfKeys() {
        assertThat(profileProblems("unknown-keys.yaml")).containsExactly(
                "6:1: unknown key 'pluse'; did you mean 'pulse'?",
                "7:1: unknown key 'colour'; the keys here are: id, kind, protocol, description, lockType, relay, pulse, "
                        + "doorSensor, exitButton, heldOpenAlarm, relock");
    }

    @Test
    void anUnknownKindGetsADidYouMean() {
        assertThat(profileProblems("unknown-kind.yaml")).containsExactly(
                "2:7: kind 'charging-piel' is not one of door-lock, wiegand-reader, lock-board, charging-pile, energy-meter, "
                        + "relay-board, wireless-lock, turnstile; did you mean 'charging-pile'?");
    }

    @Test
    void wrongTypesSayWhatWasFoundAndWhatToWrite() {
        assertThat(profileProblems("wrong-types.yaml")).containsExactly(
                "5:8: relay must be a mapping, not '17'; write a mapping with pin",
                "6:8: pulse must be a duration, not '5'; write a duration from 100ms to 1min, with its unit: ms, s, min or h",
                "7:16: heldOpenAlarm must be a duration, not a list; write a duration from 5s to 1h, with its unit: ms, s, min or h",
                "9:8: pin must be a GPIO number, not 'seventeen'; write a BCM GPIO number from 2 to 27",
                "10:9: pull 'yes' is not one of up, down, none; use one of up, down, none");
    }

    @Test
    void outOfRangeValuesNameTheRange_aNegativePulseAndPinsTheBoardDoesNotHave() {
        assertThat(profileProblems("out-of-range.yaml")).containsExactly(
                "6:8: pin: GPIO 30 is not on the Raspberry Pi header; use a BCM GPIO number from 2 to 27",
                "7:8: pulse -1s is out of range; use 100ms to 1min",
                "9:8: pin: GPIO 0 is reserved for the HAT ID EEPROM; use a BCM GPIO number from 2 to 27");
    }

    @Test
    void missingKeysArePointedAtTheMappingThatLacksThem() {
        assertThat(profileProblems("missing-keys.yaml")).containsExactly(
                "1:1: missing key 'lockType'; add lockType: one of fail-secure, fail-safe",
                "4:1: missing key 'pin'; add pin: a BCM GPIO number from 2 to 27");
    }

    @Test
    void aKeyWrittenTwiceAndAnAliasAreRefused() {
        assertThat(profileProblems("duplicate-key.yaml")).containsExactly("6:1: the key 'd0' is written twice (first at line 4); keep one of them");
        assertThat(profileProblems("alias.yaml")).containsExactly(
                "5:5: the alias '*pin' is not supported; write the value out in full, so each entry says what it is where it stands");
    }

    @Test
    void aDoorLockNeedsASensorForRelockAndHeldOpenAndEachSignalItsOwnPin() {
        assertThat(profileProblems("door-lock-rules.yaml")).containsExactly(
                "6:19: GPIO 17 for exitButton is already used by relay (line 5); give each signal its own GPIO",
                "7:9: relock needs a doorSensor, and this lock has none; add doorSensor with the pin of the door-position switch, or remove relock",
                "8:16: heldOpenAlarm needs a doorSensor, and this lock has none; add doorSensor with the pin of the door-position switch, "
                        + "or remove heldOpenAlarm");
    }

    @Test
    void aTurnstileOpensWithCoilsAndCountsWithSixteenBitRegisters() {
        assertThat(profileProblems("turnstile.yaml")).containsExactly(
                "5:25: openEntry must be a coil (function 1), not an input register (function 4); write function: 1",
                "6:36: openExit (coil 0x0001) is not covered by any read; add a read with function: 1 that includes 0x0001, "
                        + "or widen one nearby",
                "7:35: entries (input register 0x0000) overlaps openEntry; give each value its own addresses; check address, type "
                        + "and stride",
                "7:49: entries is a 16-bit counter that wraps at 65536, not u32; remove type: a turnstile's counters are u16",
                "8:33: exits (input register 0x0001) overlaps entries; give each value its own addresses; check address, type and stride");
    }

    @Test
    void aWiegandReaderNeedsTwoLines() {
        assertThat(profileProblems("wiegand.yaml")).containsExactly("5:5: d1 uses GPIO 5 like d0; wire DATA0 and DATA1 to two different GPIOs");
    }

    @Test
    void aReadOverTheModbusLimitOrPastTheLastAddressIsRefused() {
        assertThat(profileProblems("read-over-limit.yaml")).containsExactly(
                "8:43: count 160 exceeds the Modbus limit of 125 registers per read; split it into reads of at most 125 registers",
                "9:43: this read runs past address 0xFFFF; use a count of at most 16");
    }

    @Test
    void aMeterRegisterOrReadWithoutAFunctionAndNoDefaultsIsPointedAtAndOnlyRegisterFunctionsAreTaken() {
        String write = "write function: 3 or 4 here, or once for the whole map: registerDefaults: {function: 4}";
        assertThat(profileProblems("energy-meter-functions.yaml")).containsExactly(
                "4:1: unknown key 'registerDefault'; did you mean 'registerDefaults'?",
                "6:3: power does not say which function reads it, and there are no registerDefaults; " + write,
                "7:22: function 2 is not a function that reads registers (3 holding, 4 input); use one of 3, 4",
                "9:5: this read does not say which function it sends, and there are no registerDefaults; " + write);
    }

    @Test
    void brokenRegisterDefaultsAreReportedOnceNotAgainAtEveryRegisterThatTakesThem() {
        assertThat(profileProblems("energy-meter-map.yaml")).containsExactly(
                "4:55: order 'high-frist' is not one of high-first, low-first; did you mean 'high-first'?");
    }

    @Test
    void aReadOfTheOtherFunctionAndAMeterInKilowattHoursAreNamedWithTheFix() {
        String agree = "but this register is read with function 3; write the function the device answers on both";
        assertThat(profileProblems("energy-meter-units.yaml")).containsExactly(
                "6:28: voltage (holding register 0x2000) is not covered by any read; the read at line 11 covers 0x2000 with function 4, " + agree,
                "7:28: power (holding register 0x2004) is not covered by any read; the read at line 11 covers 0x2004 with function 4, " + agree,
                "8:28: reactivePower (holding register 0x2006) is not covered by any read; the read at line 11 covers 0x2006 with function 4, " + agree,
                "8:42: reactivePower must be in var after scaling, not kvar; write unit: var and scale: 1000 (a register in kvar times 1000 is in var)",
                "9:42: energy must be in Wh after scaling, not kWh; write unit: Wh and scale: 1000 (a register in kWh times 1000 is in Wh)");
    }

    @Test
    void safetyLimitsAboveTheFirmwaresOwnAreRefused() {
        String stricter = "the gateway may only be stricter than the firmware: use at most ";
        assertThat(profileProblems("safety-above-firmware.yaml")).containsExactly(
                "20:18: overloadPower 1200 W is above the firmware's own limit of 1000 W; " + stricter + "1000 W",
                "22:19: fullChargeTime 15min is above the firmware's own limit of 10min; " + stricter + "10min",
                "23:15: maxSession 10h is above the firmware's own limit of 8h; " + stricter + "8h",
                "24:20: temperatureWarn 95 degC is not below temperatureCut 90 degC; warn before cutting: keep temperatureWarn below temperatureCut",
                "25:19: temperatureCut 90 degC is above the firmware's own over-temperature limit of 80 degC; " + stricter + "80 degC");
    }

    @Test
    void aRegisterMapIsCheckedForTablesUnitsCoverageAndOverlaps() {
        assertThat(profileProblems("register-map.yaml")).containsExactly(
                "6:23: relay must be a coil (function 1), not an input register (function 4); write function: 1",
                "6:35: relay of port 1 (input register 0x0000) is not covered by any read; add a read with function: 4 "
                        + "that includes 0x0000, or widen one nearby",
                "7:60: power must be in W after scaling, not kW; write unit: W and scale: 1000 (a register in kW times 1000 is in W)",
                "8:35: energy of port 1 (input register 0x0101) overlaps power of port 2; give each value its own addresses; "
                        + "check address, type and stride",
                "8:51: energy of port 4 (input register 0x0107) is not covered by any read; add a read with function: 4 "
                        + "that includes 0x0107-0x0108, or widen one nearby",
                "9:60: a discrete input holds one bit, so type float32 does not apply; remove type, or read the value from "
                        + "registers with function 3 or 4",
                "11:3: temperature has no unit; the agent needs it in degC; write unit: degC, with the scale that turns the raw value into it",
                "11:39: temperature (input register 0x0010) is not covered by any read; add a read with function: 4 "
                        + "that includes 0x0010, or widen one nearby");
    }

    @Test
    void aLockBoardsSensorMapStaysWithinTheBoardAndUsesEachInputOnce() {
        assertThat(profileProblems("lock-board.yaml")).containsExactly(
                "7:15: channel 3 is mapped twice (first at line 6); map each channel once",
                "8:25: input 5 already reports another channel (line 6); give each channel its own sensor input",
                "9:15: channel 20 is beyond this board's 16 channels; use a channel from 1 to 16",
                "10:25: input 17 is beyond this board's 16 sensor inputs; use an input from 1 to 16");
    }

    @Test
    void aLockBoardHasAtMost48ChannelsAndAKnownProtocol() {
        assertThat(profileProblems("too-many-channels.yaml")).containsExactly(
                "3:11: protocol 'lockboard-8b' is not one of lockboard-8a; did you mean 'lockboard-8a'?",
                "4:11: channels 60 is out of range; use 1 to 48");
    }

    @Test
    void aWirelessLockNeedsPathsAnUnlockCommandAndTimeToMissAReport() {
        assertThat(profileProblems("wireless-lock.yaml")).containsExactly(
                "4:52: battery 'battery' is not a resource path; start it with '/', e.g. /lock/state",
                "5:18: lock is listed twice in commands; list it once");
        assertThat(profileProblems("wireless-lock-rules.yaml")).containsExactly(
                "4:36: command uses the same path as another resource; give state, command and battery their own paths",
                "5:11: commands has no unlock; add unlock: a door lock the gateway cannot open is no use",
                "7:15: offlineAfter 30min is not longer than reportInterval 1h; allow a few missed reports, e.g. offlineAfter: 3h");
    }
}
