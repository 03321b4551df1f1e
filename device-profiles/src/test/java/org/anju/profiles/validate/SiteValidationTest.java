package org.anju.profiles.validate;

import static org.anju.profiles.Fixtures.siteProblems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.anju.profiles.Fixtures;
import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.ChargingPileProfile;
import org.junit.jupiter.api.Test;

/** One broken site file per rule; each asserts the exact message, line and column. */
class SiteValidationTest {
    private static final String PINS = "wire each lock, sensor, button, reader and alarm to its own GPIO";

    @Test
    void twoDevicesAtOneAddressOnOneBus() {
        assertThat(siteProblems("two-devices-one-address.yaml")).containsExactly(
                "8:58: address 1 on bus bus-a is already used by pile-1 (line 7); give each device on a bus its own address, "
                        + "and set the same on the device");
    }

    @Test
    void aModbusAddressOf300OrZeroAndANonStandardBaudRate() {
        assertThat(siteProblems("modbus-address-300.yaml")).containsExactly(
                "6:11: baud 9601 is not a standard baud rate; use one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200",
                "8:58: address 300 is out of range; use 1 to 247",
                "9:58: address 0 is out of range; use 1 to 247");
    }

    @Test
    void twoDoorsOnOnePinAndEveryOtherGpioClash() {
        assertThat(siteProblems("two-doors-one-pin.yaml")).containsExactly(
                "15:87: GPIO 22 for the exitButton of door west is already used by the exitButton of door east (line 9); " + PINS,
                "16:46: GPIO 16 for DATA0 of the reader of door west is already used by the relay of door west (line 15); " + PINS,
                "18:35: GPIO 20 for alarm input smoke is already used by the doorSensor of door west (line 15); " + PINS);
    }

    @Test
    void aDoorBoundToAChannelItsBoardDoesNotHaveOrThatAnotherDoorHolds() {
        assertThat(siteProblems("missing-channel.yaml")).containsExactly(
                "10:103: lock board board-1 has no channel 17 (it has 16); use a channel from 1 to 16",
                "11:103: channel 16 of lock board board-1 already holds door room-101 (line 9); give each door its own channel",
                "12:85: there is no device 'board-2'; did you mean 'board-1'?");
    }

    @Test
    void aReferenceToAProfileThatDoesNotExistOrIsOfTheWrongKind() {
        String busKinds = "anju-ref-pile-10, anju-ref-pile-12, anju-ref-pile-16, anju-ref-turnstile, chint-ddsu666, chint-ddsu666-fc03, hiking-dds238-2, lockboard-8a-16, "
                + "lockboard-8a-24, modbus-relay-16, modbus-relay-8, modbus-relay-8-temp";
        assertThat(siteProblems("missing-profile.yaml")).containsExactly(
                "7:31: there is no profile 'anju-ref-pile-1O'; did you mean 'anju-ref-pile-10'?",
                "8:31: there is no profile 'acme-pile'; the charging-pile, energy-meter, relay-board, lock-board or turnstile profiles are: "
                        + busKinds,
                "9:31: profile 'gpio-strike-fail-secure' is a door-lock profile, not a charging-pile, energy-meter, relay-board, "
                        + "lock-board or turnstile profile; use one of: " + busKinds);
    }

    @Test
    void aPasswordWrittenInTheSiteFileIsRefusedWithoutEchoingIt() {
        List<String> problems = siteProblems("password-inline.yaml");

        assertThat(problems).containsExactly("6:3: 'password' would put a secret in this file; write passwordFile: PATH or "
                + "passwordEnv: VARIABLE instead, so the secret stays out of the file");
        assertThat(String.join("\n", problems)).doesNotContain("s3cret");
    }

    @Test
    void theBrokerAndCredentialReferencesMustBeWellFormed() {
        assertThat(siteProblems("credentials.yaml")).containsExactly(
                "1:15: id 'GW Test' is not a valid id; use lower-case letters, digits, '-' and '.', e.g. pile-01",
                "4:11: broker 'mqtt.park.example:1883' is not a tcp:// or ssl:// URL with a host; write e.g. ssl://mqtt.park.example:8883",
                "5:17: a password needs a username; add username: the MQTT user this gateway logs in as",
                "6:16: passwordEnv 'anju_password' is not an environment variable name; use capitals, digits and '_', e.g. ANJU_MQTT_PASSWORD",
                "6:16: give passwordFile or passwordEnv, not both; keep the one the gateway's installation provides",
                "7:13: a client certificate needs both certFile and keyFile; give both, or neither",
                "10:12: command key 'park-2026' is listed twice; give each key its own id");
    }

    @Test
    void aBusSpeaksOneProtocolOnItsOwnPortAndKeepsThePisUartPins() {
        assertThat(siteProblems("mixed-protocols.yaml")).containsExactly(
                "8:32: board-1 speaks lockboard-8a, but bus bus-a already speaks modbus-rtu (pile-1, line 7); "
                        + "put devices of different protocols on separate buses",
                "10:11: port /dev/ttyAMA0 is already used by bus bus-a (line 5); each bus needs its own serial port",
                "14:11: port 'ttyUSB1' is neither a serial device nor a serial server; write a device path such as /dev/ttyUSB0, "
                        + "or tcp://HOST:PORT for a serial server",
                "17:11: port 'tcp://192.168.1.50' is not a serial server address; write tcp://HOST:PORT, e.g. tcp://192.168.1.50:4001",
                "20:40: GPIO 14 for alarm input panel is already used by the UART TXD of bus bus-a (line 5); " + PINS);
    }

    @Test
    void anAreasLimitsMayNotBeLooserThanTheFirmwareOfAnyOfItsPiles() {
        String stricter = "the gateway may only be stricter than the firmware: use at most 8h";
        assertThat(siteProblems("area-limits.yaml")).containsExactly(
                "13:19: maxSession 10h is above the firmware's own limit of 8h (profile anju-ref-pile-10); " + stricter,
                "13:19: maxSession 10h is above the firmware's own limit of 8h (profile anju-ref-pile-12); " + stricter,
                "15:23: temperatureWarn 55 degC is not below temperatureCut 50 degC (profile anju-ref-pile-10); "
                        + "warn before cutting: keep temperatureWarn below temperatureCut",
                "15:23: temperatureWarn 55 degC is not below temperatureCut 50 degC (profile anju-ref-pile-12); "
                        + "warn before cutting: keep temperatureWarn below temperatureCut");
    }

    @Test
    void referencesBetweenAreasDevicesDoorsAndAlarmInputsAreChecked() {
        assertThat(siteProblems("references.yaml")).containsExactly(
                "16:19: there is no alarm input 'smoke-2'; did you mean 'smoke-1'?",
                "17:29: there is no door 'gates'; did you mean 'gate'?",
                "19:13: pile-2 is already in charging area north (line 15); a pile belongs to one charging area",
                "19:21: there is no device 'pile-3'; did you mean 'pile-1'?",
                "20:9: the charging area id 'north' is already used (line 14); give each charging area its own id",
                "20:9: charging area north has no piles and no meteredPorts; add the piles or metered ports that charge here");
    }

    @Test
    void aFeederFeedsOnePileOfItsAreaFromARelayChannelOfItsOwn() {
        assertThat(siteProblems("feeders.yaml")).containsExactly(
                "17:48: channel 1 of relay board relays already switches something else (line 15); give each metered port, feeder and lift floor its own relay channel",
                "18:16: pile pile-1 already has a feeder (line 17); a pile is fed by one relay channel",
                "18:48: relay board relays has no channel 9 (it has 8); use a channel from 1 to 8",
                "19:16: pile pile-2 is not in charging area shed; list it under piles, or give the feeder of one of: pile-1, relays",
                "20:16: pile pile-1 already has a feeder (line 17); a pile is fed by one relay channel",
                "20:31: device 'meter-1' is an energy-meter, not a relay-board; use one of: relays");
    }

    @Test
    void aRelayBoardsSocketsStandInOneAreaAndItsFeederIsTheirs() {
        assertThat(siteProblems("metered-cabinets.yaml")).containsExactly(
                "19:33: relay board relays already switches metered ports of charging area shed (line 14); a relay board's sockets"
                        + " stand in one charging area: give this area's sockets a board of their own",
                "21:16: pile feeder-board is not in charging area yard; list it under piles, or give the feeder of one of: relays");
    }

    @Test
    void aMeteredPortHasItsOwnMeterAndRelayChannel() {
        assertThat(siteProblems("metered-ports.yaml")).containsExactly(
                "14:17: meter meter-1 already meters another port (line 13); give each metered port its own meter",
                "14:50: channel 1 of relay board relays already switches something else (line 13); give each metered port, feeder and lift floor its own relay channel",
                "15:50: relay board relays has no channel 9 (it has 8); use a channel from 1 to 8",
                "16:17: device 'relays' is a relay-board, not an energy-meter; use one of: meter-1, meter-2",
                "16:32: device 'meter-2' is an energy-meter, not a relay-board; use one of: relays");
    }

    @Test
    void liftsServeDeclaredFloorsOnRelayChannelsOfTheirOwn() {
        assertThat(siteProblems("lifts.yaml")).containsExactly(
                "1:34: time zone 'Asia/Shangai' is not one this machine knows; did you mean 'Asia/Shanghai'?",
                "14:26: rooms '310..301' is not a range this gateway can expand; write the lower number first, both with the same "
                        + "number of digits, at most 1000 rooms apart",
                "14:36: rooms '3x..39' is not a range of room numbers; write FIRST..LAST with digits on both sides, e.g. 301..320",
                "15:13: floor '2' is already declared (line 13); declare each floor once, with all its rooms",
                "20:46: GPIO 23 for DATA0 of the reader of lift lift-a is already used by alarm input fire-panel (line 10); " + PINS,
                "21:19: there is no alarm input 'fire-panl'; did you mean 'fire-panel'?",
                "24:40: open hours '07:00-07:00' have a span that starts where it ends; write always for a floor open all day, "
                        + "or a span with two different times",
                "25:40: open '8-22' is not open hours; write always, or spans of the day such as 07:00-22:00 or 07:00-09:00,17:00-20:00",
                "26:17: there is no floor '4'; did you mean '1'?",
                "26:31: relay board lift-board has no channel 9 (it has 8); use a channel from 1 to 8",
                "27:31: channel 1 of relay board lift-board already switches something else (line 23); "
                        + "give each metered port, feeder and lift floor its own relay channel",
                "28:17: floor 3 is already served by lift lift-a (line 27); give each floor of the lift one relay channel",
                "28:41: device 'meter-1' is an energy-meter, not a relay-board; use one of: lift-board");
    }

    @Test
    void gatesHaveATurnstileOfTheirOwnAndAWayOut() {
        assertThat(siteProblems("gates.yaml")).containsExactly(
                "11:42: door room-301 is on floor 4, but floors[] lists room 301 on floor 3 (line 14); write the same floor in both",
                "12:53: room 302 of door room-302 is on no floor of floors[]; add 302 to the rooms of floor 3, so a lift can take "
                        + "its tenants home",
                "16:143: antiPassback 'strict' is not one of off, soft, hard; use one of off, soft, hard",
                "17:10: the gate id 'lobby' is already used by a door (line 10); give each door, lift and gate its own id: rosters "
                        + "and commands name them by id alone",
                "18:41: device 'relays' is a relay-board, not a turnstile; use one of: lane-1",
                "18:126: GPIO 22 for the exitButton of gate gate-3 is already used by the exitButton of door lobby (line 10); " + PINS,
                "19:41: turnstile lane-1 already serves gate lobby (line 17); give each gate its own turnstile device",
                "20:5: gate gate-5 has neither an exitReader nor an exitButton; add exitReader: {profile: ...} or exitButton: "
                        + "{pin: N}, so people inside can open it to leave",
                "21:26: reconcileAt '4:00' is not a time of day; write HH:MM on the 24-hour clock, e.g. 04:00",
                "21:47: reconcileTo 'everyone' is not one of identified, zero; use one of identified, zero");
    }

    @Test
    void aDoorIsARoomOrAnEntranceWithExactlyOneLock() {
        assertThat(siteProblems("doors.yaml")).containsExactly(
                "8:15: a door is a room door or an entrance, not both; keep room or entrance",
                "10:5: the door has neither room nor entrance; add room: NUMBER for a room door, or entrance: NAME for a building entrance",
                "20:18: the lock names both gpio and lockBoard; a lock is bound to one piece of hardware: keep one of them",
                "25:5: the lock names no hardware; add one of gpio, lockBoard or wireless",
                "30:28: there is no profile 'bare-strike'; the door-lock profiles are: gpio-maglock-fail-safe, gpio-strike-fail-secure",
                "31:23: profile 'gpio-strike-fail-secure' is a door-lock profile, not a wiegand-reader profile; "
                        + "use one of: wiegand-26-reader, wiegand-34-reader");
    }

    @Test
    void wirelessLocksNeedTheCoapEndpointAndTheirOwnNames() {
        assertThat(siteProblems("wireless.yaml")).containsExactly(
                "4:116: door room-701 has a wireless lock, but the site has no CoAP endpoint; add endpoints: coap: {port: 5684, pskFile: lock-keys.psk}",
                "5:116: endpoint 'lock-701' is already used by door room-701 (line 4); give each wireless lock its own endpoint name");
    }

    @Test
    void wirelessLocksNeedTheFileOfTheirKeys() {
        assertThat(siteProblems("wireless-no-keys.yaml")).containsExactly(
                "4:116: door room-701 has a wireless lock, but endpoints.coap names no pskFile; "
                        + "add pskFile: the locks' keys, one 'endpoint: hex-key' a line, readable by the gateway only");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceInFileOrder() {
        List<String> problems = siteProblems("mixed-protocols.yaml");

        assertThat(problems).hasSize(5);
        assertThat(problems).isSortedAccordingTo((a, b) -> {
            int[] x = position(a);
            int[] y = position(b);
            return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
        });
    }

    private static int[] position(String problem) {
        String[] parts = problem.split(":", 3);
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    @Test
    void aSitesProfilesFolderExtendsAndOverridesTheShippedProfilesAndItsProblemsAreTheSites() {
        Path site = Fixtures.path("broken/sites/with-profiles/site.yaml");
        Path profiles = site.getParent().resolve("profiles");

        LoadResult result = SiteLoader.load(site);

        assertThat(result).isInstanceOf(LoadResult.Invalid.class);
        List<Problem> problems = ((LoadResult.Invalid) result).problems();
        assertThat(problems).extracting(Problem::toString).containsExactly(
                profiles.resolve("broken-strike.yaml") + ":5:14: pin: GPIO 40 is not on the Raspberry Pi header; use a BCM GPIO number from 2 to 27",
                profiles.resolve("duplicate.yaml") + ":1:5: the profile id 'bare-strike' is already used by "
                        + profiles.resolve("bare-strike.yaml") + ":1; give each profile its own id",
                site + ":15:121: profile 'bare-strike' has no doorSensor; remove doorSensor, or use a door-lock profile with a door sensor");
    }

    @Test
    void aFolderProfileWithAShippedIdReplacesTheShippedOne() {
        Path folder = Fixtures.path("broken/sites/with-profiles/profiles");

        ChargingPileProfile pile = org.anju.profiles.load.ProfileCatalog.withFolder(folder).catalog()
                .find("anju-ref-pile-10", ChargingPileProfile.class).orElseThrow();

        assertThat(pile.safetyLimits().overloadPower()).isEqualTo(600);
    }
}
