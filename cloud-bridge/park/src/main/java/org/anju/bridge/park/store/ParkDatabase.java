package org.anju.bridge.park.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.anju.bridge.park.config.ParkConfig;

/**
 * The park's database: SQLite (a file, WAL) for one bridge instance, PostgreSQL when several share
 * the load. One schema for both ({@link ParkSchema}), written in the SQL they share. Every call
 * runs on this store's own thread with its one connection, in order, and completes a future: no
 * JDBC ever runs on an event loop. Each unit of work is one transaction.
 */
public final class ParkDatabase implements AutoCloseable {
    /** One unit of work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public sealed interface Opened {
        record Ok(ParkDatabase database) implements Opened {
        }

        record Failed(String reason) implements Opened {
        }
    }

    public enum Dialect { SQLITE, POSTGRES }

    private final Connection connection;
    private final Dialect dialect;
    private final ExecutorService thread;

    private ParkDatabase(Connection connection, Dialect dialect, String name) {
        this.connection = connection;
        this.dialect = dialect;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "park-store-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (and creates or upgrades) the store; blocks: call it at start, not on an event loop. */
    public static Opened open(ParkConfig.Store store, String instance) {
        try {
            if (store instanceof ParkConfig.Store.Sqlite sqlite) {
                if (sqlite.file().getParent() != null) {
                    Files.createDirectories(sqlite.file().getParent());
                }
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite.file());
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = FULL");
                    s.execute("PRAGMA busy_timeout = 10000");
                }
                return migrated(new ParkDatabase(c, Dialect.SQLITE, instance));
            }
            ParkConfig.Store.Postgres pg = (ParkConfig.Store.Postgres) store;
            String password = Files.readAllLines(pg.passwordFile()).stream().findFirst().orElse("");
            Connection c = DriverManager.getConnection(pg.url(), pg.user(), password);
            return migrated(new ParkDatabase(c, Dialect.POSTGRES, instance));
        } catch (SQLException | IOException e) {
            return new Opened.Failed("cannot open the park store: " + e.getMessage());
        }
    }

    private static Opened migrated(ParkDatabase db) {
        try {
            db.run(c -> {
                ParkSchema.migrate(c, db.dialect);
                return null;
            }).join();
            return new Opened.Ok(db);
        } catch (RuntimeException e) {
            db.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Opened.Failed("cannot prepare the park store's schema: " + cause.getMessage());
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction on the store's thread; a failure rolls it back and fails the future. */
    public <T> CompletableFuture<T> run(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                connection.setAutoCommit(false);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback();
                throw new StoreException(e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
        }, thread);
    }

    /** Runs several statements, for tests and migrations. */
    static void execute(Connection c, List<String> sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone either way
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            connection.close();
        } catch (SQLException | InterruptedException ignored) {
            // closing anyway
        }
    }

    /** A store call that failed; its message is the database's. */
    public static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
