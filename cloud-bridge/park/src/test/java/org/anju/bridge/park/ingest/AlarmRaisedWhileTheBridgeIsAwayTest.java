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
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.contract.Priority;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fire alarm raised while the park's bridge is away (restarting, or starting a moment after the
 * alarm) reaches the park in seconds, not after the backlog the broker queued for it: the broker
 * takes the alarm for the bridge's shared subscription, behind another building's drain, whose
 * group here waits on a row another connection holds; the gateway (its real uplink) sends the
 * unconfirmed alarm again within seconds, and the bridge's live subscription stores it ahead of
 * the drain. Before, the gateway sent it again after a minute.
 */
@Tag("peer")
@Tag("wire")
class AlarmRaisedWhileTheBridgeIsAwayTest {
    private static final String BUILDINGS = "[{id: b1, gateway: gw-1, gatewayKeyFile: gateway.pub.pem},"
            + " {id: b2, gateway: gw-2, gatewayKeyFile: gateway.pub.pem}]";
    private static final Topics GW2 = new Topics("huaqiao", "gw-2");
    private static final int BACKLOG = 300;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private PostgresServer pg;
    private MosquittoBroker broker;

    @Test
    void aFireAlarmRaisedWhileTheBridgeIsAwayIsStoredAheadOfTheBacklogQueuedForIt() throws Exception {
        pg = closer.keep(PostgresServer.start());
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge first = TestPark.onPostgres(dir.resolve("bridge"), "bridge-a", broker.uri(), pg, BUILDINGS);
        await().atMost(Duration.ofSeconds(30)).until(first::brokerConnected);
        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        outbox.append(Priority.STATE, "port.status", "{\"port\":1}");
        GatewayUplink gateway = closer.keep(Uplinks.builder(Uplinks.config(broker.uri(), GW2)).outbox(outbox)
                .sessions(Uplinks.sessions()).start());
        SignedBatches.publish(broker.uri(), "gw-1-uplink", new Topics("huaqiao", "gw-1"), List.of(EventBatch.of(
                new Topics("huaqiao", "gw-1"), 1, 0, System.currentTimeMillis(), List.of(SignedBatches.reading(1, 1, 1)))));
        await().atMost(Duration.ofSeconds(20)).until(() -> pg.count("SELECT COUNT(*) FROM event") == 2
                && outbox.unacknowledgedCount() == 0);

        try (Connection holder = pg.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM gateway WHERE id = 'gw-1' FOR UPDATE").close();
            }
            first.close(); // its shared subscription's session stays at the broker, and collects what comes
            // more batches than the bridge takes unacknowledged (broker.receiveMaximum, 128): the alarm's copy
            // for the shared subscription stays at the broker until the row is free
            Topics gw1 = new Topics("huaqiao", "gw-1");
            List<EventBatch> backlog = new ArrayList<>();
            for (long seq = 2; seq <= BACKLOG + 1; seq++) {
                backlog.add(EventBatch.of(gw1, 1, 0, System.currentTimeMillis(),
                        List.of(SignedBatches.reading(seq, (int) (seq % 10) + 1, seq))));
            }
            SignedBatches.publish(broker.uri(), "gw-1-uplink", gw1, backlog);
            long before = gateway.status().eventsPublished();
            outbox.append(Priority.ALARM, "alarm.raised",
                    "{\"alarm\":{\"id\":\"pile-1/SMOKE/1\",\"kind\":\"SMOKE\",\"severity\":\"CRITICAL\",\"source\":\"pile-1\"}}");
            gateway.wake(Priority.ALARM);
            await().atMost(Duration.ofSeconds(10)).alias("the broker took the alarm while the bridge was away")
                    .until(() -> gateway.status().eventsPublished() > before && gateway.status().unconfirmedEvents() == 1);

            ParkBridge again = closer.keep(TestPark.onPostgres(dir.resolve("bridge"), "bridge-a", broker.uri(), pg, BUILDINGS));
            await().atMost(Duration.ofSeconds(30)).alias("the alarm stored and confirmed to its gateway")
                    .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2' AND type = 'alarm.raised'") == 1
                            && outbox.unacknowledgedCount() == 0);
            assertThat(pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'"))
                    .as("the backlog queued ahead of the alarm still waits: the alarm came another way").isEqualTo(1);
            assertThat(again.brokerConnected()).isTrue();
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).alias("the backlog, once the row is free")
                .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'") == BACKLOG + 1);
        assertThat(pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2'")).as("each of gw-2's events once").isEqualTo(2);
        assertThat(pg.count("SELECT COUNT(*) FROM lost_range")).as("nothing lost").isZero();
    }
}
