package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;

/**
 * A park's gateways coming back at once: their retained births arrive on the live connection,
 * which also carries the alarms. With the store held (another process's write lock on the park's
 * SQLite file), a hundred births wait for their writes, more than the connection's places (64):
 * they must not hold those places, or an alarm behind them is not even read. A message sent after
 * the births is read while they still wait; once the lock goes, every birth is written.
 */
@Tag("peer")
@Tag("wire")
class BirthsHoldNoLivePlaceTest {
    private static final int GATEWAYS = 100;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void birthsWaitingForTheStoreLeaveTheLiveConnectionFree() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        String buildings = IntStream.rangeClosed(1, GATEWAYS)
                .mapToObj(i -> "{id: b" + i + ", gateway: gw-" + i + ", gatewayKeyFile: gw-b07.pub.pem}")
                .collect(Collectors.joining(", ", "[", "]"));
        ParkBridge bridge = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\"", buildings));
        await().atMost(Duration.ofSeconds(20)).until(bridge::brokerConnected);

        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park/park.db"));
             Statement s = lock.createStatement();
             MqttClient client = new MqttClient(broker.uri(), "gateways", new MemoryPersistence())) {
            s.execute("BEGIN IMMEDIATE"); // the births' writes wait for this lock
            client.connect();
            for (int i = 1; i <= GATEWAYS; i++) {
                publish(client, new Topics("huaqiao", "gw-" + i).state(), SignedJson.sign(SignedJson.GATEWAY,
                        ContractJson.encode(new GatewayState.Birth(Contract.VERSION, "huaqiao", "gw-" + i, 3, 0,
                                "anju-agent/0.1.0", 0)), Uplinks.GATEWAY_KEY.getPrivate()));
            }
            // sent after the hundred births on the same connection, so read only once places are free for it
            publish(client, new Topics("huaqiao", "gw-1").state(), "not a state".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.ingest().dropped().containsKey("unsigned"));
            assertThat(online(dir)).as("the births still wait for the store").isZero();
            s.execute("COMMIT");
            client.disconnect();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> online(dir) == GATEWAYS);
    }

    private static long online(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park/park.db"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM gateway WHERE online = 1")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void publish(MqttClient client, String topic, byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(false);
        client.publish(topic, m);
    }
}
