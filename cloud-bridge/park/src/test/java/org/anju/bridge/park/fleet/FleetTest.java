package org.anju.bridge.park.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.FleetStore;
import org.anju.bridge.park.store.RosterStates;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.GatewayUplink;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The park's fleet view: what is wrong with each gateway, with its reason and since when, judged
 * from what the store holds (pure), and end to end: gateways' uplinks publish their signed statuses
 * through Debian's Mosquitto, the park keeps the newest of each and answers GET /api/v1/fleet,
 * filtered, in the caller's language, a gateway that stopped reporting shown stale and offline.
 */
class FleetTest {
    private static final long NOW = 1_773_562_663_000L;
    private static final ParkConfig.Building B07 = new ParkConfig.Building("b07", "Building 7", "gw-b07", List.of(), List.of(),
            Optional.empty(), List.of(), Optional.of("Village 3"));

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ the judgement, pure

    private static GatewayStatus.Figures troubled() {
        return new GatewayStatus.Figures("sha256:" + "ab".repeat(32), 86_460, new GatewayStatus.Outbox(1520, 660),
                List.of(GatewayStatus.Bus.up("shed"), new GatewayStatus.Bus("lobby", false, 340L, "cannot open tcp://10.0.0.5:4001")),
                new GatewayStatus.Devices(4, List.of(new GatewayStatus.Offline("lift-board", "lobby", 340, "its bus lobby is down"),
                        new GatewayStatus.Offline("pile-2", "shed", 125, "no answer to 3 exchanges in a row"))));
    }

    private static FleetStore.StatusRow row(long receivedAt, int period, GatewayStatus.Figures figures) {
        return new FleetStore.StatusRow("gw-b07", receivedAt, "bridge-1",
                GatewayStatus.of(new Topics("huaqiao", "gw-b07"), 5, 1, receivedAt, period, "anju-agent/0.2.0", figures));
    }

    private static FleetStore.Presence online(long since) {
        return new FleetStore.Presence("gw-b07", true, 5, since);
    }

    @Test
    void eachProblemSaysWhatAndSinceWhenOnTheParksClock() {
        long at = NOW - 10_000;
        RosterStates.GatewayRoster roster = new RosterStates.GatewayRoster("b07", "gw-b07", true, 12, 11,
                RosterStates.Sync.FAILING, "roster write failed: database is locked", 3, NOW - 5_000, NOW - 600_000L);
        FleetView.Gateway g = FleetView.judge(B07, online(NOW - 3_600_000), row(at, 60, troubled()), roster,
                List.of(new FleetStore.Lost(100, 160, NOW - 7_200_000), new FleetStore.Lost(170, 170, NOW - 3_600_000)), NOW);

        assertThat(g.stale()).isFalse();
        assertThat(g.problems()).extracting(FleetView.Problem::kind).containsExactly(FleetView.Kind.BUS_DOWN,
                FleetView.Kind.DEVICE_OFFLINE, FleetView.Kind.BACKLOG, FleetView.Kind.ROSTER, FleetView.Kind.LOST);
        assertThat(g.problems().get(0)).isEqualTo(new FleetView.Problem(FleetView.Kind.BUS_DOWN, "fleet.problem.busDown",
                List.of("bus", "lobby", "devices", 1L), at - 340_000, "cannot open tcp://10.0.0.5:4001"));
        assertThat(g.problems().get(1)).as("the lift board is counted with its bus, pile-2 on its own").isEqualTo(
                new FleetView.Problem(FleetView.Kind.DEVICE_OFFLINE, "fleet.problem.deviceOffline", List.of("device", "pile-2",
                        "bus", "shed"), at - 125_000, "no answer to 3 exchanges in a row"));
        assertThat(g.problems().get(2)).as("since the oldest waiting event happened").isEqualTo(new FleetView.Problem(
                FleetView.Kind.BACKLOG, "fleet.problem.backlog", List.of("waiting", 1520L), at - 660_000, null));
        assertThat(g.problems().get(3)).isEqualTo(new FleetView.Problem(FleetView.Kind.ROSTER, "fleet.problem.rosterFailing",
                List.of("wanted", 12L, "confirmed", 11L, "attempts", 3), NOW - 600_000L, "roster write failed: database is locked"));
        assertThat(g.problems().get(4)).isEqualTo(new FleetView.Problem(FleetView.Kind.LOST, "fleet.problem.lost",
                List.of("count", 62L, "ranges", "100-160, 170"), NOW - 7_200_000, null));
    }

    @Test
    void aGatewayThatStopsReportingIsStaleAfterTwoAndAHalfPeriodsAndSilenceIsNeverHealthy() {
        GatewayStatus.Figures fine = new GatewayStatus.Figures(null, 60, new GatewayStatus.Outbox(3, 1), List.of(GatewayStatus.Bus.up("shed")),
                new GatewayStatus.Devices(1, List.of()));
        assertThat(FleetView.judge(B07, online(NOW - 60_000), row(NOW - 149_000, 60, fine), null, List.of(), NOW).problems())
                .as("a few events on their way, the last report 149 s ago").isEmpty();
        FleetView.Gateway quiet = FleetView.judge(B07, online(NOW - 60_000), row(NOW - 151_000, 60, fine), null, List.of(), NOW);
        assertThat(quiet.stale()).isTrue();
        assertThat(quiet.problems()).containsExactly(new FleetView.Problem(FleetView.Kind.STALE, "fleet.problem.stale",
                List.of("period", 60), NOW - 151_000, null));

        assertThat(FleetView.judge(B07, online(NOW - 60_000), null, null, List.of(), NOW).problems())
                .as("online, and not one status since").containsExactly(new FleetView.Problem(FleetView.Kind.STALE,
                        "fleet.problem.noStatus", List.of(), NOW - 60_000, null));
        assertThat(FleetView.judge(B07, null, null, null, List.of(), NOW).problems()).extracting(FleetView.Problem::code)
                .containsExactly("fleet.problem.neverSeen", "fleet.problem.noStatusEver");
        assertThat(FleetView.judge(B07, new FleetStore.Presence("gw-b07", false, 5, NOW - 30_000), row(NOW - 200_000, 60, fine),
                null, List.of(), NOW).problems()).extracting(FleetView.Problem::code, FleetView.Problem::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fleet.problem.offline", NOW - 30_000),
                        org.assertj.core.groups.Tuple.tuple("fleet.problem.stale", NOW - 200_000));
        GatewayStatus.Figures old = new GatewayStatus.Figures(null, 60, new GatewayStatus.Outbox(3, 400), List.of(),
                new GatewayStatus.Devices(0, List.of()));
        assertThat(FleetView.judge(B07, online(NOW), row(NOW, 60, old), null, List.of(), NOW).problems())
                .as("three events, but unconfirmed for over five minutes").extracting(FleetView.Problem::kind)
                .containsExactly(FleetView.Kind.BACKLOG);
    }

    // ------------------------------------------------------------------ end to end

    private int port;
    private String admin;

    private JsonObject fleet(String query, String token, String lang) throws Exception {
        HttpResponse<String> r = TestPark.call(port, "GET", "/api/v1/fleet" + query, token, null, "Accept-Language", lang);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private JsonObject gateway(JsonObject fleet, String id) {
        return fleet.getJsonArray("gateways").stream().map(JsonObject.class::cast).filter(g -> g.getString("gateway").equals(id))
                .findFirst().orElse(null);
    }

    private static List<String> kinds(JsonObject gateway) {
        return gateway.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("kind")).toList();
    }

    private static List<String> shown(JsonObject fleet) {
        return fleet.getJsonArray("gateways").stream().map(g -> ((JsonObject) g).getString("gateway")).toList();
    }

    private GatewayUplink uplink(MosquittoBroker broker, String gateway, KeyPair key, Duration every, GatewayStatus.Figures figures) {
        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        return closer.keep(Uplinks.builder(Uplinks.config(broker.uri(), new Topics("huaqiao", gateway))).identity(key)
                .outbox(outbox).sessions(new java.util.concurrent.atomic.AtomicLong(40)::incrementAndGet).status(() -> CompletableFuture.completedFuture(figures), every)
                .start());
    }

    @Test
    @Tag("peer")
    @Tag("wire")
    void theParkKeepsEachGatewaysNewestSignedStatusAndNamesEveryProblemFilteredAndInTheCallersLanguage() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        KeyPair b12 = Ed25519Keys.generate();
        Files.createDirectories(dir.resolve("park"));
        Files.writeString(dir.resolve("park/gw-b12.pub.pem"), Ed25519Keys.toPem(b12.getPublic()));
        Files.writeString(dir.resolve("park/gw-b20.pub.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPublic()));
        ParkBridge bridge = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\"", """
                [{id: b07, name: Building 7, village: Village 3, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem},
                 {id: b12, name: Building 12, village: Village 5, gateway: gw-b12, gatewayKeyFile: gw-b12.pub.pem},
                 {id: b20, name: Building 20, village: Village 5, gateway: gw-b20, gatewayKeyFile: gw-b20.pub.pem}]"""));
        await().atMost(Duration.ofSeconds(20)).until(bridge::brokerConnected);
        port = bridge.port();
        admin = TestPark.adminToken(port);

        // building 7's gateway: a bus down, a pile silent, a backlog; building 12's: well, reporting every second
        uplink(broker, "gw-b07", Uplinks.GATEWAY_KEY, Duration.ofHours(1), troubled());
        GatewayUplink twelve = uplink(broker, "gw-b12", b12, Duration.ofSeconds(1), new GatewayStatus.Figures(null, 5,
                new GatewayStatus.Outbox(0, 0), List.of(GatewayStatus.Bus.up("shed")), new GatewayStatus.Devices(2, List.of())));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonObject f = fleet("", admin, "zh");
            return gateway(f, "gw-b07").containsKey("lastReportAt") && gateway(f, "gw-b12").containsKey("lastReportAt");
        });
        JsonObject zh = fleet("", admin, "zh-CN");
        assertThat(shown(zh)).as("those with problems first").containsExactly("gw-b07", "gw-b20", "gw-b12");
        JsonObject seven = gateway(zh, "gw-b07");
        long at = seven.getLong("lastReportAt");
        assertThat(seven.getBoolean("online")).isTrue();
        assertThat(seven.getString("village")).isEqualTo("Village 3");
        assertThat(seven.getString("software")).isEqualTo("0.1.0-test");
        assertThat(seven.getString("config")).isEqualTo("sha256:" + "ab".repeat(32));
        assertThat(seven.getLong("startedAt")).isEqualTo(at - 86_460_000);
        assertThat(seven.getJsonObject("outbox")).isEqualTo(new JsonObject().put("waiting", 1520).put("oldestAt", at - 660_000));
        assertThat(kinds(seven)).containsExactly("busDown", "deviceOffline", "backlog");
        assertThat(seven.getJsonArray("problems").getJsonObject(0)).isEqualTo(new JsonObject().put("kind", "busDown")
                .put("text", "总线 lobby 不通，其上 1 台设备无法访问").put("since", at - 340_000)
                .put("detail", "cannot open tcp://10.0.0.5:4001"));
        assertThat(seven.getJsonArray("problems").getJsonObject(2).getString("text")).isEqualTo("1520 条事件等待园区确认");
        assertThat(seven.getJsonObject("roster")).isEqualTo(new JsonObject().put("inSync", true).put("wanted", 0).put("confirmed", 0)
                .putNull("since"));
        assertThat(kinds(gateway(zh, "gw-b12"))).isEmpty();
        JsonObject twenty = gateway(zh, "gw-b20");
        assertThat(twenty.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("text")).toList())
                .containsExactly("网关从未连接园区", "从未发送状态报告");
        assertThat(zh.getJsonObject("totals")).isEqualTo(new JsonObject().put("gateways", 3).put("shown", 3).put("withProblems", 2)
                .put("byProblem", new JsonObject().put("offline", 1).put("stale", 1).put("busDown", 1).put("deviceOffline", 1)
                        .put("backlog", 1).put("roster", 0).put("lost", 0)));
        assertThat(zh.getJsonArray("villages")).isEqualTo(new JsonArray().add("Village 3").add("Village 5"));

        // filters, and the words in English for who prefers them
        assertThat(shown(fleet("?problem=backlog", admin, "zh"))).containsExactly("gw-b07");
        assertThat(shown(fleet("?village=Village%205", admin, "zh"))).containsExactly("gw-b20", "gw-b12");
        assertThat(shown(fleet("?village=Village%205&problem=offline", admin, "zh"))).containsExactly("gw-b20");
        assertThat(shown(fleet("?building=b12&problem=", admin, "zh"))).containsExactly("gw-b12");
        assertThat(gateway(fleet("?building=b07", admin, "en-GB,en;q=0.9"), "gw-b07").getJsonArray("problems").getJsonObject(1)
                .getString("text")).isEqualTo("Device pile-2 on bus shed does not answer");
        HttpResponse<String> wrong = TestPark.call(port, "GET", "/api/v1/fleet?problem=fire", admin, null, "Accept-Language", "en");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("'fire' is not a kind of problem; one of offline, stale,"
                + " busDown, deviceOffline, backlog, roster, lost");
        assertThat(TestPark.call(port, "GET", "/api/v1/fleet?village=Village%209", admin, null).statusCode()).isEqualTo(400);
        assertThat(TestPark.call(port, "GET", "/api/v1/fleet", null, null).statusCode()).isEqualTo(401);

        // an officer reads it too; a landlord does not
        String officer = account("officer-f", "officer");
        assertThat(shown(fleet("", officer, "zh"))).hasSize(3);
        String landlord = account("landlord-f", "landlord");
        assertThat(TestPark.call(port, "GET", "/api/v1/fleet", landlord, null).statusCode()).isEqualTo(403);

        // building 12's gateway stops: offline since its goodbye, and stale once 2.5 s pass without a status
        long before = System.currentTimeMillis();
        twelve.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> kinds(gateway(fleet("", admin, "zh"), "gw-b12")).contains("stale"));
        JsonObject stopped = gateway(fleet("", admin, "zh"), "gw-b12");
        assertThat(stopped.getBoolean("online")).isFalse();
        assertThat(stopped.getBoolean("stale")).isTrue();
        assertThat(stopped.getLong("since")).as("offline since its goodbye").isGreaterThanOrEqualTo(before - 1_000);
        assertThat(stopped.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("text")).toList())
                .containsExactly("网关离线", "没有新的状态报告（应每 1 秒一次），所示数据已过时");

        // what is not newer changes nothing: the same report again, an older session, a status signed by another key
        long session = sessionOf("gw-b07");
        publish(broker, "gw-b07", Uplinks.GATEWAY_KEY, session, 1, new GatewayStatus.Outbox(0, 0));
        publish(broker, "gw-b07", Uplinks.GATEWAY_KEY, session - 1, 9, new GatewayStatus.Outbox(0, 0));
        publish(broker, "gw-b07", Ed25519Keys.generate(), session + 1, 1, new GatewayStatus.Outbox(0, 0));
        publish(broker, "gw-b12", b12, 100, 1, new GatewayStatus.Outbox(7, 1)); // after those, in order: shows they were read
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway(fleet("", admin, "zh"), "gw-b12").getJsonObject("outbox")
                .getInteger("waiting") == 7);
        assertThat(bridge.ingest().dropped()).containsEntry("bad-signature", 1L);
        JsonObject unchanged = gateway(fleet("", admin, "zh"), "gw-b07");
        assertThat(unchanged.getLong("lastReportAt")).as("the same status again is not a fresh one").isEqualTo(at);
        assertThat(unchanged.getJsonObject("outbox").getInteger("waiting")).isEqualTo(1520);
        // and the next report of the session replaces it
        publish(broker, "gw-b07", Uplinks.GATEWAY_KEY, session, 2, new GatewayStatus.Outbox(0, 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> !kinds(gateway(fleet("", admin, "zh"), "gw-b07")).contains("backlog"));
    }

    private String account(String login, String role) throws Exception {
        TestPark.call(port, "POST", "/api/v1/accounts", admin, new JsonObject().put("login", login).put("name", login)
                .put("password", login + " password").put("role", role).encode());
        return new JsonObject(TestPark.call(port, "POST", "/api/v1/login", null, new JsonObject().put("login", login)
                .put("password", login + " password").encode()).body()).getString("token");
    }

    /** The session of the gateway's current connection, as its birth told the park. */
    private long sessionOf(String gateway) throws Exception {
        HttpResponse<String> r = TestPark.call(port, "GET", "/api/v1/gateways", admin, null);
        return new JsonObject(r.body()).getJsonArray("gateways").stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("gateway").equals(gateway)).findFirst().orElseThrow().getLong("session");
    }

    private static void publish(MosquittoBroker broker, String gateway, KeyPair key, long session, long report,
                                GatewayStatus.Outbox outbox) throws Exception {
        Topics topics = new Topics("huaqiao", gateway);
        GatewayStatus.Figures f = troubled();
        byte[] payload = SignedJson.sign(SignedJson.GATEWAY, GatewayStatus.of(topics, session, report, System.currentTimeMillis(),
                3600, "0.1.0-test", new GatewayStatus.Figures(f.config(), f.uptimeSeconds(), outbox, f.buses(), f.devices())),
                key.getPrivate());
        try (MqttClient client = new MqttClient(broker.uri(), "test-" + System.nanoTime(), new MemoryPersistence())) {
            client.connect();
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            client.publish(topics.status(), m);
            client.disconnect();
        }
    }
}
