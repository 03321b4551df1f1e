package org.anju.bridge.park.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.MutableClock;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * Enrolling a building's gateway through the API, on a real park (SQLite, no broker admin): the
 * admin's code, used once with the gateway's key, makes that key the building's and answers
 * what the site file needs, saying plainly that no broker credentials were issued; the same code
 * again, a wrong one, an expired one and a key that is not one are refused with one sentence and
 * leave the building as it was.
 */
class EnrollApiTest {
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

    private JsonObject building() throws Exception {
        return new JsonObject(call("GET", "/api/v1/park/buildings/b07", admin, null).body());
    }

    private String code() throws Exception {
        HttpResponse<String> issued = call("POST", "/api/v1/park/buildings/b07/enrollment", admin, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonObject body = new JsonObject(issued.body());
        assertThat(body.getString("code")).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        assertThat(body.getString("command")).isEqualTo("anju agent enroll --park " + body.getString("park")
                + " --code " + body.getString("code"));
        assertThat(body.getString("qr")).startsWith("data:image/svg+xml;base64,");
        assertThat(Instant.parse(body.getString("expiresAt"))).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        return body.getString("code");
    }

    private static JsonObject enrollment(String code, String key) {
        return new JsonObject().put("code", code).put("publicKey", key);
    }

    @Test
    void aCodeEnrollsTheBuildingsGatewayOnceAndNothingElseChangesIt() throws Exception {
        String key = Ed25519Keys.toPem(Ed25519Keys.generate().getPublic());
        String code = code();
        JsonObject before = building();
        assertThat(before.getString("gatewayKey")).isNull();

        HttpResponse<String> wrong = call("POST", "/api/v1/enroll", null, enrollment("AAAA-BBBB-CCCC-DDDD", key));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(wrong.body()).getString("error")).contains("注册码错误、已用过或已过期");
        HttpResponse<String> notAKey = call("POST", "/api/v1/enroll", null, enrollment(code, "-----BEGIN PUBLIC KEY-----\nAAAA\n"),
                "Accept-Language", "en");
        assertThat(notAKey.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(notAKey.body()).getString("error")).isEqualTo(
                "The gateway's public key is not an Ed25519 public key (PEM); nothing was changed");
        assertThat(building()).as("nothing changed by refusals").isEqualTo(before);

        HttpResponse<String> used = call("POST", "/api/v1/enroll", null, enrollment(code.toLowerCase(), key), "Accept-Language", "en");
        assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(used.body());
        assertThat(answer.getString("park")).isEqualTo("p1");
        assertThat(answer.getString("gateway")).isEqualTo("gw-b07");
        assertThat(answer.getString("building")).isEqualTo("b07");
        JsonObject broker = answer.getJsonObject("broker");
        assertThat(broker.getString("uri")).isEqualTo("tcp://park-broker.invalid");
        assertThat(broker.getString("credentials")).isEqualTo("not-issued");
        assertThat(broker.getString("username")).isEqualTo("gw-b07");
        assertThat(broker.containsKey("password")).isFalse();
        assertThat(broker.getString("note")).contains("no broker.dynsec").contains("gw-b07");
        assertThat(answer.getJsonArray("commandKeys").getJsonObject(0).getString("id")).isEqualTo("k1");
        assertThat(Ed25519Keys.publicFromPem(answer.getJsonArray("commandKeys").getJsonObject(0).getString("publicKey"), "answer"))
                .isNotNull();
        JsonObject enrolled = building();
        assertThat(enrolled.getString("gatewayKey")).isEqualTo(key);
        assertThat(enrolled.getLong("version")).isEqualTo(before.getLong("version") + 1);

        HttpResponse<String> again = call("POST", "/api/v1/enroll", null,
                enrollment(code, Ed25519Keys.toPem(Ed25519Keys.generate().getPublic())), "Accept-Language", "en");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(again.body()).getString("error")).isEqualTo(
                "The enrollment code is wrong, used or expired; nothing was changed: ask the admin for a new code on the buildings page");
        assertThat(building()).as("the used code changed nothing").isEqualTo(enrolled);
    }

    @Test
    void anExpiredOrVoidedCodeChangesNothing() throws Exception {
        String key = Ed25519Keys.toPem(Ed25519Keys.generate().getPublic());
        String voided = code();
        String expired = code();
        assertThat(call("POST", "/api/v1/enroll", null, enrollment(voided, key)).statusCode()).as("a newer code voids it").isEqualTo(400);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        JsonObject before = building();
        assertThat(call("POST", "/api/v1/enroll", null, enrollment(expired, key)).statusCode()).isEqualTo(400);
        assertThat(building()).isEqualTo(before);
    }

    @Test
    void aBrokerThatDoesNotMakeTheAccountEnrollsNothingAndTheCodeStaysGood(@TempDir Path other) throws Exception {
        int nobody = org.anju.bridge.testing.MosquittoBroker.freePort();
        java.nio.file.Files.writeString(other.resolve("dynsec.password"), "admin password\n");
        Path yaml = java.nio.file.Files.writeString(other.resolve("park.yaml"), "park: p1\n"
                + "broker: {uri: \"tcp://127.0.0.1:" + nobody + "\", dynsec: {adminUser: admin, adminPasswordFile: dynsec.password}}\n"
                + "store: {sqlite: park.db}\nhttp: {port: 0}\n" + TestPark.keys(other)
                + "buildings: [{id: b07, gateway: gw-b07}]\n");
        var loaded = (org.anju.bridge.park.config.ParkConfigLoader.Result.Loaded) org.anju.bridge.park.config.ParkConfigLoader.load(yaml);
        ParkBridge withDynsec = ((ParkBridge.Start.Started) ParkBridge.start(loaded.config(), clock, 10_000)).bridge();
        try {
            String token = new JsonObject(TestPark.call(withDynsec.port(), "POST", "/api/v1/login", null, new JsonObject()
                    .put("login", "admin").put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
            String code = new JsonObject(TestPark.call(withDynsec.port(), "POST", "/api/v1/park/buildings/b07/enrollment", token, null)
                    .body()).getString("code");
            String before = TestPark.call(withDynsec.port(), "GET", "/api/v1/park/buildings/b07", token, null).body();
            for (int i = 0; i < 2; i++) {
                var refused = TestPark.call(withDynsec.port(), "POST", "/api/v1/enroll", null,
                        enrollment(code, Ed25519Keys.toPem(Ed25519Keys.generate().getPublic())).encode(), "Accept-Language", "en");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(new JsonObject(refused.body()).getString("error")).startsWith("The broker did not make the gateway's account");
                assertThat(new JsonObject(refused.body()).getString("detail")).contains("127.0.0.1:" + nobody);
            }
            assertThat(TestPark.call(withDynsec.port(), "GET", "/api/v1/park/buildings/b07", token, null).body())
                    .as("the building unchanged").isEqualTo(before);
        } finally {
            withDynsec.close();
        }
    }

    @Test
    void onlyTheAdminIssuesCodesForABuildingThatIs() throws Exception {
        assertThat(call("POST", "/api/v1/park/buildings/b07/enrollment", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/park/buildings/b99/enrollment", admin, null).statusCode()).isEqualTo(404);
    }
}
