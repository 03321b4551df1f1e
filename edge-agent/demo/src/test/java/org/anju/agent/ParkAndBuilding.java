package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.firmware.lift.LiftCar;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.firmware.turnstile.TurnstileSimulator;

import io.vertx.core.json.JsonObject;

/**
 * A park and one of its buildings, running for a test: Mosquitto, the park bridge on SQLite with
 * its API, and building 7's gateway agent from its site file, with a reference pile on a serial
 * server, lift A's board and the lobby turnstile on another, and the entrance, room 301, the lift's
 * and the gate's readers and the fire panel on mock GPIO. The park's admin signs in with
 * {@code admin} / {@code first admin password}.
 */
final class ParkAndBuilding implements AutoCloseable {
    static final String ADMIN_PASSWORD = "first admin password";
    /** The secret the park and the gateway share for offline PINs. */
    static final byte[] OFFLINE_PIN_SECRET = "park and gateway share this 32B!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final KeyPair parkKey = Ed25519Keys.generate();
    final PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
    /** The lobby line: lift A's floor buttons behind their relay board (unit 10) and the lobby turnstile (unit 20). */
    final LiftCar car = new LiftCar(8);
    final TurnstileSimulator lane = new TurnstileSimulator();
    static final int LIFT_D0 = 20;
    static final int LIFT_D1 = 21;
    static final int GATE_D0 = 23;
    static final int GATE_D1 = 24;
    static final int GATE_EXIT = 25;
    static final int FIRE_PANEL = 26;
    /** The card readers, with their keypads: at the entrance (offline PINs, guest passes) and at room 301's door. */
    static final int ENTRANCE_D0 = 18;
    static final int ENTRANCE_D1 = 19;
    static final int ROOM_301_D0 = 11;
    static final int ROOM_301_D1 = 12;
    final MosquittoBroker broker;
    final ParkBridge bridge;
    /** Building 7's gateway; replaced by {@link #startGateway()} after a {@link #stopGateway()}. */
    volatile RunningGateway gateway;
    private final Path site;
    private volatile boolean gatewayStopped;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ParkAndBuilding(Path dir) throws Exception {
        broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        TcpSerialServer pileLine = keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(1)));
        org.anju.firmware.line.SharedLine lobby = org.anju.firmware.line.SharedLine.of(car.onLine(10), lane.onLine(20));
        TcpSerialServer lobbyLine = keep(TcpSerialServer.onFreeLoopbackPort(lobby));
        java.util.concurrent.ScheduledExecutorService ticks = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        keep(ticks::shutdownNow);
        keep(new org.anju.firmware.line.SimulationClock(lobby, 1, ticks));
        Files.writeString(dir.resolve("park-command.pem"), Ed25519Keys.toPem(parkKey.getPrivate()));
        Files.writeString(dir.resolve("park-command.pub.pem"), Ed25519Keys.toPem(parkKey.getPublic()));
        Files.writeString(dir.resolve("data.key"), "11".repeat(32));
        Files.writeString(dir.resolve("session.key"), "22".repeat(32));
        Files.writeString(dir.resolve("admin.password"), ADMIN_PASSWORD + "\n");
        Files.writeString(dir.resolve("offline-pin.key"), java.util.HexFormat.of().formatHex(OFFLINE_PIN_SECRET));
        Path parkYaml = Files.writeString(dir.resolve("park.yaml"), """
                park: huaqiao
                broker: {uri: %s}
                store: {sqlite: park/park.db}
                http: {bind: 127.0.0.1, port: 0}
                keys: {commandKeyId: park-2026, commandKeyFile: park-command.pem, dataKeyFile: data.key, sessionKeyFile: session.key,
                       offlinePinKeyFile: offline-pin.key}
                admin: {login: admin, passwordFile: admin.password}
                buildings:
                  - id: b07
                    name: Building 7
                    gateway: gw-b07
                    doors: [{id: entrance}, {id: lobby-gate, kind: gate}, {id: room-301, room: "301"}, {id: room-302, room: "302"}]
                    areas: [{id: bike-shed, piles: [pile-1]}]   # the site file's area id: an area cut names it
                    gatewayKeyFile: gateway-data/gateway.pub.pem
                    lifts: [{id: lift-a}]
                """.formatted(broker.uri()));
        var loaded = ParkConfigLoader.load(parkYaml);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(ParkConfigLoader.Result.Loaded.class);
        var started = ParkBridge.start(((ParkConfigLoader.Result.Loaded) loaded).config(), Clock.systemUTC(), 10_000);
        assertThat(started).as(started.toString()).isInstanceOf(ParkBridge.Start.Started.class);
        bridge = keep(((ParkBridge.Start.Started) started).bridge());
        site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-b07, gpio: mock, dataDir: gateway-data}
                park:
                  id: huaqiao
                  broker: %s
                  commandKeys: [{id: park-2026, file: park-command.pub.pem}]
                  offlinePinKeyFile: offline-pin.key
                buses:
                  - id: shed
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]
                  - id: lobby
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: lift-board, profile: modbus-relay-8, address: 10}, {id: lane, profile: anju-ref-turnstile, address: 20}]
                floors:
                  - {floor: "1"}
                  - {floor: "2", rooms: ["201", "202"]}
                  - {floor: "3", rooms: ["301", "302"]}
                lifts:
                  - id: lift-a
                    building: "7"
                    reader: {profile: wiegand-26-reader, d0: %d, d1: %d}
                    relay: lift-board
                    floors: [{floor: "1", channel: 1, open: always}, {floor: "2", channel: 2}, {floor: "3", channel: 3}]
                gates:
                  - {id: lobby-gate, building: "7", device: lane, entryReader: {profile: wiegand-26-reader, d0: %d, d1: %d},
                     exitButton: {pin: %d}, antiPassback: hard}
                alarmInputs:
                  - {id: fire-panel, kind: fire-panel, pin: %d, activeLevel: low}
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}},
                     reader: {profile: wiegand-26-reader, d0: %d, d1: %d}}
                  - {id: room-301, building: "7", floor: "3", room: "301",
                     lock: {gpio: {profile: gpio-strike-fail-secure, relay: 5, doorSensor: 6, exitButton: 13}},
                     reader: {profile: wiegand-26-reader, d0: %d, d1: %d}}
                chargingAreas:
                  - {id: bike-shed, piles: [pile-1]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri(), pileLine.port(), lobbyLine.port(), LIFT_D0, LIFT_D1, GATE_D0, GATE_D1, GATE_EXIT,
                FIRE_PANEL, ENTRANCE_D0, ENTRANCE_D1, ROOM_301_D0, ROOM_301_D1));
        gateway = RunningGateway.start(site);
    }

    /** Stops the gateway as its service would be stopped (a clean stop); the park stays up. */
    void stopGateway() {
        gatewayStopped = true;
        gateway.close();
    }

    /** Starts the gateway again on the same data folder. */
    void startGateway() throws Exception {
        gateway = RunningGateway.start(site);
        gatewayStopped = false;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    String url(String path) {
        return "http://127.0.0.1:" + bridge.port() + path;
    }

    HttpResponse<String> call(String method, String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }

    String login(String login, String password) throws Exception {
        return ok(call("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password)), 200)
                .getString("token");
    }

    /** A new account made by the admin; its password is the login followed by " password". */
    String account(String admin, String login, String role) throws Exception {
        return ok(call("POST", "/api/v1/accounts", admin, new JsonObject().put("login", login).put("name", login)
                .put("password", login + " password").put("role", role)), 201).getString("account");
    }

    void awaitGatewayOnline(String token) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(call("GET", "/api/v1/gateways", token, null), 200)
                .getJsonArray("gateways").stream().map(JsonObject.class::cast)
                .anyMatch(g -> g.getString("gateway").equals("gw-b07") && g.getBoolean("online")));
    }

    @Override
    public void close() throws Exception {
        try {
            if (!gatewayStopped) {
                gateway.close();
            }
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }
}
