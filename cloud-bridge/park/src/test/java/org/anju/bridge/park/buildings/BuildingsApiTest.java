package org.anju.bridge.park.buildings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.ChineseText;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The admin manages the park's buildings through the API on a real SQLite store: a building added,
 * changed or deleted is what every route reads at once; each refusal names its field in the
 * caller's language and changes nothing; a building people live in is not deleted; what the admin
 * did survives a restart with park.yaml still listing the buildings it was first imported from.
 */
class BuildingsApiTest {
    private static final String YAML = """
            http: {port: 0}
            buildings:
              - {id: b07, name: Building 7, gateway: gw-b07, doors: [{id: entrance}, {id: room-301, room: "301"}],
                 areas: [{id: shed, piles: [pile-1]}]}
            """;
    @TempDir
    Path dir;
    private ParkBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static final String KEY = Ed25519Keys.toPem(Ed25519Keys.generate().getPublic());

    private static JsonObject b08() {
        return new JsonObject().put("id", "b08").put("name", "第8栋").put("gateway", "gw-b08").put("village", "东风三村")
                .put("gatewayKey", KEY)
                .put("doors", new JsonArray().add(new JsonObject().put("id", "entrance"))
                        .add(new JsonObject().put("id", "room-101").put("room", "101"))
                        .add(new JsonObject().put("id", "bike-gate").put("kind", "shed")))
                .put("areas", new JsonArray().add(new JsonObject().put("id", "yard").put("piles", new JsonArray().add("pile-1").add("pile-2"))))
                .put("lifts", new JsonArray().add("lift-a"));
    }

    @Test
    void theAdminAddsChangesAndDeletesABuildingAndEveryRouteReadsItAtOnce() throws Exception {
        bridge = TestPark.start(dir, YAML, Clock.systemUTC());
        String admin = signIn("admin", TestPark.ADMIN_PASSWORD);
        account(admin, "officer-1", "officer");
        String officer = signIn("officer-1", "officer-1 password");
        JsonObject list = ok(call("GET", "/api/v1/park/buildings", admin, null), 200);
        assertThat(list.getJsonArray("buildings")).as("park.yaml's building, imported").hasSize(1);
        assertThat(list.getJsonArray("buildings").getJsonObject(0).getLong("version")).isEqualTo(1);

        JsonObject added = ok(call("POST", "/api/v1/park/buildings", admin, b08()), 201);
        assertThat(added.getLong("version")).isEqualTo(1);
        assertThat(added.getString("gatewayKey")).isEqualTo(KEY);
        assertThat(areas(officer)).as("the console's areas have the new building's at once").contains("b08/yard");
        assertThat(call("GET", "/api/v1/fleet?building=b08", admin, null).statusCode()).isEqualTo(200);

        JsonObject renamed = ok(call("PUT", "/api/v1/park/buildings/b08", admin, b08().put("name", "八号楼").put("version", 1)
                .put("areas", new JsonArray().add(new JsonObject().put("id", "yard").put("piles", new JsonArray().add("pile-1"))))), 200);
        assertThat(renamed.getLong("version")).isEqualTo(2);
        assertThat(renamed.getString("name")).isEqualTo("八号楼");
        HttpResponse<String> stale = call("PUT", "/api/v1/park/buildings/b08", admin, b08().put("name", "旧页面").put("version", 1));
        assertThat(stale.statusCode()).as("made from version 1, changed since").isEqualTo(409);
        assertThat(new JsonObject(stale.body()).getString("field")).isEqualTo("version");
        assertThat(ok(call("GET", "/api/v1/park/buildings/b08", admin, null), 200).getString("name")).as("nothing changed")
                .isEqualTo("八号楼");

        JsonObject seenByOfficer = ok(call("GET", "/api/v1/park/buildings/b08", officer, null), 200);
        assertThat(seenByOfficer.containsKey("gatewayKey")).as("keys are the admin's").isFalse();
        assertThat(call("POST", "/api/v1/park/buildings", officer, b08().put("id", "b09").put("gateway", "gw-b09")).statusCode())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/park/buildings/b08", officer, null).statusCode()).isEqualTo(403);

        assertThat(ok(call("DELETE", "/api/v1/park/buildings/b08", admin, null), 200).getString("deleted")).isEqualTo("b08");
        assertThat(call("GET", "/api/v1/park/buildings/b08", admin, null).statusCode()).isEqualTo(404);
        assertThat(areas(officer)).doesNotContain("b08/yard");
        assertThat(ok(call("PUT", "/api/v1/park/buildings/b07", admin, new JsonObject().put("name", "七号楼").put("gateway", "gw-b07")
                .put("version", 1)), 200).getLong("version")).isEqualTo(2);

        // a restart with park.yaml as it was: the admin's change stays, nothing deleted comes back
        bridge.close();
        bridge = TestPark.start(dir, YAML, Clock.systemUTC());
        admin = signIn("admin", TestPark.ADMIN_PASSWORD);
        JsonArray after = ok(call("GET", "/api/v1/park/buildings", admin, null), 200).getJsonArray("buildings");
        assertThat(after).hasSize(1);
        assertThat(after.getJsonObject(0).getString("name")).isEqualTo("七号楼");
        assertThat(after.getJsonObject(0).getJsonArray("doors")).as("the change sent no doors: it has none now").isEmpty();
    }

    @Test
    void everyProblemIsNamedByItsFieldInTheCallersLanguageAndNothingIsSaved() throws Exception {
        bridge = TestPark.start(dir, YAML, Clock.systemUTC());
        String admin = signIn("admin", TestPark.ADMIN_PASSWORD);
        JsonObject bad = b08().put("id", "b 08").put("gatewayKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
                .put("rooms", new JsonArray().add("101"))
                .put("doors", new JsonArray().add(new JsonObject().put("id", "entrance")).add(new JsonObject().put("id", "entrance"))
                        .add(new JsonObject().put("id", "w").put("kind", "window")).add(new JsonObject().put("id", "r").put("kind", "room")))
                .put("areas", new JsonArray().add(new JsonObject().put("id", "a").put("piles", new JsonArray().add("pile-1")))
                        .add(new JsonObject().put("id", "b").put("piles", new JsonArray().add("pile-1"))));
        HttpResponse<String> zh = call("POST", "/api/v1/park/buildings", admin, bad);
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonObject refusal = new JsonObject(zh.body());
        assertThat(refusal.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("field")).toList())
                .containsExactlyInAnyOrder("rooms", "id", "gatewayKey", "doors[1].id", "doors[2].kind", "doors[3].room",
                        "areas[1].piles[0]");
        assertThat(refusal.getString("error")).startsWith("未保存：");
        for (Object p : refusal.getJsonArray("problems")) {
            String text = ((JsonObject) p).getString("text");
            if (!"rooms".equals(((JsonObject) p).getString("field"))) {
                assertThat(ChineseText.englishWords(text, java.util.Set.of("entrance"))).as("beyond the ids sent: " + text).isEmpty();
            }
        }
        assertThat(refusal.getJsonArray("problems")).anySatisfy(p -> assertThat(((JsonObject) p).getString("text"))
                .isEqualTo("第 3 扇门的类型：须为入口、闸机或车棚；房门要填房号"));
        HttpResponse<String> en = call("POST", "/api/v1/park/buildings", admin, bad, "Accept-Language", "en");
        assertThat(new JsonObject(en.body()).getJsonArray("problems")).anySatisfy(p -> assertThat(((JsonObject) p).getString("text"))
                .isEqualTo("Charging area 2, pile 1: pile pile-1 is in charging area a already; a pile belongs to one area"));

        HttpResponse<String> taken = call("POST", "/api/v1/park/buildings", admin, b08().put("gateway", "gw-b07"), "Accept-Language", "en");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(taken.body()).getString("error"))
                .isEqualTo("Not saved: Gateway id: gateway gw-b07 serves building b07 already; one gateway serves one building");
        HttpResponse<String> twice = call("POST", "/api/v1/park/buildings", admin, b08().put("id", "b07"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(twice.body()).getString("field")).isEqualTo("id");
        assertThat(call("PUT", "/api/v1/park/buildings/b07", admin, new JsonObject().put("gateway", "gw-b07")).statusCode())
                .as("no version").isEqualTo(400);
        assertThat(ok(call("GET", "/api/v1/park/buildings", admin, null), 200).getJsonArray("buildings")).as("nothing saved")
                .hasSize(1);
    }

    @Test
    void aBuildingPeopleStillLiveInIsNotDeletedAndOnceDeletedNothingPointsIntoIt() throws Exception {
        bridge = TestPark.start(dir, YAML, Clock.systemUTC());
        String admin = signIn("admin", TestPark.ADMIN_PASSWORD);
        String landlord = account(admin, "landlord-1", "landlord");
        assertThat(call("PUT", "/api/v1/landlords/" + landlord + "/buildings/b07", admin, null).statusCode()).isEqualTo(200);
        HttpResponse<String> lease = call("POST", "/api/v1/leases", signIn("landlord-1", "landlord-1 password"),
                new JsonObject().put("building", "b07").put("room", "301").put("name", "Renter").put("phone", "13900139000")
                        .put("idNumber", "110101199003074477").put("leaseStart", "2026-01-01T00:00:00Z")
                        .put("leaseEnd", "2099-01-01T00:00:00Z"));
        assertThat(lease.statusCode()).as(lease.body()).isLessThan(300);
        HttpResponse<String> refused = call("DELETE", "/api/v1/park/buildings/b07", admin, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("buildings.err.leases");
        assertThat(new JsonObject(refused.body()).getString("error")).contains("b07").contains("1 份未结束的租约");
        assertThat(call("GET", "/api/v1/park/buildings/b07", admin, null).statusCode()).isEqualTo(200);

        // the renter's guest pass outlives the lease; once the building is gone its link opens nothing, and says so
        JsonObject registered = new JsonObject(lease.body());
        JsonObject invitation = registered.getJsonObject("tenant").getJsonObject("invitation");
        String tenant = ok(call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code", invitation.getString("code"))
                .put("password", "my own phone phrase")), 200).getString("token");
        String link = ok(call("POST", "/api/v1/me/guest-passes", tenant, new JsonObject().put("hours", 2).put("uses", 1)), 201)
                .getJsonObject("pass").getString("link");
        String guest = "/api/v1/guest/" + link.substring(link.indexOf("guest=") + 6); // tenant.html#guest=LINK
        assertThat(call("GET", guest, null, null).statusCode()).isEqualTo(200);
        String leaseId = registered.getJsonObject("lease").getString("id");
        assertThat(call("DELETE", "/api/v1/leases/" + leaseId, signIn("landlord-1", "landlord-1 password"), null).statusCode())
                .isEqualTo(200);
        assertThat(ok(call("DELETE", "/api/v1/park/buildings/b07", admin, null), 200).getString("deleted")).isEqualTo("b07");
        assertThat(call("GET", guest, null, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", guest + "/doors/entrance/open", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/me/guest-passes", tenant, null).statusCode()).isLessThan(500);
    }

    private List<String> areas(String officer) throws Exception {
        return ok(call("GET", "/api/v1/areas", officer, null), 200).getJsonArray("areas").stream()
                .map(a -> ((JsonObject) a).getString("building") + "/" + ((JsonObject) a).getString("area")).toList();
    }

    private HttpResponse<String> call(String method, String path, String token, JsonObject body, String... headers) throws Exception {
        return TestPark.call(bridge.port(), method, path, token, body == null ? null : body.encode(), headers);
    }

    private static JsonObject ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }

    private String signIn(String login, String password) throws Exception {
        return ok(call("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password)), 200)
                .getString("token");
    }

    private String account(String admin, String login, String role) throws Exception {
        return ok(call("POST", "/api/v1/accounts", admin, new JsonObject().put("login", login).put("name", login)
                .put("password", login + " password").put("role", role)), 201).getString("account");
    }
}
