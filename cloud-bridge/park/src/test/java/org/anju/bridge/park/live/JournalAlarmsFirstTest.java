package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.ParkDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * One instance on SQLite: while the store's general lane is busy (a drain's births and roster
 * states), a thousand doors' news and then a fire alarm reach the live feed; the alarm is numbered
 * in the consoles' journal ahead of the doors that came before it, except the one already on its
 * way when the lane was busy.
 */
class JournalAlarmsFirstTest {
    @TempDir
    Path dir;

    @Test
    void anAlarmGoesAheadOfTheDoorsWaitingForTheJournal() throws Exception {
        Vertx vertx = Vertx.vertx();
        Path file = dir.resolve("park.db");
        try (ParkDatabase db = ((ParkDatabase.Opened.Ok) ParkDatabase.open(new ParkConfig.Store.Sqlite(file), "a")).database()) {
            LiveFeed feed = new LiveFeed(vertx, db);
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<?> births = db.run(c -> {
                busy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 1000; i++) {
                feed.publish("door", new JsonObject().put("gateway", "gw-1").put("type", "door.opened").put("seq", i));
            }
            feed.publish("alarm", new JsonObject().put("gateway", "gw-1").put("type", "alarm.raised").put("seq", 1000));
            release.countDown();
            births.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> "1001".equals(value(file, "SELECT COUNT(*) FROM live_news")));
            assertThat(value(file, "SELECT message FROM live_news ORDER BY id LIMIT 1 OFFSET 1")).contains("\"kind\":\"alarm\"");
        } finally {
            vertx.close().await();
        }
    }

    private static String value(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
