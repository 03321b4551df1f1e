package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.testing.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * On a real PostgreSQL, a fire alarm that reaches the fan-out behind a thousand gateways' births
 * (a park coming back after an outage) is numbered and sent ahead of them: the consoles' news
 * journal gives it the first number. The fan-out connects as a role that does not exist yet, so
 * everything is queued before its first round.
 */
@Tag("peer")
class FanoutAlarmsFirstTest {
    @TempDir
    Path dir;

    @Test
    void aFireAlarmQueuedBehindAThousandBirthsIsNumberedFirst() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            server.createParkSchema(dir);
            try (PostgresFanout fanout = new PostgresFanout(new PostgresFanout.Target(server.jdbcUrl(), "fanout_later",
                    "fanout secret"), "a", message -> { })) {
                for (int i = 0; i < 1000; i++) {
                    fanout.send(new JsonObject().put("kind", "gateway").put("data", new JsonObject().put("gateway", "gw-" + i)
                            .put("online", true)));
                }
                fanout.send(new JsonObject().put("kind", "alarm").put("data", new JsonObject().put("gateway", "gw-7")
                        .put("type", "alarm.raised").put("payload", new JsonObject().put("kind", "SMOKE"))));
                try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.fanoutTarget(dir).password());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE fanout_later LOGIN PASSWORD 'fanout secret'");
                    s.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO fanout_later");
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> "1001".equals(server.value("SELECT COUNT(*) FROM live_news")));
                assertThat(server.value("SELECT message FROM live_news ORDER BY id LIMIT 1")).contains("\"kind\":\"alarm\"");
                assertThat(server.value("SELECT message FROM live_news ORDER BY id DESC LIMIT 1")).contains("\"kind\":\"gateway\"");
            }
        }
    }

    /**
     * Two instances on one PostgreSQL: instance A stores three thousand alarms of an outage and then
     * one raised a moment ago; the console at B is shown the recent one before the last of the old
     * ones, and again in its place, numbered, with every number once and in order.
     */
    @Test
    void aRecentAlarmReachesAnotherInstancesConsoleAheadOfAnOutagesAlarms() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (PostgresServer server = PostgresServer.start()) {
            var store = server.parkStore(dir);
            var target = server.fanoutTarget(dir);
            try (ParkDatabase dbA = ((ParkDatabase.Opened.Ok) ParkDatabase.open(store, "a")).database();
                 ParkDatabase dbB = ((ParkDatabase.Opened.Ok) ParkDatabase.open(store, "b")).database()) {
                // two instances, each its own event bus, as two bridges
                Vertx vertxB = Vertx.vertx();
                try {
                    LiveFeed a = new LiveFeed(vertx, dbA);
                    LiveFeed b = new LiveFeed(vertxB, dbB);
                    a.fanOut(new PostgresFanout(target, "a", a::heard));
                    b.fanOut(new PostgresFanout(target, "b", b::heard));
                    List<String> console = new CopyOnWriteArrayList<>();
                    vertxB.eventBus().<String>consumer(LiveFeed.ADDRESS, m -> console.addAll(LiveFeed.texts(m.body())))
                            .completion().await();
                    vertxB.eventBus().send(LiveFeed.LISTENERS, 1);
                    await().atMost(Duration.ofSeconds(30)).until(a::listening);   // A heard that B has a console
                    long now = System.currentTimeMillis();
                    for (int i = 0; i < 3000; i++) {
                        a.publish("alarm", alarm("gw-" + i % 500, i, now - 3_600_000));
                    }
                    a.publish("alarm", alarm("gw-7", 3000, now));
                    await().atMost(Duration.ofSeconds(60)).until(() -> console.size() == 3002);
                    int ahead = indexOf(console, "\"seq\":3000", false);
                    int lastOld = indexOf(console, "\"seq\":2999", true);
                    assertThat(ahead).as("the recent alarm, unnumbered, before the outage's last").isLessThan(lastOld);
                    List<Long> ids = console.stream().map(LiveFeed::idOf).filter(id -> id >= 0).toList();
                    assertThat(ids).as("every alarm numbered once, in order").isEqualTo(LongStream.rangeClosed(1, 3001).boxed().toList());
                    assertThat(console.get(indexOf(console, "\"seq\":3000", true))).startsWith("id: 3001\n");
                    a.close();
                    b.close();
                } finally {
                    vertxB.close().await();
                }
            }
        } finally {
            vertx.close().await();
        }
    }

    private static JsonObject alarm(String gateway, long seq, long ts) {
        return new JsonObject().put("gateway", gateway).put("type", "alarm.raised").put("seq", seq).put("ts", ts)
                .put("payload", new JsonObject().put("alarm", new JsonObject().put("id", "pile-1/SMOKE/" + seq).put("kind", "SMOKE")));
    }

    /** Where the console was sent the event holding {@code part}, numbered or not. */
    private static int indexOf(List<String> console, String part, boolean numbered) {
        for (int i = 0; i < console.size(); i++) {
            if (console.get(i).contains(part) && (LiveFeed.idOf(console.get(i)) >= 0) == numbered) {
                return i;
            }
        }
        throw new AssertionError("never sent: " + part + (numbered ? " numbered" : " unnumbered"));
    }
}
