package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.profiles.model.Site;

import io.vertx.core.json.JsonObject;

/**
 * Remote site configuration end to end: a park on Debian's Mosquitto, a gateway enrolled from
 * nothing and run as its own process (the agent's restart loop included). The admin saves the file
 * the gateway runs, then a version that adds a door, and deploys it: the gateway runs it, the new
 * door answers, the park shows it applied and the gateway running that version. A version with a
 * broker that is not there is rolled back by the gateway itself within the deployment's time, and
 * the park shows "rolled back" with why. A version with a problem is refused by line, nothing saved.
 */
@Tag("peer")
@Tag("process")
class SiteConfigEndToEndTest {
    private static final String WIRED = """
            # building 9: what is wired where; the park section comes from enrollment
            gateway: {id: gw-unenrolled, gpio: mock, dataDir: gateway-data}
            doors:
              - {id: entrance, building: "9", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
            endpoints:
              localApi: {bind: 127.0.0.1, port: 0}
            """;
    private static final String LOBBY = "  - {id: lobby, building: \"9\", floor: \"1\", room: \"101\","
            + " lock: {gpio: {profile: gpio-maglock-fail-safe, relay: 12, doorSensor: 13, exitButton: 14}}}\n";
    private static final Pattern API = Pattern.compile("local API on http://127\\.0\\.0\\.1:(\\d+)");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDoorIsAddedRemotelyALostParkIsRolledBackByTheGatewayAndAProblemIsRefusedByLine() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge park = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\"", "[]"));
        await().atMost(Duration.ofSeconds(30)).until(park::brokerConnected);
        String admin = admin(park);
        call(park, admin, "POST", "/api/v1/park/buildings", new JsonObject().put("id", "b09").put("name", "Building 9")
                .put("gateway", "gw-b09"), 201);
        JsonObject code = call(park, admin, "POST", "/api/v1/park/buildings/b09/enrollment", null, 201);
        Path site = Files.writeString(dir.resolve("site.yaml"), WIRED);
        List<String> enroll = new ArrayList<>(List.of(code.getString("command").substring("anju agent ".length()).split(" ")));
        enroll.addAll(List.of("--site", site.toString()));
        var enrolled = org.anju.agent.enroll.EnrollCommand.run(enroll.subList(1, enroll.size()));
        assertThat(enrolled.status()).as(enrolled.err().toString()).isZero();
        String first = Files.readString(site);

        AgentProcess agent = AgentProcess.start(site);
        closer.keep(agent);
        String path = "/api/v1/park/gateways/gw-b09/site";
        call(park, admin, "POST", path, new JsonObject().put("text", first), 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> "none".equals(call(park, admin, "GET", path, null, 200).getString("drift")));

        // a door added remotely: the gateway runs it, the door answers, the park shows it applied
        String entrance = first.lines().filter(l -> l.contains("- {id: entrance")).findFirst().orElseThrow() + "\n";
        String withLobby = first.replace(entrance, entrance + LOBBY);
        assertThat(call(park, admin, "POST", path, new JsonObject().put("text", withLobby), 201).getLong("version")).isEqualTo(2);
        JsonObject sent = call(park, admin, "POST", path + "/2/deploy", new JsonObject().put("confirmWithinSeconds", 30), 202);
        assertThat(sent.getJsonObject("deployment").getString("state")).as(sent.encode()).isEqualTo("PENDING");
        JsonObject applied = awaitSettled(park, admin, path);
        assertThat(applied.getJsonObject("lastDeployment").getString("state")).as(applied.encode()).isEqualTo("APPLIED");
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(2).equals(
                call(park, admin, "GET", path, null, 200).getJsonObject("running").getLong("version")));
        assertThat(Files.readString(dir.resolve("gateway-data/site/deployed.yaml"))).isEqualTo(withLobby);
        assertThat(Files.readString(site)).as("the installer's file is never written").isEqualTo(first);
        JsonObject opened = new JsonObject(localApi(agent, "POST", "/api/v1/commands",
                new JsonObject().put("id", "op-lobby").put("kind", "door.open").put("door", "lobby").encode()).body());
        assertThat(opened.getString("result")).as(opened.encode()).isEqualTo("sent");

        // a version that loses the park: rolled back by the gateway within its time, and the park says why
        int nobody = MosquittoBroker.freePort();
        String lost = withLobby.replace(broker.uri(), "tcp://127.0.0.1:" + nobody);
        assertThat(lost).isNotEqualTo(withLobby);
        call(park, admin, "POST", path, new JsonObject().put("text", lost), 201);
        call(park, admin, "POST", path + "/3/deploy", new JsonObject().put("confirmWithinSeconds", 10), 202);
        JsonObject rolledBack = awaitSettled(park, admin, path);
        JsonObject last = rolledBack.getJsonObject("lastDeployment");
        assertThat(last.getString("state")).as(rolledBack.encode()).isEqualTo("ROLLED_BACK");
        assertThat(last.getString("detail")).startsWith("rolled back to " + Site.configVersionOf(withLobby)
                + ": version 3 was not ready within 10 s").contains("park broker unreachable");
        assertThat(Files.readString(dir.resolve("gateway-data/site/deployed.yaml"))).isEqualTo(withLobby);
        assertThat(Files.readString(site)).isEqualTo(first);
        JsonObject back = call(park, admin, "GET", path, null, 200);
        assertThat(back.getString("drift")).as("the park's newest is the lost one; the gateway runs version 2").isEqualTo("older");

        // a version with a problem: refused by line, nothing saved or sent
        HttpResponse<String> refused = TestPark.call(park.port(), "POST", path, admin,
                new JsonObject().put("text", withLobby.replace("relay: 12", "relay: many")).encode());
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonObject problem = new JsonObject(refused.body()).getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getInteger("line")).isEqualTo(lineOf(withLobby, "id: lobby"));
        assertThat(call(park, admin, "GET", path, null, 200).getJsonArray("versions")).hasSize(3);
        assertThat(agent.alive()).isTrue();
    }

    private static int lineOf(String text, String what) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(what)) {
                return i + 1;
            }
        }
        throw new AssertionError(what + " not in the file");
    }

    private JsonObject awaitSettled(ParkBridge park, String admin, String path) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonObject d = call(park, admin, "GET", path, null, 200).getJsonObject("lastDeployment");
            return d != null && !"PENDING".equals(d.getString("state"));
        });
        return call(park, admin, "GET", path, null, 200);
    }

    /** The agent's local API at the address it printed last (each restart binds a new port). */
    private HttpResponse<String> localApi(AgentProcess agent, String method, String path, String body) throws Exception {
        Matcher m = API.matcher(agent.output());
        int port = -1;
        while (m.find()) {
            port = Integer.parseInt(m.group(1));
        }
        String token = Files.readString(dir.resolve("gateway-data/api.token")).trim();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String admin(ParkBridge park) throws Exception {
        return new JsonObject(TestPark.call(park.port(), "POST", "/api/v1/login", null, new JsonObject().put("login", "admin")
                .put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
    }

    private static JsonObject call(ParkBridge park, String admin, String method, String path, JsonObject body, int status)
            throws Exception {
        var r = TestPark.call(park.port(), method, path, admin, body == null ? null : body.encode());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }
}
