package org.anju.agent.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A second connection to the gateway's database with a thread of its own, for records that are
 * not outbox events (the roster, charging sessions, the audit trail): the outbox's connection
 * belongs to its group-commit writer, and mixing other writes into those transactions would delay
 * events. Each piece of work runs in one transaction; a failure rolls it back and comes out as a
 * reason.
 *
 * <p>Work that may write takes its turn among the file's writers ({@link GatewayDatabase#writeTurns()})
 * and begins {@code BEGIN IMMEDIATE}: it takes the write lock first, waiting out another process's
 * for up to {@code busy_timeout}. Begun deferred, work that reads before
 * it writes (a roster delta checks the version it starts from) holds a WAL snapshot; if the outbox
 * commits before the first write, SQLite cannot upgrade that snapshot and answers SQLITE_BUSY at
 * once, without waiting: a roster write then failed whenever events were being written. The
 * transactions are begun and ended with SQL, so the driver's auto-commit machinery (which begins a
 * new transaction right after each commit) never holds the lock between them.
 */
public final class SideConnection implements AutoCloseable {
    /** Work on the connection; may throw SQLException, which becomes the failure's reason. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Work done, or why not. */
    public sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {
        }

        record Failed<T>(String reason) implements Result<T> {
        }
    }

    /** How long a write waits for its turn and the file's lock (the outbox's commits take milliseconds). */
    static final int BUSY_TIMEOUT_MS = 5000;
    private static final String LOCKED = "the database stayed locked by another writer for over " + BUSY_TIMEOUT_MS / 1000 + " s";

    private final GatewayDatabase database;
    private final ExecutorService thread;
    private Connection connection;

    public SideConnection(GatewayDatabase database, String name) {
        this.database = database;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work}, which may write, in one transaction that holds the write lock from its start. */
    public <T> CompletableFuture<Result<T>> run(Work<T> work) {
        return run(work, value -> true);
    }

    /** As {@link #run(Work)}, committed only if {@code keep} accepts the work's value. */
    public <T> CompletableFuture<Result<T>> run(Work<T> work, java.util.function.Predicate<T> keep) {
        return submit(() -> inTransaction("BEGIN IMMEDIATE", work, keep));
    }

    /** Runs {@code work}, which only reads, on one consistent snapshot; it never waits for writers. */
    public <T> CompletableFuture<Result<T>> read(Work<T> work) {
        return submit(() -> inTransaction("BEGIN", work, value -> false));
    }

    private <T> CompletableFuture<Result<T>> submit(java.util.function.Supplier<Result<T>> job) {
        try {
            return CompletableFuture.supplyAsync(job, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Result.Failed<>("the store is closed"));
        }
    }

    private <T> Result<T> inTransaction(String begin, Work<T> work, java.util.function.Predicate<T> keep) {
        boolean writes = !begin.equals("BEGIN");
        // a write waits BUSY_TIMEOUT_MS in all, for its turn and for the file's lock together: while
        // another process holds the file, the outbox ahead of it may wait that long too, and the
        // park is owed an answer within its deadline, not after everyone's
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(BUSY_TIMEOUT_MS);
        try {
            if (writes && !database.writeTurns().tryLock(BUSY_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return new Result.Failed<>(LOCKED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed<>("interrupted while waiting for the database");
        }
        try {
            Connection c;
            try {
                c = connection();
                if (writes) {
                    execute(c, "PRAGMA busy_timeout = " + Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
                }
                execute(c, begin);
            } catch (SQLException e) {
                return new Result.Failed<>(busy(e) ? LOCKED : "cannot use " + database.file() + ": " + e.getMessage());
            }
            try {
                T value = work.run(c);
                execute(c, keep.test(value) ? "COMMIT" : "ROLLBACK");
                return new Result.Done<>(value);
            } catch (SQLException | RuntimeException e) {
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException ignored) {
                    // a failed COMMIT may have ended the transaction already
                }
                return new Result.Failed<>(e.getMessage());
            }
        } finally {
            if (writes) {
                database.writeTurns().unlock();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean busy(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY");
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.file());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            connection = c;
        }
        return connection;
    }

    @Override
    public void close() {
        thread.execute(() -> {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing
                }
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
