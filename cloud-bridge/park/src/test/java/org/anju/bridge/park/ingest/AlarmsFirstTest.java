package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.ConsoleFeed;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;

/**
 * A fire alarm and a tenant at a door, in another building, while a telemetry backlog waits at
 * Debian's Mosquitto: both are stored and shown on the console ahead of the backlog. The store is
 * held (another process's write lock on the park's SQLite file) while the backlog is published and
 * the alarm comes, so what overtakes what is decided by the bridge, not by how fast it runs: once
 * the lock goes, the alarm is stored after at most the readings the bridge held (its bound), and
 * the console sees the alarm and the door before the backlog's last readings.
 */
@Tag("peer")
@Tag("wire")
class AlarmsFirstTest {
    private static final Topics BACKLOG = new Topics("huaqiao", "gw-b07");
    private static final Topics FIRE = new Topics("huaqiao", "gw-b08");
    private static final int BOUND = 8;
    private static final int BATCHES = 200;
    private static final int EVENTS_PER_BATCH = 20;
    private static final int PORTS = 10;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void anAlarmAndADoorOvertakeATelemetryBacklog() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge bridge = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\", receiveMaximum: " + BOUND,
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}, {id: b08, gateway: gw-b08, gatewayKeyFile: gw-b07.pub.pem}]"));
        await().atMost(Duration.ofSeconds(20)).until(bridge::brokerConnected);
        ConsoleFeed console = closer.keep(ConsoleFeed.open(bridge.port()));

        Map<Integer, Long> lastEnergy = new HashMap<>();
        List<EventBatch> backlog = SignedBatches.readings(BACKLOG, 0, BATCHES, EVENTS_PER_BATCH, PORTS, lastEnergy);
        long total = (long) BATCHES * EVENTS_PER_BATCH;
        long storedWhileHeld;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park/park.db"));
             Statement s = lock.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // the bridge's store waits for this lock; the broker keeps what the bridge cannot hold
            SignedBatches.publish(broker.uri(), "gw-b07", BACKLOG, backlog);
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.bulkConnection().unacknowledged() == BOUND);
            SignedBatches.publish(broker.uri(), "gw-b08", FIRE, List.of(
                    EventBatch.of(FIRE, 1, 0, 3_000, List.of(new EventBatch.Event(1, 3_000, Priority.ALARM, "alarm.raised",
                            "{\"alarm\":{\"id\":\"smoke-1\",\"kind\":\"SMOKE\",\"severity\":\"CRITICAL\",\"source\":\"pile-3\","
                                    + "\"detail\":\"smoke at pile-3\"}}"))),
                    EventBatch.of(FIRE, 1, 0, 3_001, List.of(new EventBatch.Event(2, 3_001, Priority.ACCESS, "door.access_granted",
                            "{\"door\":\"entrance\",\"via\":\"phone\"}")))));
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.ingest().waiting().get("alarm") == 1
                    && bridge.ingest().waiting().get("events") == 1);
            storedWhileHeld = bridge.ingest().storedEvents();
            s.execute("COMMIT");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> bridge.ingest().storedEvents() == total + 2
                && bridge.ingest().duplicateEvents() == 2); // the shared subscription's copies, after the backlog

        assertThat(storedWhileHeld).as("nothing was stored while the lock was held").isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park/park.db"))) {
            for (long fireSeq : new long[] {1, 2}) {
                assertThat(readingsStoredBefore(c, fireSeq)).as("readings stored before gw-b08's event %d", fireSeq)
                        .isLessThanOrEqualTo((long) BOUND * EVENTS_PER_BATCH);
            }
        }
        assertThat(bridge.ingest().dropped()).isEmpty();

        // the console: each port's latest reading always arrives (thinned to one a second), after the alarm and the door
        await().atMost(Duration.ofSeconds(20)).until(() -> lastEnergy.entrySet().stream()
                .allMatch(last -> indexOf(console.events(), "port", "gw-b07", e -> e.getJsonObject("payload").getInteger("port")
                        .equals(last.getKey()) && e.getJsonObject("payload").getLong("energyWh").equals(last.getValue())) >= 0));
        List<ConsoleFeed.Event> seen = console.events();
        int alarm = indexOf(seen, "alarm", "gw-b08", e -> e.getJsonObject("payload").getJsonObject("alarm").getString("id")
                .equals("smoke-1"));
        int door = indexOf(seen, "door", "gw-b08", e -> e.getString("type").equals("door.access_granted"));
        assertThat(alarm).as("the console was sent the alarm").isNotNegative();
        assertThat(door).as("the console was sent the door").isNotNegative();
        lastEnergy.forEach((port, energy) -> assertThat(indexOf(seen, "port", "gw-b07", e -> e.getJsonObject("payload")
                .getLong("energyWh").equals(energy))).as("port %d's last reading, after the alarm and the door", port)
                .isGreaterThan(alarm).isGreaterThan(door));
        assertThat(seen.stream().filter(e -> e.kind().equals("port")).count())
                .as("a console is sent a port's readings at most once a second, not every reading").isLessThan(total / 10);
    }

    /**
     * Door events of the last seconds fill the live connection's places while the store is held
     * (each waits there until stored); a fire alarm that comes then still takes the live way, its
     * own places, and waits in the store's alarm lane, not in the bulk subscription behind them.
     */
    @Test
    void doorsFillingTheLiveWayDoNotSendAnAlarmBehindThem() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge bridge = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\", receiveMaximum: "
                + BOUND, "[{id: b08, gateway: gw-b08, gatewayKeyFile: gw-b07.pub.pem}, {id: b09, gateway: gw-b09,"
                + " gatewayKeyFile: gw-b07.pub.pem}]"));
        await().atMost(Duration.ofSeconds(20)).until(bridge::brokerConnected);
        Topics doors = new Topics("huaqiao", "gw-b09");
        int doorBatches = 3 * BOUND;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park/park.db"));
             Statement s = lock.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            List<EventBatch> entrance = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 1; i <= doorBatches; i++) {
                entrance.add(EventBatch.of(doors, 1, 0, now, List.of(new EventBatch.Event(i, now - 1_000, Priority.ACCESS,
                        "door.access_granted", "{\"door\":\"entrance\",\"via\":\"card\"}"))));
            }
            SignedBatches.publish(broker.uri(), "gw-b09", doors, entrance);
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.ingest().liveWayFull() > 0);
            SignedBatches.publish(broker.uri(), "gw-b08", FIRE, List.of(EventBatch.of(FIRE, 1, 0, 3_000, List.of(
                    new EventBatch.Event(1, 3_000, Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"smoke-1\","
                            + "\"kind\":\"SMOKE\",\"severity\":\"CRITICAL\",\"source\":\"pile-3\",\"detail\":\"smoke\"}}")))));
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.ingest().waiting().get("alarm") == 1);
            s.execute("COMMIT");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> bridge.ingest().storedEvents() == doorBatches + 1);
        assertThat(bridge.ingest().dropped()).isEmpty();
    }

    /** Readings of the backlog stored (SQLite's rowid: the order rows were written) before gw-b08's event {@code seq}. */
    private static long readingsStoredBefore(Connection c, long seq) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM event WHERE gateway = 'gw-b07' AND rowid < "
                     + "(SELECT rowid FROM event WHERE gateway = 'gw-b08' AND seq = " + seq + ")")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static int indexOf(List<ConsoleFeed.Event> events, String kind, String gateway,
                               java.util.function.Predicate<io.vertx.core.json.JsonObject> data) {
        for (int i = 0; i < events.size(); i++) {
            ConsoleFeed.Event e = events.get(i);
            if (e.kind().equals(kind) && gateway.equals(e.data().getString("gateway")) && data.test(e.data())) {
                return i;
            }
        }
        return -1;
    }
}
