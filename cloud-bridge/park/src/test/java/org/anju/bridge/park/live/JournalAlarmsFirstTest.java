package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.ParkDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * One instance on SQLite: while the store's general lane is busy (a drain's births and roster
 * states), a thousand doors' news and then a fire alarm reach the live feed; the alarm is numbered
 * in the consoles' journal ahead of the doors that came before it, except the one already on its
 * way when the lane was busy. An alarm raised a moment ago does not wait for its number at all.
 */
class JournalAlarmsFirstTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private Path file;
    private ParkDatabase db;
    private LiveFeed feed;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        file = dir.resolve("park.db");
        db = ((ParkDatabase.Opened.Ok) ParkDatabase.open(new ParkConfig.Store.Sqlite(file), "a")).database();
        feed = new LiveFeed(vertx, db);
    }

    @AfterEach
    void close() {
        db.close();
        vertx.close().await();
    }

    @Test
    void anAlarmGoesAheadOfTheDoorsWaitingForTheJournal() throws Exception {
        Held births = new Held(db);
        for (int i = 0; i < 1000; i++) {
            feed.publish("door", new JsonObject().put("gateway", "gw-1").put("type", "door.opened").put("seq", i));
        }
        feed.publish("alarm", new JsonObject().put("gateway", "gw-1").put("type", "alarm.raised").put("seq", 1000));
        births.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> "1001".equals(value(file, "SELECT COUNT(*) FROM live_news")));
        assertThat(value(file, "SELECT message FROM live_news ORDER BY id LIMIT 1 OFFSET 1")).contains("\"kind\":\"alarm\"");
    }

    @Test
    void aRecentAlarmIsShownAtOnceWhileOldOnesWaitForTheirNumbersAndAgainInItsPlace() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        vertx.eventBus().<String>consumer(LiveFeed.ADDRESS, m -> console.addAll(LiveFeed.texts(m.body()))).completion().await();
        Held held = new Held(db);
        long now = System.currentTimeMillis();
        // a park's drain: the outage's alarms, an hour old, then a smoke alarm raised now
        for (int i = 0; i < 100; i++) {
            feed.publish("alarm", alarm("gw-" + i, i, now - 3_600_000));
        }
        feed.publish("alarm", alarm("gw-7", 100, now));
        await().atMost(Duration.ofSeconds(10)).until(() -> !console.isEmpty());
        assertThat(console).as("the store still busy: only the recent alarm, unnumbered").hasSize(1);
        assertThat(console.get(0)).startsWith("event: alarm\n").contains("\"seq\":100");
        held.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> console.size() == 102);
        List<Long> ids = console.stream().skip(1).map(LiveFeed::idOf).toList();
        assertThat(ids).as("every alarm numbered, in the order published").isEqualTo(LongStream.rangeClosed(1, 101).boxed().toList());
        assertThat(console.get(101)).as("the recent one again, in its place").startsWith("id: 101\n").contains("\"seq\":100");
    }

    @Test
    void aMessageTheConsolesCannotBeShownHoldsNothingBehindIt() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        vertx.eventBus().<String>consumer(LiveFeed.ADDRESS, m -> console.addAll(LiveFeed.texts(m.body()))).completion().await();
        feed.showAlarmsAs(m -> {
            if ("gw-odd".equals(m.getJsonObject("data").getString("gateway"))) {
                throw new ClassCastException("a view that cannot read it");
            }
            return m;
        });
        long old = System.currentTimeMillis() - 3_600_000;   // not shown ahead: only through the journal
        feed.publish("alarm", alarm("gw-odd", 1, old));
        feed.publish("alarm", alarm("gw-7", 2, old));
        feed.publish("door", new JsonObject().put("gateway", "gw-7").put("type", "door.opened").put("seq", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> console.size() == 2);
        assertThat(console.get(0)).startsWith("id: 2\nevent: alarm\n").contains("gw-7");
        assertThat(console.get(1)).startsWith("id: 3\nevent: door\n");
        assertThat(feed.unshowable()).isEqualTo(1);
    }

    /** The store's general lane held by one unit of work, as a drain's births and roster states hold it, until released. */
    private static final class Held {
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<?> unit;

        Held(ParkDatabase db) throws InterruptedException {
            CountDownLatch busy = new CountDownLatch(1);
            unit = db.run(c -> {
                busy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void release() throws Exception {
            release.countDown();
            unit.get(30, TimeUnit.SECONDS);
        }
    }

    private static JsonObject alarm(String gateway, long seq, long ts) {
        return new JsonObject().put("gateway", gateway).put("type", "alarm.raised").put("seq", seq).put("ts", ts)
                .put("payload", new JsonObject().put("alarm", new JsonObject().put("id", "pile-1/SMOKE/" + seq).put("kind", "SMOKE")));
    }

    private static String value(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
