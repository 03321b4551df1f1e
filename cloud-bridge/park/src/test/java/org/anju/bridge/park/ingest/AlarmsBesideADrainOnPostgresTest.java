package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;
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
    private MosquittoBroker broker;

    @Test
    void aFireAlarmIsStoredWhileADrainsGroupWaitsForALockedGateway() throws Exception {
        pg = closer.keep(PostgresServer.start());
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge bridge = closer.keep(TestPark.onPostgres(dir.resolve("bridge"), "bridge-a", broker.uri(), pg, BUILDINGS));
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);
        publish("gw-1", SignedBatches.reading(1, 1, 1));
        publish("gw-2", new EventBatch.Event(1, System.currentTimeMillis(), Priority.STATE, "port.status", "{\"port\":1}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> pg.count("SELECT COUNT(*) FROM event") == 2);

        try (Connection holder = pg.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM gateway WHERE id = 'gw-1' FOR UPDATE").close();
            }
            List<EventBatch.Event> drained = new ArrayList<>();
            for (long seq = 2; seq <= 101; seq++) {
                drained.add(SignedBatches.reading(seq, (int) (seq % 10) + 1, seq));
            }
            publish("gw-1", drained.toArray(EventBatch.Event[]::new));
            await().atMost(Duration.ofSeconds(20)).alias("the drain's group waiting for gw-1's row")
                    .until(() -> pg.count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);

            publish("gw-2", new EventBatch.Event(2, System.currentTimeMillis(), Priority.ALARM, "alarm.raised",
                    "{\"alarm\":{\"id\":\"pile-1/SMOKE/1\",\"kind\":\"SMOKE\",\"severity\":\"CRITICAL\",\"source\":\"pile-1\"}}"));
            await().atMost(Duration.ofSeconds(10)).alias("the fire alarm stored while the group waits")
                    .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2' AND type = 'alarm.raised'") == 1);
            assertThat(pg.count("SELECT confirmed_to FROM gateway WHERE id = 'gw-2'")).as("and confirmed to its gateway").isEqualTo(2);
            assertThat(pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'")).as("the group still waits").isEqualTo(1);
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).alias("the group, once the row is free")
                .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'") == 101);
        assertThat(pg.count("SELECT COUNT(*) FROM lost_range")).as("nothing lost").isZero();
    }

    /** One batch of these events from {@code gateway}, signed and published as the gateway does. */
    private void publish(String gateway, EventBatch.Event... events) throws Exception {
        SignedBatches.publish(broker.uri(), gateway + "-uplink", new Topics("huaqiao", gateway),
                List.of(EventBatch.of(new Topics("huaqiao", gateway), 1, 0, System.currentTimeMillis(), List.of(events))));
    }
}
