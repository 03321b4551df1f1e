package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.Bike;
import org.anju.firmware.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The park and a building, end to end over a real Mosquitto: the park bridge with its SQLite
 * store and HTTP API, a gateway agent from its site file with a reference pile on a serial
 * server and its doors on mock GPIO. People act through the API only, as the apps do.
 */
class ParkEndToEndTest {
    private static final Topics GATEWAY = new Topics("huaqiao", "gw-b07");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final KeyPair parkKey = Ed25519Keys.generate();
    private final PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
    private MosquittoBroker broker;
    private ParkBridge bridge;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        TcpSerialServer pileLine = closer.keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(1)));
        Files.writeString(dir.resolve("park-command.pem"), Ed25519Keys.toPem(parkKey.getPrivate()));
        Files.writeString(dir.resolve("park-command.pub.pem"), Ed25519Keys.toPem(parkKey.getPublic()));
        Files.writeString(dir.resolve("data.key"), "11".repeat(32));
        Files.writeString(dir.resolve("session.key"), "22".repeat(32));
        Files.writeString(dir.resolve("admin.password"), "first admin password\n");
        Path parkYaml = Files.writeString(dir.resolve("park.yaml"), """
                park: huaqiao
                broker: {uri: %s}
                store: {sqlite: park/park.db}
                http: {bind: 127.0.0.1, port: 0}
                keys: {commandKeyId: park-2026, commandKeyFile: park-command.pem, dataKeyFile: data.key, sessionKeyFile: session.key}
                admin: {login: admin, passwordFile: admin.password}
                buildings:
                  - id: b07
                    name: Building 7
                    gateway: gw-b07
                    doors: [{id: entrance}, {id: room-301, room: "301"}, {id: room-302, room: "302"}]
                    areas: [{id: shed, piles: [pile-1]}]
                """.formatted(broker.uri()));
        var loaded = ParkConfigLoader.load(parkYaml);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(ParkConfigLoader.Result.Loaded.class);
        var started = ParkBridge.start(((ParkConfigLoader.Result.Loaded) loaded).config(), Clock.systemUTC(), 10_000);
        assertThat(started).as(started.toString()).isInstanceOf(ParkBridge.Start.Started.class);
        bridge = closer.keep(((ParkBridge.Start.Started) started).bridge());

        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-b07, gpio: mock, dataDir: gateway-data}
                park:
                  id: huaqiao
                  broker: %s
                  commandKeys: [{id: park-2026, file: park-command.pub.pem}]
                buses:
                  - id: shed
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                  - {id: room-301, building: "7", floor: "3", room: "301",
                     lock: {gpio: {profile: gpio-strike-fail-secure, relay: 5, doorSensor: 6, exitButton: 13}}}
                chargingAreas:
                  - {id: bike-shed, piles: [pile-1]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri(), pileLine.port()));
        gateway = RunningGateway.start(site);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }

    private String login(String login, String password) throws Exception {
        return ok(call("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password)), 200)
                .getString("token");
    }

    private String account(String admin, String login, String role) throws Exception {
        return ok(call("POST", "/api/v1/accounts", admin, new JsonObject().put("login", login).put("name", login)
                .put("password", login + " password").put("role", role)), 201).getString("account");
    }

    private JsonObject renter(String idNumber) {
        return new JsonObject().put("building", "b07").put("room", "301").put("name", "Li Wei").put("phone", "138 0013 8000")
                .put("idNumber", idNumber).put("cards", new JsonArray().add("3:1001"))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z");
    }

    private void awaitGatewayOnline(String token) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(call("GET", "/api/v1/gateways", token, null), 200)
                .getJsonArray("gateways").stream().map(JsonObject.class::cast)
                .anyMatch(g -> g.getString("gateway").equals("gw-b07") && g.getBoolean("online")));
    }

    @Test
    void aLandlordRegistersARenterWhoOpensByPhoneUntilTheLeaseEndsAndTheGatewayRefuses() throws Exception {
        String admin = login("admin", "first admin password");
        String landlordId = account(admin, "landlord-wang", "landlord");
        account(admin, "landlord-zhao", "landlord");
        ok(call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        awaitGatewayOnline(admin);
        String landlord = login("landlord-wang", "landlord-wang password");

        JsonObject refused = new JsonObject(call("POST", "/api/v1/leases", landlord, renter("110105194912310021")).body());
        assertThat(refused.getJsonArray("problems").encode()).contains("idNumber").contains("check digit");

        JsonObject registered = ok(call("POST", "/api/v1/leases", landlord, renter("11010519491231002X")), 201);
        assertThat(registered.getJsonObject("lease").getString("idNumber")).isEqualTo("110105********002X");
        assertThat(registered.getJsonObject("lease").getString("phone")).isEqualTo("138****8000");
        assertThat(registered.getJsonArray("gateways").getJsonObject(0).getBoolean("applied")).isTrue();
        String leaseId = registered.getJsonObject("lease").getString("id");
        JsonObject tenantLogin = registered.getJsonObject("tenant");
        String tenant = login(tenantLogin.getString("login"), tenantLogin.getString("initialPassword"));

        JsonArray doors = ok(call("GET", "/api/v1/me/doors", tenant, null), 200).getJsonArray("doors");
        assertThat(doors.stream().map(d -> ((JsonObject) d).getString("door")).toList()).containsExactly("entrance", "room-301");
        assertThat(ok(call("POST", "/api/v1/doors/b07/room-301/open", tenant, null), 200).getString("result")).isEqualTo("opened");
        assertThat(call("POST", "/api/v1/doors/b07/room-302/open", tenant, null).statusCode()).as("another room").isEqualTo(403);
        String zhao = login("landlord-zhao", "landlord-zhao password");
        assertThat(call("DELETE", "/api/v1/leases/" + leaseId, zhao, null).statusCode()).as("another landlord").isEqualTo(404);
        await().atMost(Duration.ofSeconds(20)).until(() -> ok(call("GET", "/api/v1/leases/" + leaseId + "/access", landlord,
                null), 200).getJsonArray("access").size() >= 1);

        JsonObject ended = ok(call("DELETE", "/api/v1/leases/" + leaseId, landlord, null), 200);
        assertThat(ended.getJsonArray("gateways").getJsonObject(0).getBoolean("applied")).isTrue();
        assertThat(call("POST", "/api/v1/doors/b07/room-301/open", tenant, null).statusCode()).isEqualTo(403);

        // the gateway itself refuses too: a correctly signed open for the ended tenant is denied there
        ParkClient direct = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        var command = new CommandSigner("park-2026", parkKey.getPrivate(), Clock.systemUTC())
                .sign(GATEWAY, new CommandBody.DoorOpen("room-301", tenantLogin.getString("account")), Duration.ofMinutes(1));
        direct.send(command);
        await().atMost(Duration.ofSeconds(20)).until(() -> direct.replyTo(command.id()) != null);
        assertThat(direct.replyTo(command.id()).result()).isEqualTo(ReplyResult.FAILED);
        assertThat(direct.replyTo(command.id()).detail()).isEqualTo("denied: UNKNOWN_TENANT");
    }

    @Test
    void anOfficerSeesAnOverloadLiveAcknowledgesItAndCutsTheArea() throws Exception {
        String admin = login("admin", "first admin password");
        account(admin, "officer-li", "officer");
        String officer = login("officer-li", "officer-li password");
        awaitGatewayOnline(officer);
        List<String> stream = new CopyOnWriteArrayList<>();
        HttpRequest sse = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/api/v1/stream?token=" + officer))
                .GET().build();
        var lines = http.sendAsync(sse, HttpResponse.BodyHandlers.ofInputStream()).thenAccept(r -> {
            try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    stream.add(line);
                }
            } catch (java.io.IOException closed) {
                // the test ended
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.contains(": connected"));

        for (int port : new int[] {3, 4}) {
            pile.plugIn(port, Bike.TYPICAL);
            pile.switchRelay(port, true);
        }
        pile.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(call("GET", "/api/v1/ports", officer, null), 200)
                .getJsonArray("ports").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("state").equals("Charging")).count() == 2);
        pile.overload(3, 700);
        pile.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("alarm.raised") && l.contains("OVERLOAD")));

        JsonObject alarm = ok(call("GET", "/api/v1/alarms", officer, null), 200).getJsonArray("alarms").stream()
                .map(JsonObject.class::cast).filter(a -> a.getString("kind").equals("OVERLOAD")).findFirst().orElseThrow();
        assertThat(alarm.getJsonObject("alarm").getJsonObject("cause").getDouble("watts")).isGreaterThan(800);
        assertThat(ok(call("POST", "/api/v1/alarms/acknowledge", officer, new JsonObject().put("gateway", "gw-b07")
                .put("alarm", alarm.getString("id"))), 200).getString("result")).isEqualTo("acknowledged");
        await().atMost(Duration.ofSeconds(20)).until(() -> ok(call("GET", "/api/v1/alarms?state=all", officer, null), 200)
                .getJsonArray("alarms").stream().map(JsonObject.class::cast)
                .anyMatch(a -> a.getString("id").equals(alarm.getString("id")) && !a.getString("state").equals("RAISED")));

        JsonObject cut = ok(call("POST", "/api/v1/areas/b07/shed/cut", officer, null), 200);
        assertThat(cut.getJsonArray("ports").stream().map(JsonObject.class::cast).allMatch(p -> p.getBoolean("cut"))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !pile.port(4).relayClosed());
        assertThat(call("GET", "/api/v1/ports", login("admin", "first admin password"), null).statusCode()).isEqualTo(200);
        lines.cancel(true);
    }
}
