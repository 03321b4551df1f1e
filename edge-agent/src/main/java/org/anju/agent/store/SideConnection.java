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
 * not outbox events (charging sessions, the audit trail): the outbox's connection belongs to its
 * group-commit writer, and mixing other writes into those transactions would delay events.
 * Each piece of work runs in one transaction; a failure rolls it back and comes out as a reason.
 */
final class SideConnection implements AutoCloseable {
    /** Work on the connection; may throw SQLException, which becomes the failure's reason. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Work done, or why not. */
    sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {
        }

        record Failed<T>(String reason) implements Result<T> {
        }
    }

    private final GatewayDatabase database;
    private final ExecutorService thread;
    private Connection connection;

    SideConnection(GatewayDatabase database, String name) {
        this.database = database;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    <T> CompletableFuture<Result<T>> run(Work<T> work) {
        return run(work, value -> true);
    }

    /** Runs {@code work} in a transaction that is committed only if {@code keep} accepts its value. */
    <T> CompletableFuture<Result<T>> run(Work<T> work, java.util.function.Predicate<T> keep) {
        try {
            return CompletableFuture.supplyAsync(() -> inTransaction(work, keep), thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Result.Failed<>("the store is closed"));
        }
    }

    private <T> Result<T> inTransaction(Work<T> work, java.util.function.Predicate<T> keep) {
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                T value = work.run(c);
                if (keep.test(value)) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return new Result.Done<>(value);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                return new Result.Failed<>(e.getMessage());
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return new Result.Failed<>("cannot use " + database.file() + ": " + e.getMessage());
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.file());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
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
