package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Every endpoint against every role, and the cross-tenant and cross-landlord cases: who is let
 * through and who gets 401, 403 or 404. The park has no broker here (commands answer
 * "park-offline" at once): what is checked is who may ask, not what the gateway does.
 */
@Tag("wire")
class ParkApiAuthorizationTest {
    @TempDir
    static Path dir;
    private static ParkBridge bridge;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static String leaseA;
    private static String leaseB;
    private static String landlordA;
    private static String leaseSpare;

    @BeforeAll
    static void park() throws Exception {
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPrivate()));
        Files.writeString(dir.resolve("data.key"), "33".repeat(32));
        Files.writeString(dir.resolve("session.key"), "44".repeat(32));
        Files.writeString(dir.resolve("admin.password"), "admin password here\n");
        Path yaml = Files.writeString(dir.resolve("park.yaml"), """
                park: p1
                broker: {uri: tcp://park-broker.invalid}
                store: {sqlite: park.db}
                http: {port: 0}
                keys: {commandKeyId: k1, commandKeyFile: command.pem, dataKeyFile: data.key, sessionKeyFile: session.key}
                admin: {login: admin, passwordFile: admin.password}
                buildings:
                  - {id: b07, gateway: gw-b07, doors: [{id: entrance}, {id: room-301, room: "301"}], areas: [{id: shed, piles: [pile-1]}],
                     lifts: [{id: lift-a}]}
                  - {id: b08, gateway: gw-b08, doors: [{id: gate}, {id: room-101, room: "101"}], areas: [{id: yard, piles: [pile-9]}]}
                """);
        var loaded = (ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(yaml);
        bridge = ((ParkBridge.Start.Started) ParkBridge.start(loaded.config(), Clock.systemUTC(), 10_000)).bridge();
        String admin = login("admin", "admin password here");
        TOKENS.put("admin", admin);
        landlordA = account(admin, "landlord-a", "landlord");
        String landlordB = account(admin, "landlord-b", "landlord");
        account(admin, "officer-1", "officer");
        call("PUT", "/api/v1/landlords/" + landlordA + "/buildings/b07", admin, null);
        call("PUT", "/api/v1/landlords/" + landlordB + "/buildings/b08", admin, null);
        TOKENS.put("landlord", login("landlord-a", "landlord-a password"));
        TOKENS.put("officer", login("officer-1", "officer-1 password"));
        JsonObject a = new JsonObject(call("POST", "/api/v1/leases", TOKENS.get("landlord"), renter("b07", "301")).body());
        leaseA = a.getJsonObject("lease").getString("id");
        TOKENS.put("tenant", redeem(a));
        leaseSpare = new JsonObject(call("POST", "/api/v1/leases", TOKENS.get("landlord"), renter("b07", "301")).body())
                .getJsonObject("lease").getString("id");
        JsonObject b = new JsonObject(call("POST", "/api/v1/leases", login("landlord-b", "landlord-b password"),
                renter("b08", "101")).body());
        leaseB = b.getJsonObject("lease").getString("id");
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static int renters;

    /** A new person's lease (one person has one lease per building). */
    private static JsonObject renter(String building, String room) {
        return new JsonObject().put("building", building).put("room", room).put("name", "Renter").put("phone", "13900139000")
                .put("idNumber", renters++ == 0 ? "110101199003074477" : org.anju.bridge.park.privacy.IdNumber.sample(renters))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z");
    }

    private static HttpResponse<String> call(String method, String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String login, String password) throws Exception {
        return new JsonObject(call("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password))
                .body()).getString("token");
    }

    /** The renter's first sign-in with the invitation a registration answered: their own password, their token. */
    static String redeem(JsonObject registration) throws Exception {
        JsonObject invitation = registration.getJsonObject("tenant").getJsonObject("invitation");
        return new JsonObject(call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code", invitation.getString("code"))
                .put("password", "my own phone phrase")).body()).getString("token");
    }

    private static String account(String admin, String login, String role) throws Exception {
        return new JsonObject(call("POST", "/api/v1/accounts", admin, new JsonObject().put("login", login).put("name", login)
                .put("password", login + " password").put("role", role)).body()).getString("account");
    }

    private record Endpoint(String method, String path, JsonObject body, Set<String> roles) {
    }

    private static List<Endpoint> endpoints() {
        Set<String> officers = Set.of("officer", "admin");
        return List.of(
                new Endpoint("GET", "/api/v1/me", null, Set.of("tenant", "landlord", "officer", "admin")),
                new Endpoint("POST", "/api/v1/accounts", new JsonObject().put("login", "x-" + System.nanoTime()).put("name", "x")
                        .put("password", "long enough password").put("role", "officer"), Set.of("admin")),
                new Endpoint("PUT", "/api/v1/landlords/" + landlordA + "/buildings/b07", null, Set.of("admin")),
                new Endpoint("POST", "/api/v1/accounts/no-such-account/disable", null, Set.of("admin")),
                new Endpoint("POST", "/api/v1/accounts/no-such-account/enable", null, Set.of("admin")),
                new Endpoint("POST", "/api/v1/me/password", null, Set.of("tenant", "landlord", "officer", "admin")),
                new Endpoint("POST", "/api/v1/leases/" + leaseSpare + "/invitation", null, Set.of("landlord")),
                new Endpoint("POST", "/api/v1/stream/ticket", null, officers),
                new Endpoint("GET", "/api/v1/me/doors", null, Set.of("tenant")),
                new Endpoint("POST", "/api/v1/doors/b07/room-301/open", null, Set.of("tenant")),
                new Endpoint("GET", "/api/v1/me/charging", null, Set.of("tenant")),
                new Endpoint("GET", "/api/v1/me/offline-pin", null, Set.of("tenant")),
                new Endpoint("GET", "/api/v1/me/passes", null, Set.of("tenant")),
                new Endpoint("POST", "/api/v1/charging/b07/pile-1/2/start", null, Set.of("tenant")),
                new Endpoint("POST", "/api/v1/charging/b07/pile-1/2/stop", null, Set.of("tenant", "landlord", "officer", "admin")),
                new Endpoint("GET", "/api/v1/buildings", null, Set.of("landlord")),
                new Endpoint("GET", "/api/v1/leases?building=b07", null, Set.of("landlord")),
                new Endpoint("POST", "/api/v1/leases", renter("b07", "301"), Set.of("landlord")),
                new Endpoint("GET", "/api/v1/leases/" + leaseA + "/access", null, Set.of("landlord")),
                new Endpoint("PUT", "/api/v1/leases/" + leaseA + "/cards", new JsonObject().put("cards", new JsonArray()),
                        Set.of("landlord")),
                new Endpoint("GET", "/api/v1/rosters", null, officers),
                new Endpoint("GET", "/api/v1/ports", null, officers),
                new Endpoint("GET", "/api/v1/ports/gw-b07/pile-1/1/history", null, officers),
                new Endpoint("POST", "/api/v1/ports/b07/pile-1/1/cut", null, officers),
                new Endpoint("GET", "/api/v1/alarms", null, officers),
                new Endpoint("POST", "/api/v1/alarms/acknowledge", new JsonObject().put("gateway", "gw-b07")
                        .put("alarm", "pile-1/OVERLOAD/1"), officers),
                new Endpoint("POST", "/api/v1/areas/b07/shed/cut", null, officers),
                new Endpoint("GET", "/api/v1/gateways", null, officers),
                new Endpoint("GET", "/api/v1/areas", null, officers),
                new Endpoint("POST", "/api/v1/lifts/b07/lift-a/home", null, Set.of("tenant")),
                new Endpoint("GET", "/api/v1/occupancy", null, officers),
                new Endpoint("POST", "/api/v1/lifts/b07/lift-a/restore", null, officers),
                new Endpoint("POST", "/api/v1/gates/b07/reset", new JsonObject().put("tenant", "t-nobody"), officers),
                new Endpoint("GET", "/api/v1/park/buildings", null, officers),
                new Endpoint("GET", "/api/v1/park/buildings/b07", null, officers),
                // a building that is not there: the admin gets 400 or 404, nothing is added, changed or deleted
                new Endpoint("POST", "/api/v1/park/buildings", new JsonObject().put("id", "b 99"), Set.of("admin")),
                new Endpoint("PUT", "/api/v1/park/buildings/b99", new JsonObject().put("version", 1), Set.of("admin")),
                new Endpoint("DELETE", "/api/v1/park/buildings/b99", null, Set.of("admin")));
    }

    @Test
    void everyEndpointLetsInItsRolesOnlyAndNobodyWithoutAValidToken() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Map.Entry<String, String> who : TOKENS.entrySet()) {
                int status = call(e.method(), e.path(), who.getValue(), e.body()).statusCode();
                boolean allowed = e.roles().contains(who.getKey());
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(e.method() + " " + e.path() + " as " + who.getKey() + ": " + status);
                }
            }
            for (String token : new String[] {null, "v1.admin-1.ADMIN.9999999999.forged", TOKENS.get("tenant") + "x"}) {
                int status = call(e.method(), e.path(), token, e.body()).statusCode();
                if (status != 401) {
                    wrong.add(e.method() + " " + e.path() + " with token " + token + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aTenantActsOnlyInTheirOwnBuildingAndRoom() throws Exception {
        String tenant = TOKENS.get("tenant");
        assertThat(call("POST", "/api/v1/doors/b08/gate/open", tenant, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/doors/b08/room-101/open", tenant, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/charging/b08/pile-9/1/start", tenant, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/lifts/b08/lift-a/home", tenant, null).statusCode()).as("not my building").isEqualTo(403);
        assertThat(call("POST", "/api/v1/lifts/b07/lift-z/home", tenant, null).statusCode()).as("no such lift").isEqualTo(403);
        assertThat(new JsonObject(call("GET", "/api/v1/me/doors", tenant, null).body()).getJsonArray("lifts"))
                .extracting(l -> ((JsonObject) l).getString("lift")).containsExactly("lift-a");
        JsonArray doors = new JsonObject(call("GET", "/api/v1/me/doors", tenant, null).body()).getJsonArray("doors");
        assertThat(doors.stream().map(d -> ((JsonObject) d).getString("door")).toList()).containsExactly("entrance", "room-301");
        assertThat(call("POST", "/api/v1/doors/b07/room-301/open", tenant, null).statusCode())
                .as("allowed, and the park has no broker: said at once").isEqualTo(503);
    }

    @Test
    void aChargeIsStoppedOnlyInTheCallersBuildingAndTheRefusalSaysWhy() throws Exception {
        HttpResponse<String> tenant = call("POST", "/api/v1/charging/b08/pile-9/1/stop", TOKENS.get("tenant"), null);
        assertThat(tenant.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(tenant.body()).getString("reason")).as("in Chinese: no Accept-Language").contains("自己居住楼栋");
        HttpResponse<String> landlord = call("POST", "/api/v1/charging/b08/pile-9/1/stop", TOKENS.get("landlord"), null);
        assertThat(landlord.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(landlord.body()).getString("reason")).contains("不是", "的房东", "消防安全员");
        assertThat(call("POST", "/api/v1/charging/b08/pile-9/1/stop", TOKENS.get("officer"), null).statusCode())
                .as("an officer may; the park has no broker: said at once").isEqualTo(503);
        assertThat(call("POST", "/api/v1/charging/b07/pile-9/1/stop", TOKENS.get("officer"), null).statusCode())
                .as("pile-9 is not in b07").isEqualTo(404);
    }

    @Test
    void theRegistrationsExportAsksThePasswordAgainWithTheSignInLimitsOnlyForOnesOwnBuildingAndTheAdminReadsTheTrail()
            throws Exception {
        String admin = TOKENS.get("admin");
        String id = account(admin, "landlord-x", "landlord");
        call("PUT", "/api/v1/landlords/" + id + "/buildings/b08", admin, null);
        String token = login("landlord-x", "landlord-x password");
        JsonObject right = new JsonObject().put("password", "landlord-x password");
        int before = new JsonObject(call("GET", "/api/v1/registration-exports", admin, null).body()).getJsonArray("exports").size();

        assertThat(call("POST", "/api/v1/buildings/b07/registrations/export", token, right).statusCode()).as("not hers").isEqualTo(403);
        assertThat(call("POST", "/api/v1/buildings/b08/registrations/export", TOKENS.get("tenant"), right).statusCode()).isEqualTo(403);
        HttpResponse<String> csv = call("POST", "/api/v1/buildings/b08/registrations/export", token, right);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> wrong = call("POST", "/api/v1/buildings/b08/registrations/export", token,
                    new JsonObject().put("password", "a guess " + i));
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(wrong.body()).getString("code")).isEqualTo("landlord.exportWrongPassword");
        }
        HttpResponse<String> slowed = call("POST", "/api/v1/buildings/b08/registrations/export", token, right);
        assertThat(slowed.statusCode()).as("slowed like her sign-ins, the right password too").isEqualTo(429);
        assertThat(new JsonObject(slowed.body()).getString("code")).isEqualTo("landlord.account.slowed");

        assertThat(call("GET", "/api/v1/registration-exports", token, null).statusCode()).isEqualTo(403);
        JsonArray trail = new JsonObject(call("GET", "/api/v1/registration-exports", admin, null).body()).getJsonArray("exports");
        assertThat(trail).as("one export made, the refused ones not").hasSize(before + 1);
        assertThat(trail.getJsonObject(0).getString("login")).isEqualTo("landlord-x");
        assertThat(trail.getJsonObject(0).getString("building")).isEqualTo("b08");
    }

    @Test
    void wrongPasswordsSlowTheirLoginFromThisAddressEvenWithTheRightOneAndOthersSignInAsUsual() throws Exception {
        account(TOKENS.get("admin"), "guard-7", "officer");
        for (int i = 0; i < 4; i++) {
            assertThat(call("POST", "/api/v1/login", null, new JsonObject().put("login", "guard-7").put("password", "guess " + i))
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = call("POST", "/api/v1/login", null,
                new JsonObject().put("login", "GUARD-7").put("password", "guard-7 password"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 2L));
        assertThat(new JsonObject(limited.body()).getString("code")).isEqualTo("landlord.account.slowed");
        assertThat(new JsonObject(limited.body()).getString("error")).as("in Chinese unless English is asked for")
                .startsWith("此账号在这里密码错误次数过多");
        assertThat(login("landlord-a", "landlord-a password")).as("another login is not affected").isNotNull();
    }

    @Test
    void aTenantHammeringTheOpenButtonIsSlowedDown() throws Exception {
        JsonObject lease = new JsonObject(call("POST", "/api/v1/leases", TOKENS.get("landlord"), renter("b07", "301")).body());
        String tenant = redeem(lease);
        for (int i = 0; i < 10; i++) {
            assertThat(call("POST", "/api/v1/doors/b07/room-301/open", tenant, null).statusCode()).as("open %d", i).isEqualTo(503);
        }
        HttpResponse<String> limited = call("POST", "/api/v1/doors/b07/room-301/open", tenant, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("6");
        assertThat(call("POST", "/api/v1/doors/b07/room-301/open", TOKENS.get("tenant"), null).statusCode())
                .as("another tenant is not affected").isEqualTo(503);
    }

    @Test
    void aLandlordSeesAndEndsOnlyLeasesInTheirOwnBuildings() throws Exception {
        String landlord = TOKENS.get("landlord");
        assertThat(call("GET", "/api/v1/leases?building=b08", landlord, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/leases", landlord, renter("b08", "101")).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/leases/" + leaseB, landlord, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/leases/" + leaseB + "/access", landlord, null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/leases/" + leaseB + "/cards", landlord, new JsonObject().put("cards", new JsonArray()))
                .statusCode()).isEqualTo(404);
        JsonArray mine = new JsonObject(call("GET", "/api/v1/leases?building=b07", landlord, null).body()).getJsonArray("leases");
        assertThat(mine.encode()).contains(leaseA).doesNotContain(leaseB).doesNotContain("110101199003074477")
                .doesNotContain("13900139000").contains("110101********4477");
    }

    @Test
    void badInputIsRefusedWithWhatIsWrongAndChangesNothing() throws Exception {
        String landlord = TOKENS.get("landlord");
        JsonObject bad = renter("b07", "999").put("phone", "12345").put("idNumber", "11010119900307447X")
                .put("leaseEnd", "2025-01-01T00:00:00Z").put("cards", new JsonArray().add("'; DROP TABLE lease; --"));
        HttpResponse<String> refused = call("POST", "/api/v1/leases", landlord, bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getJsonArray("problems").encode())
                .contains("\"field\":\"room\"").contains("\"field\":\"phone\"").contains("\"field\":\"idNumber\"")
                .contains("\"field\":\"leaseEnd\"").contains("\"field\":\"cards\"").contains("身份证号：").doesNotContain("idNumber:");
        assertThat(call("POST", "/api/v1/leases", landlord, null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/login", null, new JsonObject().put("login", "admin").put("password", 42))
                .statusCode()).isEqualTo(400);
        String huge = "x".repeat(100 * 1024);
        assertThat(call("POST", "/api/v1/leases", landlord, new JsonObject().put("name", huge)).statusCode()).isEqualTo(413);
        JsonArray leases = new JsonObject(call("GET", "/api/v1/leases?building=b07", landlord, null).body()).getJsonArray("leases");
        assertThat(leases.stream().map(l -> ((JsonObject) l).getString("room")).toList()).doesNotContain("999");
    }

    @Test
    void injectionInEveryStringFieldIsRefusedOrKeptAsPlainDataNeverRun() throws Exception {
        String landlord = TOKENS.get("landlord");
        String admin = TOKENS.get("admin");
        List<String> attacks = List.of("'; DROP TABLE lease; --", "\" OR 1=1 --", "<script>alert(1)</script>", "{{7*7}}${7*7}",
                "../../../etc/passwd", "x\u0000y", "b07' OR '1'='1");
        List<String> wrong = new ArrayList<>();
        for (String attack : attacks) {
            for (String field : List.of("building", "room", "name", "phone", "idNumber", "leaseStart", "leaseEnd")) {
                HttpResponse<String> r = call("POST", "/api/v1/leases", landlord, renter("b07", "301").put(field, attack));
                boolean keptAsData = r.statusCode() == 201 && field.equals("name")
                        && attack.equals(new JsonObject(r.body()).getJsonObject("lease").getString("name"));
                if (!(r.statusCode() == 400 && r.body().contains(field) || r.statusCode() == 403 || keptAsData)) {
                    wrong.add("lease " + field + "=" + attack + ": " + r.statusCode() + " " + r.body());
                }
            }
            HttpResponse<String> cards = call("POST", "/api/v1/leases", landlord, renter("b07", "301").put("cards", new JsonArray().add(attack)));
            if (cards.statusCode() != 400) {
                wrong.add("cards=" + attack + ": " + cards.statusCode());
            }
            for (String field : List.of("login", "role")) {
                JsonObject body = new JsonObject().put("login", "acct-" + Math.abs(attack.hashCode())).put("name", "n")
                        .put("password", "a long enough password").put("role", "officer").put(field, attack);
                int status = call("POST", "/api/v1/accounts", admin, body).statusCode();
                if (status != 400) {
                    wrong.add("account " + field + "=" + attack + ": " + status);
                }
            }
            int signIn = call("POST", "/api/v1/login", null, new JsonObject().put("login", attack).put("password", attack)).statusCode();
            if (signIn != 401 && signIn != 400 && signIn != 429) {
                wrong.add("login=" + attack + ": " + signIn);
            }
            String path = "/api/v1/doors/" + java.net.URLEncoder.encode(attack, java.nio.charset.StandardCharsets.UTF_8) + "/room-301/open";
            int door = call("POST", path, TOKENS.get("tenant"), null).statusCode();
            if (door != 403 && door != 404) {
                wrong.add("door path " + attack + ": " + door);
            }
        }
        assertThat(wrong).isEmpty();
        JsonArray leases = new JsonObject(call("GET", "/api/v1/leases?building=b07", landlord, null).body()).getJsonArray("leases");
        assertThat(leases).as("the lease table is there and holds only this landlord's leases")
                .allSatisfy(l -> assertThat(((JsonObject) l).getString("building")).isEqualTo("b07"));
    }

    @Test
    void healthSaysNotReadyWithoutItsBrokerAndMetricsNeedNoToken() throws Exception {
        HttpResponse<String> health = call("GET", "/health", null, null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"ready\":false").contains("broker: ");
        HttpResponse<String> metrics = call("GET", "/metrics", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("anju_park_events_stored_total").contains("anju_park_broker_connected{connection=\"bulk\"} 0.0")
                .contains("anju_park_broker_connected{connection=\"live\"} 0.0").contains("anju_park_unacknowledged_messages");
    }
}
