package org.anju.bridge.park.buildings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
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
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * One bridge on SQLite and Debian's Mosquitto: the gateway of a building the admin adds is believed
 * from the moment the API answered, the first batch it sends after that stored; once the building
 * is deleted, its next batch is dropped as an unknown gateway's.
 */
@Tag("peer")
@Tag("wire")
class GatewayOfANewBuildingTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void aBuildingsGatewayIsBelievedOnceAddedAndNoLongerOnceDeleted() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge park = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\"",
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}]"));
        await().atMost(Duration.ofSeconds(30)).until(park::brokerConnected);
        String admin = TestPark.adminToken(park.port());
        Topics b09 = new Topics("huaqiao", "gw-b09");

        SignedBatches.publish(broker.uri(), "gw-b09", b09, List.of(batch(b09, 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> park.ingest().dropped().getOrDefault("unknown-gateway", 0L) == 1);

        var added = TestPark.call(park.port(), "POST", "/api/v1/park/buildings", admin, new JsonObject().put("id", "b09")
                .put("gateway", "gw-b09").put("gatewayKey", Ed25519Keys.toPem(org.anju.bridge.testing.Uplinks.GATEWAY_KEY.getPublic()))
                .encode());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long before = park.ingest().storedEvents();
        SignedBatches.publish(broker.uri(), "gw-b09", b09, List.of(batch(b09, 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> park.ingest().storedEvents() == before + 1);

        assertThat(TestPark.call(park.port(), "DELETE", "/api/v1/park/buildings/b09", admin, null).statusCode()).isEqualTo(200);
        SignedBatches.publish(broker.uri(), "gw-b09", b09, List.of(batch(b09, 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> park.ingest().dropped().getOrDefault("unknown-gateway", 0L) == 2);
        assertThat(park.ingest().storedEvents()).as("nothing more stored").isEqualTo(before + 1);
    }

    private static EventBatch batch(Topics gateway, long seq) {
        return EventBatch.of(gateway, 1, seq - 1, 1_000 * seq, List.of(new EventBatch.Event(seq, 1_000 * seq, Priority.STATE,
                "door.closed", "{\"door\":\"entrance\"}")));
    }
}
