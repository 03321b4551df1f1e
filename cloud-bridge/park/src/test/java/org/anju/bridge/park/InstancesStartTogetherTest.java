package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.TestPark;

/**
 * Two instances of one park started at the same moment on an empty PostgreSQL, five times over
 * (a new database each time): both come up, and the schema is made once. Before the migration
 * took its lock first, one of the two exited on a duplicate key in {@code pg_type} every time.
 */
@Tag("peer")
@Tag("wire")
class InstancesStartTogetherTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void twoInstancesOnAnEmptyDatabaseBothComeUpFiveTimesOutOfFive() throws Exception {
        PostgresServer pg = closer.keep(PostgresServer.start());
        String keys = TestPark.keys(dir);
        Path password = pg.passwordFile(dir);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                String url = pg.createDatabase("fresh_" + round);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<ParkBridge.Start>> starts = new ArrayList<>();
                for (String instance : List.of("bridge-a", "bridge-b")) {
                    Path yaml = Files.writeString(dir.resolve(instance + "-" + round + ".yaml"), """
                            park: p1
                            instance: %s
                            broker: {uri: "tcp://127.0.0.1:1"}
                            store: {postgres: {url: "%s", user: %s, passwordFile: %s}}
                            http: {port: 0}
                            %sbuildings: [{id: b1, gateway: gw-1}]
                            """.formatted(instance, url, pg.user(), password.getFileName(), keys));
                    var loaded = (ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(yaml);
                    starts.add(starters.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return ParkBridge.start(loaded.config(), Clock.systemUTC(), 10_000);
                    }));
                }
                List<ParkBridge.Start> results = new ArrayList<>();
                for (Future<ParkBridge.Start> start : starts) {
                    results.add(start.get(60, TimeUnit.SECONDS));
                }
                results.forEach(s -> {
                    if (s instanceof ParkBridge.Start.Started started) {
                        started.bridge().close();
                    }
                });
                int r = round;
                assertThat(results).as("round %d", r).allSatisfy(s -> assertThat(s).isInstanceOf(ParkBridge.Start.Started.class));
                try (var c = DriverManager.getConnection(url, pg.user(), Files.readString(password).strip());
                     var rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT step), MAX(step) FROM schema_step")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("round %d: each step once", round).isEqualTo(rs.getLong(2))
                            .isEqualTo(rs.getLong(3));
                }
            }
        } finally {
            starters.shutdownNow();
        }
    }
}
