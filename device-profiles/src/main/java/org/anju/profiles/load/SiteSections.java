package org.anju.profiles.load;

import static org.anju.profiles.load.Types.GPIO;
import static org.anju.profiles.load.Types.ID;
import static org.anju.profiles.load.Types.REF;
import static org.anju.profiles.load.Types.TEXT;
import static org.anju.profiles.load.Types.choice;
import static org.anju.profiles.load.Types.duration;
import static org.anju.profiles.load.Types.refs;
import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.list;
import static org.anju.profiles.load.Types.map;

import java.util.List;
import java.util.regex.Pattern;

import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.schema.FieldType;
import org.anju.profiles.schema.ScalarType;
import org.anju.profiles.schema.Section;

/** The keys of a site file, section by section, as the reference page lists them. */
final class SiteSections {
    private static final ScalarType ENV_NAME = new ScalarType.TextType(Pattern.compile("[A-Z_][A-Z0-9_]*"),
            "an environment variable name", "use capitals, digits and '_', e.g. ANJU_MQTT_PASSWORD");
    private static final ScalarType PORT = integer(1, 65535);
    private static final ScalarType LISTEN_PORT = integer(0, 65535);
    private static final ScalarType TIME_ZONE = new ScalarType.TextType(Pattern.compile("[A-Za-z][A-Za-z0-9_+/-]{0,63}"),
            "a time zone name", "write a tz database name such as Asia/Shanghai");
    static final ScalarType TIME_OF_DAY = new ScalarType.TextType(Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]"),
            "a time of day", "write HH:MM on the 24-hour clock, e.g. 04:00");
    private static final String SPAN = "([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)";
    static final ScalarType OPEN_HOURS = new ScalarType.TextType(Pattern.compile("always|" + SPAN + "(," + SPAN + ")*"),
            "open hours", "write always, or spans of the day such as 07:00-22:00 or 07:00-09:00,17:00-20:00");

    static final Section GATEWAY = Section.named("gateway", "The gateway itself.")
            .required("id", ID, "", "unique in the park; used in MQTT topics")
            .optionalWithout("name", TEXT, "", "the id", "for people, e.g. the building's address")
            .optional("gpio", choice(org.anju.profiles.model.GatewaySettings.GpioProvider.class), "", "gpiod",
                    "GPIO driver: gpiod or linuxfs on a board, mock for demos and tests")
            .optional("dataDir", TEXT, "", "/var/lib/anju",
                    "folder of the gateway's database (relative to this file, or absolute)")
            .optional("diskBudget", integer(16, 1_048_576), "MB", "512",
                    "most disk the event store may use; past it, telemetry is thinned and an alarm raised")
            .optionalWithout("timeZone", TIME_ZONE, "", "the system's",
                    "the building's time zone, e.g. Asia/Shanghai: lift floors' hours and the daily occupancy reconciliation are in it")
            .build();

    static final Section COMMAND_KEY = Section.named("park.commandKeys[]",
                    "A public key the park signs commands with (Ed25519, PEM). Public keys are not secrets.")
            .required("id", ID, "", "the key id the park puts in each command")
            .required("file", TEXT, "", "the PEM file (BEGIN PUBLIC KEY), relative to this file, or absolute")
            .build();

    static final Section PARK = Section.named("park",
                    "How the gateway reaches the park's MQTT broker. Secrets are never written here, only where to find them.")
            .required("id", ID, "", "the park's id; with the gateway id it names this gateway's MQTT topics")
            .required("broker", TEXT, "", "the broker's URL: tcp://HOST:1883, or ssl://HOST:8883 for TLS")
            .optionalWithout("clientId", ID, "", "anju-PARK-GATEWAY", "MQTT client id")
            .optionalWithout("username", TEXT, "", "none", "MQTT user name")
            .optionalWithout("passwordFile", TEXT, "", "none", "file that holds the MQTT password on its first line (relative to this file, or absolute)")
            .optionalWithout("passwordEnv", ENV_NAME, "", "none", "environment variable that holds the MQTT password")
            .optionalWithout("caFile", TEXT, "", "the system's", "CA certificates (PEM) that sign the broker's certificate (ssl)")
            .optionalWithout("certFile", TEXT, "", "none", "this gateway's client certificate (PEM), for brokers that ask for one (ssl)")
            .optionalWithout("keyFile", TEXT, "", "none", "the client certificate's private key (PEM, unencrypted PKCS#8); keep it readable by the gateway only")
            .optionalWithout("offlinePinKeyFile", TEXT, "", "none: no offline PINs",
                    "file with the secret (64 hex digits) this gateway shares with the park for tenants' offline PINs; readable by the gateway only")
            .optional("protocol", choice("mqtt5", "mqtt311"), "", "mqtt5",
                    "MQTT 5, which tells the gateway when the broker refuses its events; mqtt311 only for Moquette (the demo's"
                    + " and a single building's embedded broker), which speaks nothing newer")
            .optional("drainRate", integer(0, 1_000_000), "events/s", "500",
                    "how fast a backlog goes to the park after an outage, 0 for no limit; a whole park reconnecting at once must not flatten the broker")
            .optional("statusEvery", duration("1s", "1h"), "", "60s",
                    "how often the gateway tells the park how it is (its status: outbox, buses, devices) when nothing changes;"
                    + " the park calls it stale after 2.5 of these without one")
            .optionalWithout("commandKeys", list(COMMAND_KEY), "", "none: no commands are accepted",
                    "the park's command-signing keys; a command signed by any other key is refused")
            .build();

    static final Section DEVICE = Section.named("buses[].devices[]", "A device on a bus.")
            .required("id", ID, "", "unique in the site; doors and charging areas refer to it")
            .required("profile", REF, "", "a charging-pile, energy-meter, relay-board, lock-board or turnstile profile")
            .required("address", integer(1, 247), "", "its address on the bus (Modbus unit id, or the lock board's DIP switches)")
            .build();

    static final Section BUS = Section.named("buses[]", "One RS-485 line and the devices on it; one bus speaks one protocol.")
            .required("id", ID, "", "unique in the site")
            .required("port", TEXT, "", "a serial device (/dev/ttyUSB0) or a TCP serial server (tcp://192.168.1.50:4001)")
            .optional("baud", new ScalarType.IntegerChoiceType(List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200),
                    "a standard baud rate"),
                    "bit/s", "9600", "line speed; every device on the bus must be set to it")
            .optional("parity", choice(Bus.Parity.class), "", "none", "parity bit")
            .optional("stopBits", integer(1, 2), "", "1", "stop bits")
            .optional("responseTimeout", duration("20ms", "5s"), "", "300ms", "how long to wait for a device's answer")
            .optional("pollInterval", duration("100ms", "1min"), "", "1s", "how often each device is read")
            .optional("retries", integer(0, 5), "", "2", "times a request is repeated when the device does not answer; after 3 failed exchanges in a row the device counts as offline")
            .required("devices", list(DEVICE), "", "the devices on this bus")
            .build();

    static final Section GPIO_LOCK = Section.named("doors[].lock.gpio",
                    "A lock on the gateway's GPIO; the pins default to the profile's wiring.")
            .required("profile", REF, "", "a door-lock profile")
            .optionalWithout("relay", GPIO, "", "the profile's", "GPIO of the relay output")
            .optionalWithout("doorSensor", GPIO, "", "the profile's", "GPIO of the door sensor, if the profile has one")
            .optionalWithout("exitButton", GPIO, "", "the profile's", "GPIO of the exit button, if the profile has one")
            .build();

    static final Section BOARD_LOCK = Section.named("doors[].lock.lockBoard", "A channel of a lock board.")
            .required("device", REF, "", "the lock board's device id")
            .required("channel", integer(1, Protocols.LOCKBOARD_8A_MAX_CHANNELS), "", "the lock channel, from 1")
            .build();

    static final Section WIRELESS_LOCK = Section.named("doors[].lock.wireless", "A wireless lock that reaches the CoAP endpoint.")
            .required("profile", REF, "", "a wireless-lock profile")
            .required("endpoint", ID, "", "the lock's CoAP endpoint name, which is also its DTLS identity")
            .build();

    static final Section LOCK = Section.named("doors[].lock", "What holds the door: exactly one of gpio, lockBoard and wireless.")
            .optionalWithout("gpio", map(GPIO_LOCK), "", "—", "a lock on the gateway's GPIO")
            .optionalWithout("lockBoard", map(BOARD_LOCK), "", "—", "a channel of a lock board")
            .optionalWithout("wireless", map(WIRELESS_LOCK), "", "—", "a wireless lock")
            .build();

    static final Section READER = Section.named("Wiegand reader",
                    "A Wiegand card reader beside a door, in a lift car or at a gate; the pins default to the profile's.")
            .required("profile", REF, "", "a wiegand-reader profile")
            .optionalWithout("d0", GPIO, "", "the profile's", "GPIO of DATA0")
            .optionalWithout("d1", GPIO, "", "the profile's", "GPIO of DATA1")
            .build();

    static final Section DOOR = Section.named("doors[]", "A door people pass; give room or entrance, not both.")
            .required("id", ID, "", "unique in the site; the park and the apps use it")
            .optionalWithout("name", TEXT, "", "the id", "for people, e.g. East gate")
            .required("building", TEXT, "", "building name or number as the park knows it")
            .required("floor", TEXT, "", "floor as people say it: 1, 2, B1")
            .optionalWithout("room", TEXT, "", "—", "room number, for a room door")
            .optionalWithout("entrance", TEXT, "", "—", "entrance name, for a building entrance")
            .required("lock", map(LOCK), "", "the lock's hardware")
            .optionalWithout("reader", map(READER), "", "none", "a card reader beside the door")
            .build();

    static final Section ALARM_INPUT = Section.named("alarmInputs[]", "A smoke detector or fire-panel contact on a GPIO input.")
            .required("id", ID, "", "unique in the site; charging areas refer to it")
            .required("kind", choice(AlarmInput.Kind.class), "", "smoke: a detector's relay contact; fire-panel: the building's fire alarm panel")
            .include(GpioSections.INPUT_KEYS)
            .build();

    static final Section METERED_PORT = Section.named("chargingAreas[].meteredPorts[]",
                    "A charging port made of an energy meter and a relay-board channel.")
            .required("meter", REF, "", "an energy-meter device")
            .required("relay", REF, "", "a relay-board device")
            .required("channel", integer(1, 64), "", "the relay-board channel that switches the port, from 1")
            .build();

    static final Section FEEDER = Section.named("chargingAreas[].feeders[]",
                    "The relay-board channel that switches a pile's supply, or the supply of a relay board's metered sockets: when a port's relay stays closed after a cut, the gateway cuts here.")
            .required("pile", REF, "", "a charging pile of this area, or a relay board that switches metered ports of this area (its sockets' supply)")
            .required("relay", REF, "", "a relay-board device")
            .required("channel", integer(1, 64), "", "the relay-board channel that feeds the pile, or the board's sockets, from 1")
            .build();

    static final Section FIRE = Section.named("chargingAreas[].onFireAlarm", "What a fire alarm in the area does.")
            .optional("cut", choice(ChargingArea.FireResponse.Cut.class), "", "site",
                    "which ports lose power: this area's, or every port of the site")
            .optionalWithout("release", refs(), "", "none", "ids of doors to unlock so people can get out")
            .optional("restore", choice(ChargingArea.FireResponse.Restore.class), "", "manual",
                    "manual: power stays off until a person restores it from the console; when-clear: it returns when the alarm clears")
            .build();

    static final Section AREA = Section.named("chargingAreas[]", "A place where e-bikes charge.")
            .required("id", ID, "", "unique in the site")
            .optionalWithout("name", TEXT, "", "the id", "for people, e.g. North bike shed")
            .optionalWithout("piles", refs(), "", "none", "ids of charging-pile devices")
            .optionalWithout("meteredPorts", list(METERED_PORT), "", "none", "ports made of a meter and a relay channel")
            .optionalWithout("feeders", list(FEEDER), "", "none: a welded relay raises PowerSwitchFailure for a person to act on",
                    "the relay channels that feed the area's piles and socket boards, for cutting a pile whose port relay will not open")
            .optionalWithout("alarmInputs", refs(), "", "none", "ids of alarm inputs that mean fire here; each pile's own smoke detector always counts")
            .optionalWithout("onFireAlarm", map(FIRE), "", "cut site, release none, restore manual", "what a fire alarm here does")
            .optionalWithout("safetyLimits", map(LimitSections.SAFETY_OVERRIDE), "", "the pile profiles'", "stricter limits for this area")
            .build();

    static final Section FLOOR = Section.named("floors[]",
                    "A floor of the building and the rooms on it, as the park's leases name them: a lift takes a renter to the floor of their room.")
            .required("floor", TEXT, "", "floor as people say it (1, 2, B1), as doors and lifts write it")
            .optionalWithout("rooms", new FieldType.ScalarListType(TEXT, true), "", "none",
                    "the rooms on this floor; 301..320 stands for every number from 301 to 320")
            .build();

    static final Section LIFT_FLOOR = Section.named("lifts[].floors[]",
                    "A floor the car serves: the relay channel in series with its button, and when it is open to everyone.")
            .required("floor", TEXT, "", "a floor of floors[]")
            .required("channel", integer(1, 64), "", "the relay-board channel that enables this floor's button, from 1")
            .optionalWithout("relay", REF, "", "the lift's relay", "another relay-board device, for a car with more floors than one board has channels")
            .optionalWithout("open", OPEN_HOURS, "", "never: cards and phones only",
                    "when anyone may press the button: always, or hours of the local day (07:00-22:00; 22:00-06:00 runs past midnight)")
            .build();

    static final Section LIFT = Section.named("lifts[]",
                    "A lift car whose floor buttons a relay board enables: a card in the car or a phone takes a renter to the floors of their rooms, a guest to their host's.")
            .required("id", ID, "", "unique among the site's doors, lifts and gates; the park and the apps use it")
            .optionalWithout("name", TEXT, "", "the id", "for people, e.g. Lift A")
            .required("building", TEXT, "", "building name or number as the park knows it")
            .optionalWithout("reader", map(READER), "", "none: phones only", "the card reader in the car")
            .required("relay", REF, "", "the relay-board device whose channels enable the floor buttons")
            .optional("enableFor", duration("3s", "5min"), "", "20s", "how long a card or a phone keeps the renter's floors enabled")
            .optionalWithout("alarmInputs", refs(), "", "every alarm input of the site",
                    "ids of the fire inputs that release every floor button until an officer restores the lift")
            .required("floors", list(LIFT_FLOOR), "", "the floors the car serves, each with its relay channel")
            .build();

    static final Section GATE = Section.named("gates[]",
                    "A turnstile or pedestrian gate at a building's entrance: every passage is counted with its direction.")
            .required("id", ID, "", "unique among the site's doors, lifts and gates; rosters grant it like a door")
            .optionalWithout("name", TEXT, "", "the id", "for people, e.g. Lobby turnstile")
            .required("building", TEXT, "", "building name or number as the park knows it; its occupancy counts these passages")
            .required("device", REF, "", "the turnstile device on a bus")
            .required("entryReader", map(READER), "", "the card reader outside")
            .optionalWithout("exitReader", map(READER), "", "none", "the card reader inside; a gate needs it or an exit button")
            .optionalWithout("exitButton", map(GpioSections.INPUT_KEYS), "", "none", "a request-to-exit button inside")
            .optional("antiPassback", choice(org.anju.profiles.model.Gate.AntiPassback.class), "", "off",
                    "off; soft: a card that entered and enters again is let in and the entry logged; hard: it is refused until it leaves or an officer resets it")
            .build();

    static final Section OCCUPANCY = Section.named("occupancy", "Who is inside each building, counted from the gates' passages.")
            .optional("reconcileAt", TIME_OF_DAY, "", "04:00", "the local time each day when the count is reconciled")
            .optional("reconcileTo", choice(org.anju.profiles.model.OccupancySettings.Reconcile.class), "", "identified",
                    "identified: the count becomes the renters last seen entering (unidentified passages drop out); zero: everyone counts as out")
            .build();

    static final Section LOCAL_API = Section.named("endpoints.localApi", "The gateway's local HTTP API.")
            .optional("bind", TEXT, "", "127.0.0.1", "address to listen on; 0.0.0.0 for every interface")
            .optional("port", LISTEN_PORT, "", "8080", "TCP port; 0 takes a free one, which the agent prints at start")
            .optional("metrics", choice(org.anju.profiles.model.Endpoints.MetricsAccess.class), "", "token",
                    "who may read /metrics: token (the API token, or the gateway itself on loopback) or open (anyone who reaches the port)")
            .build();

    static final Section COAP = Section.named("endpoints.coap", "The CoAP endpoint (DTLS) wireless locks talk to.")
            .optional("bind", TEXT, "", "0.0.0.0", "address to listen on")
            .optional("port", LISTEN_PORT, "", "5684", "UDP port; 0 takes a free one, which the agent prints at start")
            .optionalWithout("pskFile", TEXT, "", "none", "the locks' pre-shared keys, one 'endpoint: hex-key' a line (relative to this file, or absolute); readable by the gateway only")
            .build();

    static final Section ENDPOINTS = Section.named("endpoints", "The gateway's local servers.")
            .optionalWithout("localApi", map(LOCAL_API), "", "127.0.0.1:8080", "the local HTTP API")
            .optionalWithout("coap", map(COAP), "", "off", "the CoAP endpoint; needed when a door has a wireless lock")
            .build();

    static final Section SITE = Section.named("Site file", "One YAML file per gateway: what is wired where in this building.")
            .required("gateway", map(GATEWAY), "", "the gateway itself")
            .required("park", map(PARK), "", "the link to the park's MQTT broker")
            .optionalWithout("profiles", TEXT, "", "none", "a folder of extra profiles, relative to this file; they extend and override the shipped ones")
            .optionalWithout("buses", list(BUS), "", "none", "the serial buses")
            .optionalWithout("doors", list(DOOR), "", "none", "the doors")
            .optionalWithout("alarmInputs", list(ALARM_INPUT), "", "none", "smoke and fire-panel inputs")
            .optionalWithout("chargingAreas", list(AREA), "", "none", "the charging areas")
            .optionalWithout("floors", list(FLOOR), "", "none", "the floors and their rooms; needed by lifts")
            .optionalWithout("lifts", list(LIFT), "", "none", "the lifts")
            .optionalWithout("gates", list(GATE), "", "none", "the entrance gates (turnstiles)")
            .optionalWithout("occupancy", map(OCCUPANCY), "", "reconciled at 04:00 to the renters identified", "how the count of who is inside is kept")
            .optionalWithout("endpoints", map(ENDPOINTS), "", "local API on 127.0.0.1:8080, no CoAP", "local servers")
            .build();

    private SiteSections() {
    }
}
