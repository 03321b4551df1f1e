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
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.uplink.UplinkConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * On PostgreSQL a fire alarm is stored while the group of a drain being written waits, as it does
 * for seconds in a freshly started bridge or behind another instance's lock on a gateway: here
 * another connection holds one draining gateway's row, and an alarm from another building is
 * stored and confirmed all the same. Without an alarm writer of its own it would wait for the
 * whole group (the park bench's 1,000,000-event drain: alarm p99 over a second).
 *
 * <p>And one raised while the bridge is away (restarting, or starting a moment after the alarm)
 * reaches the park as the bridge returns, not after the backlog the broker queued for it: the
 * broker takes the alarm for the bridge's shared subscription behind another building's drain,
 * held here by that row; the bridge's live subscription hears the gateway's retained birth as it
 * starts and asks it for its unconfirmed alarms, the gateway (its real uplink) sends the alarm
 * again at once, and the live subscription stores it ahead of the drain. The gateway here would
 * not send it again for ten minutes of its own accord (its next resend after a long outage is up
 * to a minute away), so only the ask can bring it.
 *
 * <p>And another building's readings do not wait for that group either: the ingest has two
 * writers on PostgreSQL, each taking its own gateways (gw-1 and gw-2 go to different ones), so a
 * gateway whose row is held stops only the writer of its own gateways.
 */
@Tag("peer")
@Tag("wire")
class AlarmsBesideADrainOnPostgresTest {
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
    private ParkBridge park;

    @BeforeEach
    void peers() throws Exception {
        pg = closer.keep(PostgresServer.start());
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
    }

    /** Instance bridge-a of the park, its files in {@code dir/bridge} (the same each time: its sessions at the broker too), connected. */
    private ParkBridge bridge() throws Exception {
        ParkBridge bridge = closer.keep(TestPark.onPostgres(dir.resolve("bridge"), "bridge-a", broker.uri(), pg, BUILDINGS));
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);
        return bridge;
    }

    /** A transaction of another connection holding {@code gateway}'s row, as another instance's write would. */
    private Connection holdingTheRowOf(String gateway) throws Exception {
        Connection holder = pg.connect();
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.executeQuery("SELECT id FROM gateway WHERE id = '" + gateway + "' FOR UPDATE").close();
        }
        return holder;
    }

    /**
     * The bridge up, one event of each gateway stored ({@code gw2First} gw-2's), then another connection
     * holding gw-1's row while a group of gw-1's 100 readings waits for it; returns that connection.
     */
    private Connection aDrainOfGw1WaitingForItsRow(EventBatch.Event gw2First) throws Exception {
        park = bridge();
        publish("gw-1", SignedBatches.reading(1, 1, 1));
        publish("gw-2", gw2First);
        await().atMost(Duration.ofSeconds(20)).until(() -> pg.count("SELECT COUNT(*) FROM event") == 2);
        Connection holder = holdingTheRowOf("gw-1");
        List<EventBatch.Event> drained = new ArrayList<>();
        for (long seq = 2; seq <= 101; seq++) {
            drained.add(SignedBatches.reading(seq, (int) (seq % 10) + 1, seq));
        }
        publish("gw-1", drained.toArray(EventBatch.Event[]::new));
        await().atMost(Duration.ofSeconds(20)).alias("the drain's group waiting for gw-1's row")
                .until(() -> pg.count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0);
        return holder;
    }

    /** Once gw-1's row is free, its group is stored whole and nothing is recorded lost. */
    private void theDrainFollowsOnceTheRowIsFree() throws Exception {
        await().atMost(Duration.ofSeconds(20)).alias("the group, once the row is free")
                .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'") == 101);
        assertThat(pg.count("SELECT COUNT(*) FROM lost_range")).as("nothing lost").isZero();
    }

    @Test
    void aFireAlarmIsStoredWhileADrainsGroupWaitsForALockedGateway() throws Exception {
        try (Connection holder = aDrainOfGw1WaitingForItsRow(
                new EventBatch.Event(1, System.currentTimeMillis(), Priority.STATE, "port.status", "{\"port\":1}"))) {
            publish("gw-2", new EventBatch.Event(2, System.currentTimeMillis(), Priority.ALARM, "alarm.raised",
                    "{\"alarm\":{\"id\":\"pile-1/SMOKE/1\",\"kind\":\"SMOKE\",\"severity\":\"CRITICAL\",\"source\":\"pile-1\"}}"));
            await().atMost(Duration.ofSeconds(10)).alias("the fire alarm stored while the group waits")
                    .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2' AND type = 'alarm.raised'") == 1);
            assertThat(pg.count("SELECT confirmed_to FROM gateway WHERE id = 'gw-2'")).as("and confirmed to its gateway").isEqualTo(2);
            assertThat(pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'")).as("the group still waits").isEqualTo(1);
            holder.rollback();
        }
        theDrainFollowsOnceTheRowIsFree();
    }

    @Test
    void anotherBuildingsReadingsAreStoredWhileADrainsGroupWaitsForALockedGateway() throws Exception {
        try (Connection holder = aDrainOfGw1WaitingForItsRow(SignedBatches.reading(1, 1, 1))) {
            publish("gw-2", SignedBatches.reading(2, 2, 2), SignedBatches.reading(3, 3, 3));
            await().atMost(Duration.ofSeconds(10)).alias("gw-2's readings stored while gw-1's group waits")
                    .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2'") == 3);
            assertThat(pg.count("SELECT confirmed_to FROM gateway WHERE id = 'gw-2'")).as("and confirmed to its gateway").isEqualTo(3);
            assertThat(pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-1'")).as("the group still waits").isEqualTo(1);
            // what an operator sees: one writer on gw-1's group of 100 for a while, the other free
            JsonArray writers = new JsonObject(TestPark.call(park.port(), "GET", "/health", null, null).body())
                    .getJsonArray("storeWriters");
            assertThat(writers.stream().map(JsonObject.class::cast).filter(w -> !w.getString("writer").equals("alarms")))
                    .extracting(w -> w.getInteger("groupEvents")).containsExactlyInAnyOrder(100, 0);
            assertThat(writers.stream().map(JsonObject.class::cast).filter(w -> w.getInteger("groupEvents") == 100))
                    .allSatisfy(w -> assertThat(w.getLong("writingMillis")).isPositive());
            holder.rollback();
        }
        theDrainFollowsOnceTheRowIsFree();
    }

    @Test
    void aFireAlarmRaisedWhileTheBridgeIsAwayIsStoredAheadOfTheBacklogQueuedForIt() throws Exception {
        ParkBridge first = bridge();
        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        outbox.append(Priority.STATE, "port.status", "{\"port\":1}");
        Duration never = Duration.ofMinutes(10);
        GatewayUplink gateway = closer.keep(Uplinks.builder(Uplinks.config(broker.uri(), GW2)
                        .withDelivery(new UplinkConfig.Delivery(never, never, Duration.ofSeconds(1), never))).outbox(outbox)
                .sessions(Uplinks.sessions()).start());
        publish("gw-1", SignedBatches.reading(1, 1, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> pg.count("SELECT COUNT(*) FROM event") == 2
                && outbox.unacknowledgedCount() == 0);

        try (Connection holder = holdingTheRowOf("gw-1")) {
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

            ParkBridge again = bridge();
            long connected = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).alias("the alarm stored and confirmed to its gateway")
                    .until(() -> pg.count("SELECT COUNT(*) FROM event WHERE gateway = 'gw-2' AND type = 'alarm.raised'") == 1
                            && outbox.unacknowledgedCount() == 0);
            System.out.printf("alarm raised while the bridge was away: stored and confirmed %d ms after the bridge connected%n",
                    (System.nanoTime() - connected) / 1_000_000);
            assertThat(gateway.status().eventsResent()).as("sent again once, when the park asked").isEqualTo(1);
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

    /** One batch of these events from {@code gateway}, signed and published as the gateway does. */
    private void publish(String gateway, EventBatch.Event... events) throws Exception {
        SignedBatches.publish(broker.uri(), gateway + "-uplink", new Topics("huaqiao", gateway),
                List.of(EventBatch.of(new Topics("huaqiao", gateway), 1, 0, System.currentTimeMillis(), List.of(events))));
    }
}
