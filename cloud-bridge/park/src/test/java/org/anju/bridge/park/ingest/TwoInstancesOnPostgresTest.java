package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;

/**
 * Two bridge instances of one park on one Mosquitto and one PostgreSQL: a burst from three
 * gateways' uplinks, plus batches published twice on purpose, is split between the instances
 * by the shared subscription and stored with no event twice and none missing.
 */
@Tag("peer")
@Tag("wire")
class TwoInstancesOnPostgresTest {
    private static final int EVENTS_PER_GATEWAY = 2_000;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private ParkBridge instance(String name, String brokerUri, PostgresServer pg) throws Exception {
        return closer.keep(TestPark.onPostgres(dir.resolve(name), name, brokerUri, pg, "[{id: b1, gateway: gw-1, gatewayKeyFile:"
                + " gateway.pub.pem}, {id: b2, gateway: gw-2, gatewayKeyFile: gateway.pub.pem}, {id: b3, gateway: gw-3,"
                + " gatewayKeyFile: gateway.pub.pem}]"));
    }

    @Test
    void aBurstSplitBetweenTwoInstancesIsStoredExactlyOnce() throws Exception {
        PostgresServer pg = closer.keep(PostgresServer.start());
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge a = instance("bridge-a", broker.uri(), pg);
        ParkBridge b = instance("bridge-b", broker.uri(), pg);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.brokerConnected() && b.brokerConnected());

        List<InMemoryOutbox> outboxes = new ArrayList<>();
        for (int g = 1; g <= 3; g++) {
            InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
            outbox.appendMany(EVENTS_PER_GATEWAY / 4, Priority.ALARM, "alarm.raised");
            outbox.appendMany(EVENTS_PER_GATEWAY / 4, Priority.ACCESS, "door.access_granted");
            outbox.appendMany(EVENTS_PER_GATEWAY / 2, Priority.TELEMETRY, "port.reading");
            outboxes.add(outbox);
            closer.keep(Uplinks.builder(Uplinks.config(broker.uri(), new Topics("huaqiao", "gw-" + g)))
                    .outbox(outbox).sessions(Uplinks.sessions()).start());
        }
        // a replaying publisher: the gateway's signed batches twice, so both instances may see a copy
        try (MqttClient dup = new MqttClient(broker.uri(), "duplicator", new MemoryPersistence())) {
            dup.connect();
            for (int round = 0; round < 2; round++) {
                for (long seq = 1; seq <= 50; seq += 10) {
                    List<EventBatch.Event> events = new ArrayList<>();
                    for (long s = seq; s < seq + 10; s++) {
                        events.add(new EventBatch.Event(s, 1, Priority.ALARM, "alarm.raised", "{\"n\":" + s + "}"));
                    }
                    MqttMessage m = new MqttMessage(org.anju.bridge.contract.SignedJson.sign(
                            org.anju.bridge.contract.SignedJson.GATEWAY, new EventBatch(Contract.VERSION, "huaqiao", "gw-1", 99,
                            0, 1, events), Uplinks.GATEWAY_KEY.getPrivate()));
                    m.setQos(1);
                    dup.publish(new Topics("huaqiao", "gw-1").events(), m);
                }
            }
            dup.disconnect();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> outboxes.stream().allMatch(o -> o.unacknowledgedCount() == 0));

        Map<String, Long> byInstance = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(pg, "SELECT COUNT(*) FROM event") == 3L * EVENTS_PER_GATEWAY);
        String secret = Files.readString(dir.resolve("bridge-a").resolve("pg-password")).strip();
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), secret); var s = c.createStatement()) {
            for (int g = 1; g <= 3; g++) {
                try (var rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq) FROM event WHERE gateway = 'gw-" + g + "'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("gw-%d stored", g).isEqualTo(EVENTS_PER_GATEWAY);
                    assertThat(rs.getLong(2)).isEqualTo(EVENTS_PER_GATEWAY);
                    assertThat(rs.getLong(3)).isEqualTo(1);
                    assertThat(rs.getLong(4)).isEqualTo(EVENTS_PER_GATEWAY);
                }
            }
            try (var rs = s.executeQuery("SELECT received_by, COUNT(*) FROM event GROUP BY received_by")) {
                while (rs.next()) {
                    byInstance.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM lost_range")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing lost").isZero();
            }
        }
        assertThat(byInstance).as("the shared subscription split the load").containsKeys("bridge-a", "bridge-b");
        assertThat(a.ingest().duplicateEvents() + b.ingest().duplicateEvents()).as("the copies were seen and dropped")
                .isGreaterThanOrEqualTo(50);
    }

    private long count(PostgresServer pg, String sql) throws Exception {
        String secret = Files.readString(dir.resolve("bridge-a").resolve("pg-password")).strip();
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), secret); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
