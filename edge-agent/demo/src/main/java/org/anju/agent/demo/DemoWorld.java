package org.anju.agent.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.anju.agent.DataFolder;
import org.anju.agent.Gateway;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.firmware.lift.LiftCar;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.SimulationClock;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.firmware.meter.MeterShed;
import org.anju.firmware.meter.ReadFunctions;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.firmware.turnstile.TurnstileSimulator;
import org.anju.agent.bus.WireTime;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.load.SiteLoader;

import io.moquette.broker.Server;

/**
 * A whole park with one building, on loopback, with nothing installed: Moquette as the park's
 * broker, the park bridge on SQLite, and building 7's gateway agent from a site file, with two
 * reference charging piles (at 9600 baud, their clocks sped up), a metered socket (a meter and a
 * relay board's channel, on a line of their own) and a lock board on TCP serial servers, lift A's
 * floor-button board and the lobby turnstile on another, and the doors, the card readers (entrance,
 * lift car, lobby gate) and the shed's smoke detector on Pi4J's mock GPIO.
 */
public final class DemoWorld implements AutoCloseable {
    public static final String PARK = "huaqiao";
    public static final String PARK_KEY_ID = "park-2026";
    static final int SMOKE_PIN = 23;
    /** The piles' bus: two reference piles at 9600 baud, each read every 300 ms at most. */
    static final int PILE_BAUD = 9600;
    static final Duration PILE_POLL = Duration.ofMillis(300);
    static final String PILE_PROFILE = "anju-ref-pile-10";
    static final int READER_D0 = 5;
    static final int READER_D1 = 6;
    static final int LIFT_D0 = 12;
    static final int LIFT_D1 = 13;
    static final int GATE_IN_D0 = 16;
    static final int GATE_IN_D1 = 19;
    static final int GATE_OUT_D0 = 20;
    static final int GATE_OUT_D1 = 21;

    final Path dir;
    final String adminPassword;
    final PileSimulator pile1;
    final PileSimulator pile2;
    final LockBoardSimulator board = new LockBoardSimulator(1);
    /** Lift A's floor buttons behind their relay board, and the lobby turnstile, on the lobby's RS-485 line. */
    final LiftCar lift = new LiftCar(8);
    final TurnstileSimulator lane = new TurnstileSimulator();
    /** A socket among the piles: a meter and a relay board's channel 1, on a line of their own. */
    final MeterShed shed = new MeterShed(new MeterShed.Layout(1, 1, ReadFunctions.BOTH, 20, 8));
    final ParkBridge bridge;
    public final Gateway gateway;
    /** The park's command key (a benchmark signs its bare commands with it). */
    public final KeyPair parkKey;
    private final Server broker = new Server();
    private final boolean embeddedBroker;
    private final GatewayDatabase database;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<AutoCloseable> open = new ArrayList<>();

    DemoWorld(Path dir, double speed) throws Exception {
        this(dir, speed, null);
    }

    /** @param brokerUri an MQTT broker to use instead of the embedded Moquette (a benchmark's Mosquitto), or null */
    public DemoWorld(Path dir, double speed, String brokerUri) throws Exception {
        this.dir = Files.createDirectories(dir);
        // the piles' bikes run fast, the gateway does not: the firmware's timers (watchdog, full
        // charge, maximum session) keep the wall's pace, as `anju simulate --speed` does, so the
        // watchdog still means a minute of the gateway's silence and the gateway's limits act first
        pile1 = new PileSimulator(10, PileLimits.DEFAULTS);
        pile2 = new PileSimulator(10, PileLimits.DEFAULTS);
        pile1.wallPacedTimers(speed);
        pile2.wallPacedTimers(speed);
        board.wallPacedTimers(speed);
        boolean embedded = brokerUri == null;
        if (embedded) {
            Properties mqtt = new Properties();
            mqtt.setProperty("host", "127.0.0.1");
            mqtt.setProperty("port", "0");
            mqtt.setProperty("allow_anonymous", "true");
            mqtt.setProperty("persistence_enabled", "false");
            mqtt.setProperty("data_path", dir.resolve("broker").toString());
            Files.createDirectories(dir.resolve("broker"));
            broker.startServer(mqtt);
            brokerUri = "tcp://127.0.0.1:" + boundPort(broker);
        }
        this.embeddedBroker = embedded;

        parkKey = Ed25519Keys.generate();
        Files.writeString(dir.resolve("park-command.pem"), Ed25519Keys.toPem(parkKey.getPrivate()));
        Files.writeString(dir.resolve("park-command.pub.pem"), Ed25519Keys.toPem(parkKey.getPublic()));
        Files.writeString(dir.resolve("data.key"), randomHex(32));
        Files.writeString(dir.resolve("session.key"), randomHex(32));
        // the secret the park and the gateway share for tenants' offline PINs at the entrance's keypad
        Files.writeString(dir.resolve("offline-pin.key"), randomHex(32));
        adminPassword = newAdminPassword();
        Files.writeString(dir.resolve("admin.password"), adminPassword + "\n");
        Path parkYaml = Files.writeString(dir.resolve("park.yaml"), """
                park: huaqiao
                broker: {uri: %s, %s}
                store: {sqlite: park.db}
                http: {bind: 127.0.0.1, port: 0, doorOpensPerMinute: 600}   # anju bench door opens one door hundreds of times
                keys: {commandKeyId: park-2026, commandKeyFile: park-command.pem, dataKeyFile: data.key, sessionKeyFile: session.key,
                       offlinePinKeyFile: offline-pin.key}
                admin: {login: admin, passwordFile: admin.password}
                buildings:
                  - id: b07
                    name: Village 3 building 7
                    gateway: gw-demo-b07
                    doors: [{id: entrance}, {id: lobby-gate, kind: gate}, {id: shed-gate, kind: shed}, {id: room-301, room: "301"}, {id: room-302, room: "302"}]
                    areas: [{id: bike-shed, piles: [pile-1, pile-2, sockets]}]   # sockets: the relay board of a metered socket
                    lifts: [{id: lift-a}]
                    gatewayKeyFile: gateway/gateway.pub.pem      # written by the gateway at its first start
                """.formatted(brokerUri, embedded
                        // one instance: Moquette 0.17 speaks only MQTT 3.1.1, without shared subscriptions
                        ? "protocol: mqtt311, shared: false" : "protocol: mqtt5, shared: true"));
        var loadedPark = ParkConfigLoader.load(parkYaml);
        if (loadedPark instanceof ParkConfigLoader.Result.Invalid invalid) {
            throw new IllegalStateException("demo park.yaml: " + invalid.problems());
        }
        var started = ParkBridge.start(((ParkConfigLoader.Result.Loaded) loadedPark).config(), Clock.systemUTC(),
                PasswordHasher.PRODUCTION_ITERATIONS);
        if (started instanceof ParkBridge.Start.Failed failed) {
            throw new IllegalStateException("the park bridge did not start: " + failed.reason());
        }
        bridge = keep(((ParkBridge.Start.Started) started).bridge());

        List<LineDevice> piles = List.of(pile1.onLine(1), pile2.onLine(2));
        keep(new SimulationClock(piles.get(0), speed, timer));
        keep(new SimulationClock(piles.get(1), speed, timer));
        LinePacing line = LinePacing.atBaud(9600);
        TcpSerialServer pileServer = keep(new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), SharedLine.of(piles),
                line, line.silenceNanos(), timer));
        keep(new SimulationClock(board, speed, timer));
        TcpSerialServer boardServer = keep(TcpSerialServer.onFreeLoopbackPort(board));
        LineDevice shedLine = shed.onLine();
        keep(new SimulationClock(shedLine, speed, timer));
        LinePacing socketLine = LinePacing.atBaud(9600);
        TcpSerialServer shedServer = keep(new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), shedLine, socketLine,
                socketLine.silenceNanos(), timer));
        SharedLine lobby = SharedLine.of(lift.onLine(10), lane.onLine(20));
        keep(new SimulationClock(lobby, 1, timer)); // the turnstile's window runs at the wall's pace, as the gateway does
        TcpSerialServer lobbyServer = keep(TcpSerialServer.onFreeLoopbackPort(lobby));
        lane.autoWalk(java.time.Duration.ofSeconds(1)); // whoever the gate opens for walks through

        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-demo-b07, name: Village 3 building 7, gpio: mock, dataDir: gateway}
                park:
                  id: huaqiao
                  broker: %s
                  protocol: %s
                  commandKeys: [{id: park-2026, file: park-command.pub.pem}]
                  offlinePinKeyFile: offline-pin.key
                buses:
                  - id: shed
                    port: tcp://127.0.0.1:%d
                    pollInterval: %dms
                    devices:
                      - {id: pile-1, profile: %s, address: 1}
                      - {id: pile-2, profile: %s, address: 2}
                  - id: sockets
                    port: tcp://127.0.0.1:%d
                    pollInterval: 1s
                    devices:
                      - {id: meter-1, profile: chint-ddsu666, address: 1}
                      - {id: sockets, profile: modbus-relay-8-temp, address: 20}
                  - id: locks
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: board-1, profile: lockboard-8a-16, address: 1}]
                  - id: lobby
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: lift-board, profile: modbus-relay-8, address: 10}, {id: lobby-turnstile, profile: anju-ref-turnstile, address: 20}]
                floors:
                  - {floor: "1"}
                  - {floor: "2", rooms: ["201", "202"]}
                  - {floor: "3", rooms: ["301", "302"]}
                  - {floor: "4", rooms: ["401", "402"]}
                lifts:
                  - id: lift-a
                    name: Lift A
                    building: "7"
                    reader: {profile: wiegand-26-reader, d0: %d, d1: %d}
                    relay: lift-board
                    floors:
                      - {floor: "1", channel: 1, open: always}
                      - {floor: "2", channel: 2}
                      - {floor: "3", channel: 3}
                      - {floor: "4", channel: 4}
                gates:
                  - id: lobby-gate
                    name: Lobby turnstile
                    building: "7"
                    device: lobby-turnstile
                    entryReader: {profile: wiegand-26-reader, d0: %d, d1: %d}
                    exitReader: {profile: wiegand-26-reader, d0: %d, d1: %d}
                    antiPassback: hard
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main,
                     lock: {gpio: {profile: gpio-maglock-fail-safe}}, reader: {profile: wiegand-26-reader}}
                  - {id: shed-gate, building: "7", floor: "1", entrance: bike shed,
                     lock: {gpio: {profile: gpio-maglock-fail-safe, relay: 24, doorSensor: 25, exitButton: 26}}}
                  - {id: room-301, building: "7", floor: "3", room: "301", lock: {lockBoard: {device: board-1, channel: 1}}}
                  - {id: room-302, building: "7", floor: "3", room: "302", lock: {lockBoard: {device: board-1, channel: 2}}}
                alarmInputs:
                  - {id: shed-smoke, kind: smoke, pin: %d, activeLevel: low}
                chargingAreas:
                  - id: bike-shed
                    piles: [pile-1, pile-2]
                    meteredPorts: [{meter: meter-1, relay: sockets, channel: 1}]
                    alarmInputs: [shed-smoke]
                    onFireAlarm: {cut: area, release: [shed-gate], restore: manual}
                    safetyLimits: {fullChargeTime: 30s}   # a full battery is let go after 30 s of the wall, to keep the day short
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(brokerUri, embedded ? "mqtt311" : "mqtt5", pileServer.port(), PILE_POLL.toMillis(), PILE_PROFILE,
                PILE_PROFILE, shedServer.port(), boardServer.port(), lobbyServer.port(), LIFT_D0, LIFT_D1, GATE_IN_D0, GATE_IN_D1,
                GATE_OUT_D0, GATE_OUT_D1, SMOKE_PIN));
        LoadResult loaded = SiteLoader.load(site);
        if (loaded instanceof LoadResult.Invalid invalid) {
            throw new IllegalStateException("demo site.yaml: " + invalid.problems());
        }
        var siteModel = ((LoadResult.Loaded) loaded).site();
        DataFolder data = DataFolder.create(siteModel.gateway().dataDir());
        database = ((OpenResult.Opened) GatewayDatabase.open(data.database())).database();
        Gateway.Start start = Gateway.start(siteModel, data, database, Clock.systemUTC());
        if (start instanceof Gateway.Start.Failed failed) {
            database.close();
            throw new IllegalStateException("the gateway did not start: " + failed.reason());
        }
        gateway = ((Gateway.Start.Started) start).gateway();
    }

    /** The gateway's database file (the demo's backup job takes its write lock). */
    java.nio.file.Path gatewayDatabase() {
        return database.file();
    }

    public String gatewayId() {
        return "gw-demo-b07";
    }

    /**
     * A fresh admin password the park's policy always takes: "admin-" and eight hex digits was refused
     * as the login itself whenever the digits were all numbers (about one start in forty).
     */
    static String newAdminPassword() {
        return "anju demo " + randomHex(6);
    }

    /**
     * How fast the piles' time may run for the day's thermal runaway to be seen before its cut: the
     * gateway reads each pile once per cycle of the piles' bus (the poll interval, or both piles'
     * reads on the wire if longer), and the profile's warning-to-cut band is what it must see.
     */
    static DemoSpeed speedLimit() {
        ChargingPileProfile profile = ProfileCatalog.shipped().catalog().find(PILE_PROFILE, ChargingPileProfile.class)
                .orElseThrow();
        Duration cycle = WireTime.ofScan(profile.reads(), PILE_BAUD).multipliedBy(2);
        return new DemoSpeed(profile.safetyLimits().temperatureCut() - profile.safetyLimits().temperatureWarn(),
                DemoDay.RUNAWAY_C_PER_MINUTE, cycle.compareTo(PILE_POLL) > 0 ? cycle : PILE_POLL);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + bridge.port() + path;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Moquette binds its free port on a Netty thread after startServer returns, and says 0 until it
     * has (under load the park and the gateway were once given tcp://127.0.0.1:0): wait for the port.
     */
    private static int boundPort(Server broker) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (broker.getPort() == 0) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the embedded MQTT broker did not bind a port within 20 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        return broker.getPort();
    }

    /** Stops the gateway first (doors to their safe state), then the park, the simulators and the broker. */
    @Override
    public void close() throws IOException {
        gateway.stop();
        database.close();
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        timer.shutdownNow();
        if (embeddedBroker) {
            broker.stopServer();
        }
    }
}
