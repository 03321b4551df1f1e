package org.anju.agent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.anju.agent.store.AppendResult;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;

/**
 * {@code anju bench store}: durable appends through the outbox (group commit, every append
 * awaited by its caller) next to the floors measured on the same disk in the same run: a bare
 * SQLite loop with one commit per row (what an outbox without group commit costs) and a bare
 * SQLite batch insert in one transaction (the best the disk and SQLite allow).
 */
public final class StoreBenchmark {
    private static final int ROUNDS = 3;
    private static final String PAYLOAD = "{\"door\":\"entrance-1\",\"result\":\"granted\",\"credential\":\"card\"}";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "anju-bench");
        System.out.printf("store benchmark: %d events, %d producer threads, disk of %s%n", events, producers, dir);

        int perRow = Math.min(events, 500);
        double rowCommits = bareLoop(dir.resolve("bare-row.db"), perRow, 1);
        System.out.printf("  floor  bare SQLite, one commit per row:     %10.0f rows/s  (%d rows)%n", rowCommits, perRow);
        double[] batch = new double[ROUNDS];
        double[] awaited = new double[ROUNDS];
        double[] burst = new double[ROUNDS];
        appends(dir.resolve("warm.db"), events, producers); // JIT and page cache
        for (int r = 0; r < ROUNDS; r++) {
            batch[r] = bareLoop(dir.resolve("bare-batch-" + r + ".db"), events, events);
            double[] outbox = appends(dir.resolve("outbox-" + r + ".db"), events, producers);
            awaited[r] = outbox[0];
            burst[r] = outbox[1];
        }
        Samples floor = Samples.of(batch);
        System.out.printf("  floor  bare SQLite, one batch transaction:  %10.0f rows/s%n", floor.median());
        System.out.printf("  anju   outbox, each append awaited:       %10.0f events/s  (%d producers)%n",
                Samples.of(awaited).median(), producers);
        System.out.printf("  anju   outbox, a burst of %d at once:   %10.0f events/s%n", events, Samples.of(burst).median());
        new BenchReport("store")
                .add("append.awaited", "events/s", BenchReport.Better.HIGHER, Samples.of(awaited), floor,
                        "bare SQLite batch insert in one transaction, same disk")
                .add("append.burst", "events/s", BenchReport.Better.HIGHER, Samples.of(burst), floor,
                        "bare SQLite batch insert in one transaction, same disk")
                .finish();
    }

    /** Durable appends per second: each awaited by one of {@code producers} threads, then a burst at once. */
    private static double[] appends(Path file, int events, int producers) throws Exception {
        OpenResult r = GatewayDatabase.open(file);
        if (!(r instanceof OpenResult.Opened opened)) {
            throw new IllegalStateException(((OpenResult.Failed) r).reason());
        }
        try (GatewayDatabase db = opened.database(); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            long start = System.nanoTime();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int share = events / producers;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < share; i++) {
                        AppendResult result = outbox.append(new OutboxEvent.New(Priority.ACCESS, "door.access", PAYLOAD)).join();
                        if (!(result instanceof AppendResult.Stored)) {
                            throw new IllegalStateException(result.toString());
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            double awaited = events / producers * producers / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();

            start = System.nanoTime();
            List<CompletableFuture<AppendResult>> burst = new ArrayList<>(events);
            for (int i = 0; i < events; i++) {
                burst.add(outbox.append(new OutboxEvent.New(Priority.TELEMETRY, "port.reading", PAYLOAD)));
            }
            burst.forEach(CompletableFuture::join);
            return new double[] {awaited, events / ((System.nanoTime() - start) / 1e9)};
        }
    }

    private static double bareLoop(Path file, int rows, int perTransaction) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER, payload TEXT)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (ts, payload) VALUES (?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setLong(1, System.currentTimeMillis());
                    ps.setString(2, PAYLOAD);
                    ps.executeUpdate();
                    if (i % perTransaction == 0) {
                        c.commit();
                    }
                }
                c.commit();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }
}
