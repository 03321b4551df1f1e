package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.store.SiteFileStore;
import org.anju.bridge.testing.MutableClock;
import org.anju.bridge.testing.TestPark;
import org.anju.profiles.model.Site;

import io.vertx.core.json.JsonObject;

/**
 * A gateway's site file through the park's API, on a real park (SQLite, its broker not there): the
 * admin's edit is checked by the validator the gateway runs and refused by line, good ones are
 * saved as versions, a deployment the park cannot send shows as failed with why; and what the admin
 * sees (version running, drift, the gateway's problems by line) as a function of what the store says.
 */
class SiteConfigApiTest {
    private static final String GOOD = """
            gateway: {id: gw-b07, gpio: mock, dataDir: /var/lib/anju}
            park: {id: p1, broker: "tcp://park-broker.invalid"}
            doors:
              - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
            """;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private ParkBridge park;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        park = TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b07, gateway: gw-b07, doors: [{id: entrance}]}
                """, clock);
        admin = TestPark.adminToken(park.port());
    }

    @AfterEach
    void stop() {
        park.close();
    }

    private HttpResponse<String> call(String method, String path, String token, JsonObject body, String... headers) throws Exception {
        return TestPark.call(park.port(), method, path, token, body == null ? null : body.encode(), headers);
    }

    @Test
    void editsAreCheckedByTheGatewaysValidatorSavedAsVersionsAndAFailedSendSaysWhy() throws Exception {
        String broken = GOOD.replace("gpio-maglock-fail-safe", "no-such-lock");
        HttpResponse<String> refused = call("POST", "/api/v1/park/gateways/gw-b07/site", admin,
                new JsonObject().put("text", broken), "Accept-Language", "en");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonObject problem = new JsonObject(refused.body()).getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getInteger("line")).isEqualTo(4);
        assertThat(problem.getString("message")).contains("no profile 'no-such-lock'");
        HttpResponse<String> otherGateway = call("POST", "/api/v1/park/gateways/gw-b07/site", admin,
                new JsonObject().put("text", GOOD.replace("gw-b07", "gw-b08")));
        assertThat(otherGateway.statusCode()).isEqualTo(422);

        HttpResponse<String> v1 = call("POST", "/api/v1/park/gateways/gw-b07/site", admin, new JsonObject().put("text", GOOD));
        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(201);
        assertThat(new JsonObject(v1.body()).getString("digest")).isEqualTo(Site.configVersionOf(GOOD));
        String next = GOOD + "  - {id: room-301, building: \"7\", floor: \"3\", room: \"301\","
                + " lock: {gpio: {profile: gpio-maglock-fail-safe, relay: 12, doorSensor: 13, exitButton: 14}}}\n";
        HttpResponse<String> v2 = call("POST", "/api/v1/park/gateways/gw-b07/site", admin, new JsonObject().put("text", next));
        assertThat(new JsonObject(v2.body()).getLong("version")).isEqualTo(2);

        JsonObject view = new JsonObject(call("GET", "/api/v1/park/gateways/gw-b07/site", admin, null).body());
        assertThat(view.getJsonArray("versions")).hasSize(2);
        assertThat(view.getJsonObject("newest").getString("text")).isEqualTo(next);
        assertThat(view.getString("drift")).as("the gateway has not said what it runs").isEqualTo("unknown");

        HttpResponse<String> deployed = call("POST", "/api/v1/park/gateways/gw-b07/site/2/deploy", admin,
                new JsonObject().put("confirmWithinSeconds", 30));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
        JsonObject deployment = new JsonObject(deployed.body()).getJsonObject("deployment");
        assertThat(deployment.getString("state")).isEqualTo("FAILED");
        assertThat(deployment.getString("detail")).startsWith("not sent: ");
        assertThat(call("POST", "/api/v1/park/gateways/gw-b07/site/9/deploy", admin, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/park/gateways/gw-b07/site/2/deploy", admin,
                new JsonObject().put("confirmWithinSeconds", 5)).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/park/gateways/gw-nobody/site", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theAdminSeesTheVersionRunningDriftAndTheGatewaysProblemsByLine() {
        var v1 = new SiteFileStore.Version("gw-b07", 1, "sha256:" + "1".repeat(64), 1L, "admin");
        var v2 = new SiteFileStore.Version("gw-b07", 2, "sha256:" + "2".repeat(64), 2L, "admin");
        var refused = new SiteFileStore.Deployment("r-1", "gw-b07", 2, 3L, "admin", SiteFileStore.State.REFUSED,
                "refused, nothing changed:\nsite.yaml:8:80: there is no profile 'x'; the door-lock profiles are: a, b", 4L);

        JsonObject older = SiteConfigRoutes.view("gw-b07", List.of(v2, v1), Optional.of("text"), Optional.of(refused), v1.digest());
        assertThat(older.getJsonObject("running").getLong("version")).isEqualTo(1);
        assertThat(older.getString("drift")).isEqualTo("older");
        JsonObject line = older.getJsonObject("lastDeployment").getJsonArray("problems").getJsonObject(0);
        assertThat(line.getInteger("line")).isEqualTo(8);
        assertThat(line.getInteger("column")).isEqualTo(80);
        assertThat(line.getString("message")).startsWith("there is no profile 'x'");

        assertThat(SiteConfigRoutes.view("gw-b07", List.of(v2, v1), Optional.empty(), Optional.empty(), v2.digest())
                .getString("drift")).isEqualTo("none");
        JsonObject foreign = SiteConfigRoutes.view("gw-b07", List.of(v2, v1), Optional.empty(), Optional.empty(),
                "sha256:" + "f".repeat(64));
        assertThat(foreign.getString("drift")).isEqualTo("foreign");
        assertThat(foreign.getJsonObject("running").getValue("version")).isNull();
    }
}
