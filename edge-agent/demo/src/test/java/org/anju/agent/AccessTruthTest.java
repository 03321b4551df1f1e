package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.testing.Closer;
import org.anju.bridge.park.privacy.IdNumber;
import org.anju.bridge.testing.MosquittoSub;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the landlord sees is what the door does, over a real Mosquitto with a real gateway agent:
 * a lease ended while a second process holds the gateway database's write lock is reported
 * failing, retried, and refused at the door once the lock is gone; a lease ended while the gateway
 * is stopped is applied on restart before any door command reaches it; refusals are 4xx with one
 * sentence naming the field, and change nothing at the park or at the gateway.
 */
@Tag("peer")
@Tag("wire")
class AccessTruthTest {
    /** After an obstruction clears, the park's next try comes within its longest back-off (8 s) plus the write. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private ParkAndBuilding park;
    private String admin;
    private String landlord;

    @BeforeEach
    void start() throws Exception {
        park = closer.keep(new ParkAndBuilding(dir));
        admin = park.login("admin", ParkAndBuilding.ADMIN_PASSWORD);
        String wang = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + wang + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
        landlord = park.login("landlord-wang", "landlord-wang password");
    }

    private static JsonObject renter(String name, String room, int person, String... cards) {
        return new JsonObject().put("building", "b07").put("room", room).put("name", name).put("phone", "13800138000")
                .put("idNumber", IdNumber.sample(person)).put("cards", new JsonArray(List.of((Object[]) cards)))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z");
    }

    private JsonObject register(JsonObject renter) throws Exception {
        JsonObject r = park.ok(park.call("POST", "/api/v1/leases", landlord, renter), 201);
        assertThat(r.getJsonArray("gateways").getJsonObject(0).getString("state")).as(r.encode()).isEqualTo("applied");
        return r;
    }

    private JsonObject rosterOfGateway() throws Exception {
        return park.ok(park.call("GET", "/api/v1/rosters", admin, null), 200).getJsonArray("gateways").stream()
                .map(JsonObject.class::cast).filter(g -> g.getString("gateway").equals("gw-b07")).findFirst().orElseThrow();
    }

    private JsonObject leaseState(String leaseId) throws Exception {
        return park.ok(park.call("GET", "/api/v1/leases?building=b07", landlord, null), 200).getJsonArray("leases").stream()
                .map(JsonObject.class::cast).filter(l -> l.getString("id").equals(leaseId)).findFirst().orElseThrow()
                .getJsonArray("gateways").getJsonObject(0);
    }

    private Map<String, GatewayProbe.HeldTenant> gatewayRoster() throws Exception {
        return GatewayProbe.roster(park.gateway.database().file());
    }

    private String opens(String tenant, String door) throws Exception {
        return GatewayProbe.tenantOpens(park.gateway.gateway(), tenant, door);
    }

    @Test
    void aLeaseEndedWhileAnotherProcessHoldsTheGatewaysDatabaseIsRetriedAndRefusedOnceTheLockIsGone() throws Exception {
        JsonObject zhang = register(renter("Zhang Min", "302", 2, "3:1002"));
        String tenant = zhang.getJsonObject("tenant").getString("account");
        assertThat(opens(tenant, "entrance")).as("a GPIO maglock cannot report its bolt").isEqualTo("sent");

        // Debian's sqlite3, as a backup job or a curious installer would: the write lock, held until the
        // lease end has been answered (it commits when told, so a slow machine cannot outlast it)
        Process holder = new ProcessBuilder("sqlite3", park.gateway.database().file().toString())
                .redirectErrorStream(true).start();
        closer.keep((AutoCloseable) holder::destroyForcibly);
        BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        OutputStream script = holder.getOutputStream();
        script.write(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n".getBytes(StandardCharsets.UTF_8));
        script.flush();
        assertThat(said.readLine()).isEqualTo("locked");

        JsonObject ended = park.ok(park.call("DELETE", "/api/v1/leases/" + zhang.getJsonObject("lease").getString("id"),
                landlord, null), 200);
        JsonObject state = ended.getJsonArray("gateways").getJsonObject(0);
        assertThat(state.getString("state")).as(state.encode()).isEqualTo("failing");
        assertThat(state.getString("detail")).contains("roster write failed").contains("locked");
        assertThat(state.getBoolean("retrying")).isTrue();
        JsonObject outOfSync = rosterOfGateway();
        assertThat(outOfSync.getBoolean("inSync")).isFalse();
        assertThat(outOfSync.getString("state")).isEqualTo("failing");
        assertThat(outOfSync.getString("detail")).contains("locked");
        assertThat(outOfSync.getLong("outOfSyncSeconds")).isNotNegative();

        script.write("COMMIT;\nSELECT 'released';\n".getBytes(StandardCharsets.UTF_8));
        script.close();
        assertThat(said.readLine()).as("the holder let go").isEqualTo("released");
        await().atMost(REVOCATION_BOUND).until(() -> opens(tenant, "entrance").equals("UNKNOWN_TENANT"));
        await().atMost(Duration.ofSeconds(10)).until(() -> leaseState(zhang.getJsonObject("lease").getString("id"))
                .getString("state").equals("applied"));
        assertThat(rosterOfGateway().getBoolean("inSync")).isTrue();
    }

    @Test
    void aLeaseEndedWhileTheGatewayIsStoppedIsAppliedOnRestartBeforeAnyDoorCommandReachesIt() throws Exception {
        JsonObject li = register(renter("Li Wei", "301", 1, "3:1001"));
        JsonObject zhang = register(renter("Zhang Min", "302", 2, "3:1002"));
        String liTenant = park.ok(park.call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code",
                li.getJsonObject("tenant").getJsonObject("invitation").getString("code")).put("password",
                "li wei likes tea")), 200).getString("token");
        park.stopGateway();

        JsonObject ended = park.ok(park.call("DELETE", "/api/v1/leases/" + zhang.getJsonObject("lease").getString("id"),
                landlord, null), 200);
        assertThat(ended.getJsonArray("gateways").getJsonObject(0).getString("state")).isEqualTo("pending");
        assertThat(ended.getJsonArray("gateways").getJsonObject(0).getString("detail")).contains("offline");
        assertThat(rosterOfGateway().getString("state")).isEqualTo("pending");

        MosquittoSub wire = closer.keep(MosquittoSub.start(park.broker.port(), "anju/v1/huaqiao/gw-b07/cmd",
                "anju/v1/huaqiao/gw-b07/cmd/reply"));
        // Li Wei keeps tapping her door while the gateway comes back
        AtomicBoolean opened = new AtomicBoolean();
        CompletableFuture<Void> tapping = CompletableFuture.runAsync(() -> {
            while (!opened.get()) {
                try {
                    HttpResponse<String> r = park.call("POST", "/api/v1/doors/b07/room-301/open", liTenant, null);
                    opened.set(r.statusCode() == 200);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        park.startGateway();
        await().atMost(Duration.ofSeconds(60)).untilTrue(opened);
        tapping.join();

        Map<String, String> kinds = new java.util.HashMap<>();
        List<String> sent = new java.util.ArrayList<>();
        List<String> replied = new java.util.ArrayList<>();
        for (MosquittoSub.Line line : wire.lines()) {
            JsonObject message = new JsonObject(line.payload());
            if (line.topic().endsWith("/cmd") && "delivery.receipt".equals(message.getString("kind"))) {
                continue; // the park confirming the gateway's events, which may come first: no command to the building
            }
            if (line.topic().endsWith("/cmd")) {
                kinds.put(message.getString("id"), message.getString("kind"));
                sent.add(message.getString("kind"));
            } else {
                replied.add(kinds.get(message.getString("requestId")));
            }
        }
        assertThat(sent).as("what the park sent the gateway after it stopped, in order: nothing while it was away,"
                + " then its roster first").isNotEmpty();
        assertThat(sent.get(0)).startsWith("roster.");
        assertThat(replied).as("what the gateway answered after its restart, in order").isNotEmpty();
        assertThat(replied.get(0)).startsWith("roster.");
        assertThat(replied).contains("door.open");
        assertThat(opens(zhang.getJsonObject("tenant").getString("account"), "entrance")).isEqualTo("UNKNOWN_TENANT");
        assertThat(leaseState(zhang.getJsonObject("lease").getString("id")).getString("state")).isEqualTo("applied");
    }

    @Test
    void refusalsAreOneSentenceNamingTheFieldAndChangeNothingAtTheParkOrTheDoor() throws Exception {
        JsonObject li = register(renter("Li Wei", "301", 1, "3:1001"));
        JsonObject zhang = register(renter("Zhang Min", "302", 2, "3:1002"));
        Map<String, GatewayProbe.HeldTenant> before = gatewayRoster();
        long version = rosterOfGateway().getLong("confirmed");

        Map<JsonObject, String> refused = new java.util.LinkedHashMap<>();
        refused.put(renter("Chen Jie", "302", 3, "3:1001"), "409 cards landlord.cards.held 门卡：门卡 3:1001 属于 301 室");
        refused.put(renter("Li Wei", "302", 1), "409 idNumber landlord.person.mine 身份证号：此人已租住本楼 301 室");
        refused.put(renter("Chen Jie", "302", 3).put("leaseStart", "2020-01-01T00:00:00Z")
                .put("leaseEnd", "2020-06-01T00:00:00Z"), "400 leaseEnd landlord.window.past 租期结束：2020-06-01 已经过去");
        refused.put(renter("Chen Jie", "302", 3).put("leaseStart", "2031-01-01T00:00:00Z"), "400 leaseStart landlord.window.ahead 租期开始：2031");
        refused.put(renter("Chen Jie", "302", 3).put("leaseEnd", "2025-12-01T00:00:00Z"), "400 leaseEnd landlord.window.order");
        refused.put(renter("Chen Jie", "302", 3).put("idempotencyKey", "x"), "400 idempotencyKey landlord.key.form");
        refused.put(renter("Chen Jie", "302", 3).put("continues", li.getJsonObject("lease").getString("id")),
                "409 continues landlord.continues.");
        for (Map.Entry<JsonObject, String> r : refused.entrySet()) {
            HttpResponse<String> answer = park.call("POST", "/api/v1/leases", landlord, r.getKey());
            JsonObject body = new JsonObject(answer.body());
            JsonObject problem = body.getJsonArray("problems").getJsonObject(0);
            assertThat(answer.statusCode() + " " + problem.getString("field") + " " + problem.getString("code") + " "
                    + problem.getString("text")).as(answer.body()).startsWith(r.getValue());
            assertThat(body.getJsonArray("problems")).hasSize(1);
            assertThat(answer.body()).doesNotContain("Li Wei", "Zhang Min", IdNumber.sample(1), IdNumber.sample(2));
        }
        HttpResponse<String> cards = park.call("PUT", "/api/v1/leases/" + li.getJsonObject("lease").getString("id") + "/cards",
                landlord, new JsonObject().put("cards", new JsonArray().add("3:1002")));
        assertThat(cards.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(cards.body()).getJsonArray("problems").getJsonObject(0).getString("text"))
                .isEqualTo("门卡：门卡 3:1002 属于 302 室的当前租约；请先从该租约取下或结束该租约");

        assertThat(park.ok(park.call("GET", "/api/v1/leases?building=b07", landlord, null), 200).getJsonArray("leases"))
                .as("no lease made or changed").hasSize(2);
        assertThat(rosterOfGateway().getLong("confirmed")).as("no roster change sent").isEqualTo(version);
        assertThat(gatewayRoster()).isEqualTo(before);
        assertThat(before.get(li.getJsonObject("tenant").getString("account")).cards()).containsExactly("3:1001");

        // a double submit makes one lease; the same key with another registration is refused
        JsonObject chen = renter("Chen Jie", "302", 3, "3:1003").put("idempotencyKey", "b7d1c3a0-3f3e-4d55-9b0e-1c2d3e4f5a6b");
        var first = CompletableFuture.supplyAsync(() -> call("POST", "/api/v1/leases", chen));
        var second = CompletableFuture.supplyAsync(() -> call("POST", "/api/v1/leases", chen));
        JsonObject a = new JsonObject(first.join().body());
        JsonObject b = new JsonObject(second.join().body());
        assertThat(Set.of(first.join().statusCode(), second.join().statusCode())).containsExactlyInAnyOrder(201, 200);
        assertThat(a.getJsonObject("lease").getString("id")).isEqualTo(b.getJsonObject("lease").getString("id"));
        assertThat(a.getJsonObject("tenant").getString("login")).isEqualTo(b.getJsonObject("tenant").getString("login"));
        HttpResponse<String> reused = park.call("POST", "/api/v1/leases", landlord, chen.copy().put("room", "301"));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(reused.body()).getJsonArray("problems").getJsonObject(0).getString("code"))
                .isEqualTo("landlord.key.reused");
        assertThat(park.ok(park.call("GET", "/api/v1/leases?building=b07", landlord, null), 200).getJsonArray("leases"))
                .hasSize(3);

        // an explicit move: Zhang Min moves from 302 to 301 and keeps her login; the gateway follows
        JsonObject moved = park.ok(park.call("POST", "/api/v1/leases", landlord, renter("Zhang Min", "301", 2, "3:1002")
                .put("continues", zhang.getJsonObject("lease").getString("id"))), 201);
        String zhangTenant = zhang.getJsonObject("tenant").getString("account");
        assertThat(moved.getJsonObject("tenant").getString("account")).isEqualTo(zhangTenant);
        assertThat(moved.getJsonObject("tenant").containsKey("invitation")).as("she keeps her password").isFalse();
        assertThat(moved.getJsonArray("gateways").getJsonObject(0).getString("state")).isEqualTo("applied");
        assertThat(gatewayRoster().get(zhangTenant).doors()).containsExactlyInAnyOrder("entrance", "lobby-gate", "room-301");
        assertThat(opens(zhangTenant, "room-301")).as("let through: a GPIO strike, so sent").isEqualTo("sent");
    }

    private HttpResponse<String> call(String method, String path, JsonObject body) {
        try {
            return park.call(method, path, landlord, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
