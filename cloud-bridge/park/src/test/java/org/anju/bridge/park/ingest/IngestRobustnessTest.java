package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;

/**
 * Whatever reaches the park's topics, ingest goes on: unsigned, forged, malformed, oversized and
 * misaddressed messages and those of a gateway with no key are counted by kind and dropped, and the
 * next good batch is stored.
 */
@Tag("peer")
@Tag("wire")
class IngestRobustnessTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void badMessagesAreCountedAndDroppedAndIngestGoesOn() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPrivate()));
        Files.writeString(dir.resolve("data.key"), "77".repeat(32));
        Files.writeString(dir.resolve("gw-1.pub.pem"), Ed25519Keys.toPem(GATEWAY.getPublic()));
        Files.writeString(dir.resolve("session.key"), "88".repeat(32));
        Path yaml = Files.writeString(dir.resolve("park.yaml"), """
                park: park-1
                broker: {uri: %s}
                store: {sqlite: park.db}
                http: {port: 0}
                keys: {commandKeyId: k1, commandKeyFile: command.pem, dataKeyFile: data.key, sessionKeyFile: session.key}
                buildings: [{id: b1, gateway: gw-1, gatewayKeyFile: gw-1.pub.pem}]
                """.formatted(broker.uri()));
        var config = ((ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(yaml)).config();
        ParkBridge bridge = closer.keep(((ParkBridge.Start.Started) ParkBridge.start(config, Clock.systemUTC(), 10_000)).bridge());
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);
        Topics gw = new Topics("park-1", "gw-1");

        try (MqttClient client = new MqttClient(broker.uri(), "rogue", new MemoryPersistence())) {
            client.connect();
            publish(client, gw.events(), "not json at all".getBytes(StandardCharsets.UTF_8));
            publish(client, gw.events(), signed("{\"v\":1,\"park\":\"park-1\"}".getBytes(StandardCharsets.UTF_8)));
            publish(client, gw.events(), new byte[3 * 1024 * 1024]);
            publish(client, gw.events(), signed(batch("park-2", "gw-1", 1)));
            publish(client, gw.events(), signed(batch("park-1", "gw-9", 1)));
            publish(client, gw.state(), signed("{\"kind\":\"birth\"}".getBytes(StandardCharsets.UTF_8)));
            publish(client, gw.events(), batch("park-1", "gw-1", 5));
            publish(client, gw.events(), SignedJson.sign(SignedJson.GATEWAY, batch("park-1", "gw-1", 6),
                    Ed25519Keys.generate().getPrivate()));
            publish(client, new Topics("park-1", "gw-2").events(), signed(batch("park-1", "gw-2", 1)));
            publish(client, gw.events(), signed(batch("park-1", "gw-1", 7)));
            publish(client, gw.state(), signed(ContractJson.encode(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1",
                    3, 1, "anju-agent/0.1.0", 0))));
            client.disconnect();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.ingest().storedEvents() == 1);
        // states come on the live connection, events on the backlog's: neither waits for the other
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(bridge.ingest().dropped()).containsEntry("malformed-batch", 1L).containsEntry("oversized", 1L)
                .containsEntry("misaddressed-batch", 2L).containsEntry("malformed-state", 1L)
                .containsEntry("unsigned", 2L).containsEntry("bad-signature", 1L).containsEntry("unknown-gateway", 1L));
        assertThat(bridge.ingest().storedEvents()).as("only the signed, well-formed batch").isEqualTo(1);
    }

    private static final java.security.KeyPair GATEWAY = Ed25519Keys.generate();

    private static byte[] signed(byte[] json) {
        return SignedJson.sign(SignedJson.GATEWAY, json, GATEWAY.getPrivate());
    }

    private static byte[] batch(String park, String gateway, long seq) {
        return ContractJson.encode(new EventBatch(Contract.VERSION, park, gateway, 1, 0, 1, List.of(
                new EventBatch.Event(seq, 1, Priority.STATE, "door.closed", "{\"door\":\"entrance\"}"))));
    }

    private static void publish(MqttClient client, String topic, byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m);
    }
}
