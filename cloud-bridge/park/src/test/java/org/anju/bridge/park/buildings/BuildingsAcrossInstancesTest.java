package org.anju.bridge.park.buildings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Two bridge instances of one park on one PostgreSQL, neither restarted: a building the admin adds
 * through instance A is served by instance B within seconds, and B, the only one on the broker
 * here, takes its gateway's events as soon as it serves it (the gateway sends again what was not
 * confirmed, as its outbox does); once the admin deletes it through A, B no longer believes that
 * gateway.
 */
@Tag("peer")
@Tag("wire")
class BuildingsAcrossInstancesTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private ParkBridge instance(String name, String brokerUri, PostgresServer pg) throws Exception {
        return closer.keep(TestPark.onPostgres(dir.resolve(name), name, brokerUri, pg, "[{id: b01, gateway: gw-01}]"));
    }

    @Test
    void aBuildingAddedAtOneInstanceIsServedAndItsGatewayBelievedByTheOtherWithoutARestart() throws Exception {
        PostgresServer pg = closer.keep(PostgresServer.start());
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge a = instance("bridge-a", "tcp://park-broker.invalid", pg);  // the admin's instance, no broker
        ParkBridge b = instance("bridge-b", broker.uri(), pg);
        await().atMost(Duration.ofSeconds(30)).until(b::brokerConnected);
        String adminAtA = signIn(a);
        String adminAtB = signIn(b);
        assertThat(buildings(b, adminAtB)).as("park.yaml's building, imported once by the first").containsExactly("b01");

        // gw-new's first batch, before its building exists: not believed
        Topics gwNew = new Topics("huaqiao", "gw-new");
        EventBatch first = EventBatch.of(gwNew, 1, 0, 1_000, List.of(new EventBatch.Event(1, 1_000, Priority.ALARM, "alarm.raised",
                "{\"alarm\":{\"id\":\"smoke-1\",\"kind\":\"SMOKE\",\"severity\":\"FIRE\",\"source\":\"pile-1\",\"detail\":\"smoke\"}}")));
        SignedBatches.publish(broker.uri(), "gw-new", gwNew, List.of(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> b.ingest().dropped().getOrDefault("unknown-gateway", 0L) >= 1);
        assertThat(storedOf(pg, "gw-new")).isZero();

        var added = TestPark.call(a.port(), "POST", "/api/v1/park/buildings", adminAtA, new JsonObject().put("id", "b-new")
                .put("name", "新楼").put("gateway", "gw-new").put("gatewayKey", Ed25519Keys.toPem(Uplinks.GATEWAY_KEY.getPublic()))
                .put("areas", new JsonArray().add(new JsonObject().put("id", "shed").put("piles", new JsonArray().add("pile-1"))))
                .encode());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> buildings(b, adminAtB).contains("b-new"));
        assertThat(TestPark.call(b.port(), "GET", "/api/v1/areas", adminAtB, null).body()).as("B's console routes too")
                .contains("b-new");

        // the gateway's outbox sends again what the park never confirmed: B stores it now
        SignedBatches.publish(broker.uri(), "gw-new", gwNew, List.of(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedOf(pg, "gw-new") == 1);
        assertThat(receivedBy(pg, "gw-new")).isEqualTo("bridge-b");

        var deleted = TestPark.call(a.port(), "DELETE", "/api/v1/park/buildings/b-new", adminAtA, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !buildings(b, adminAtB).contains("b-new"));
        long unknownBefore = b.ingest().dropped().getOrDefault("unknown-gateway", 0L);
        SignedBatches.publish(broker.uri(), "gw-new", gwNew, List.of(EventBatch.of(gwNew, 1, 1, 2_000,
                List.of(new EventBatch.Event(2, 2_000, Priority.STATE, "door.closed", "{\"door\":\"entrance\"}")))));
        await().atMost(Duration.ofSeconds(20)).until(() -> b.ingest().dropped().getOrDefault("unknown-gateway", 0L) > unknownBefore);
        assertThat(storedOf(pg, "gw-new")).as("its gateway no longer believed").isEqualTo(1);
    }

    private static String signIn(ParkBridge bridge) throws Exception {
        return TestPark.adminToken(bridge.port());
    }

    private static List<String> buildings(ParkBridge bridge, String token) throws Exception {
        var answer = TestPark.call(bridge.port(), "GET", "/api/v1/park/buildings", token, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body()).getJsonArray("buildings").stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private long storedOf(PostgresServer pg, String gateway) throws Exception {
        return Long.parseLong(query(pg, "SELECT COUNT(*) FROM event WHERE gateway = '" + gateway + "'"));
    }

    private String receivedBy(PostgresServer pg, String gateway) throws Exception {
        return query(pg, "SELECT MIN(received_by) FROM event WHERE gateway = '" + gateway + "'");
    }

    private String query(PostgresServer pg, String sql) throws Exception {
        String password = Files.readString(dir.resolve("bridge-a").resolve("pg-password")).strip();
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
