package org.anju.bridge.park.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.park.config.ParkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's general lane takes urgent work (numbering a fire alarm for the consoles) ahead of the
 * work waiting there (a drain's births and roster states), after what is running, and each kind in
 * the order it came; on a real SQLite file.
 */
class UrgentGeneralWorkTest {
    @TempDir
    Path dir;

    @Test
    void urgentWorkGoesAheadOfWhatWaitsAndAfterWhatRuns() throws Exception {
        try (ParkDatabase db = ((ParkDatabase.Opened.Ok) ParkDatabase.open(new ParkConfig.Store.Sqlite(dir.resolve("park.db")),
                "test")).database()) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<?> first = db.run(c -> {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.add("running");
                return null;
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<?> birth = db.run(c -> ran.add("birth"));
            CompletableFuture<?> roster = db.run(c -> ran.add("roster"));
            CompletableFuture<?> raised = db.runUrgent(c -> ran.add("alarm raised"));
            CompletableFuture<?> cleared = db.runUrgent(c -> ran.add("alarm cleared"));
            release.countDown();
            CompletableFuture.allOf(first, birth, roster, raised, cleared).get(30, TimeUnit.SECONDS);
            assertThat(ran).containsExactly("running", "alarm raised", "alarm cleared", "birth", "roster");
        }
    }
}
