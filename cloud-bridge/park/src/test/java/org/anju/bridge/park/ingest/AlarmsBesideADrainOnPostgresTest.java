package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL a fire alarm is stored while the group of a drain being written waits, as it does
 * for seconds in a freshly started bridge or behind another instance's lock on a gateway: here
 * another connection holds one draining gateway's row, and an alarm from another building is
 * stored and confirmed all the same. Without an alarm writer of its own it would wait for the
 * whole group (the park bench's 1,000,000-event drain: alarm p99 over a second).
 */
@Tag("peer")
@Tag("wire")
class AlarmsBesideADrainOnPostgresTest {
    private static final String BUILDINGS = "[{id: b1, gateway: gw-1, gatewayKeyFile: gateway.pub.pem},"
            + " {id: b2, gateway: gw-2, gatewayKeyFile: gateway.pub.pem}]";

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private PostgresServer pg;

    @Test
    void aFireAlarmIsStoredWhileADrainsGroupWaitsForALockedGateway() throws Exception {
        pg = closer.keep(PostgresServer.start());
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge bridge = closer.keep(TestPark.onPostgres(dir.resolve("bridge"), "bridge-a", broker.uri(), pg, BUILDINGS));
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);
        MqttClient gateways = new MqttClient(broker.uri(), "two-gateways", new MemoryPersistence());
        gateways.connect();
        closer.keep(() -> {
            gateways.disconnectForcibly(1000);
            gateways.close();
        });
        publish(gateways, "gw-1", Priority.TELEMETRY, "port.reading", 1, 1);
        publish(gateways, "gw-2", Priority.STATE, "port.status", 1, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM event") == 2);

        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM gateway WHERE id = 'gw-1' FOR UPDATE").close();
            }
            publish(gateways, "gw-1", Priority.TELEMETRY, "port.reading", 2, 100);
            await().atMost(Duration.ofSeconds(20)).alias("the drain's group waiting for gw-1's row")
                    .until(() -> count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);

            publish(gateways, "gw-2", Priority.ALARM, "alarm.raised", 2, 1);
            await().atMost(Duration.ofSeconds(10)).alias("the fire alarm stored while the group waits")
                    .until(() -> count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2' AND type = 'alarm.raised'") == 1);
            assertThat(count("SELECT confirmed_to FROM gateway WHERE id = 'gw-2'")).as("and confirmed to its gateway").isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'")).as("the group still waits").isEqualTo(1);
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).alias("the group, once the row is free")
                .until(() -> count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'") == 101);
        assertThat(count("SELECT COUNT(*) FROM lost_range")).as("nothing lost").isZero();
    }

    /** One signed batch from {@code gateway}: seqs {@code first} onwards, {@code n} events of one type. */
    private static void publish(MqttClient client, String gateway, Priority priority, String type, long first, int n)
            throws Exception {
        List<EventBatch.Event> events = new ArrayList<>();
        for (long seq = first; seq < first + n; seq++) {
            events.add(new EventBatch.Event(seq, System.currentTimeMillis(), priority, type, "{\"n\":" + seq + "}"));
        }
        MqttMessage m = new MqttMessage(SignedJson.sign(SignedJson.GATEWAY, new EventBatch(Contract.VERSION, "huaqiao", gateway,
                1, 0, System.currentTimeMillis(), events), Uplinks.GATEWAY_KEY.getPrivate()));
        m.setQos(1);
        client.publish(new Topics("huaqiao", gateway).events(), m);
    }

    private Connection connect() throws Exception {
        String secret = Files.readString(dir.resolve("bridge").resolve("pg-password")).strip();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), secret);
    }

    private long count(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
