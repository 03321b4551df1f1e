package org.anju.agent.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The gateway's one SQLite file, in WAL mode with full fsync on commit, so a committed event
 * survives a power cut. A file that cannot be opened is never deleted or recreated: the agent
 * says why and the file stays for recovery.
 */
public final class GatewayDatabase implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    /**
     * Writers of this file take turns, first come first served: the outbox's group commits, its
     * acknowledgements and retention, and the side connections' writes (roster, sessions, alarms,
     * audit). SQLite's own lock is polled by a busy handler that favours whoever happens to retry
     * when it is free: under a stream of events and audit records a roster write waited out its
     * whole busy_timeout and failed. Queued here, it waits only for the writes ahead of it; the
     * busy handler is left for other processes (a backup, sqlite3 in an installer's hands).
     */
    private final java.util.concurrent.locks.ReentrantLock writeTurns = new java.util.concurrent.locks.ReentrantLock(true);

    private GatewayDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static OpenResult open(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            return new OpenResult.Failed("database folder " + dir + " does not exist");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            return new OpenResult.Failed(file + " is not a regular file");
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                // quick_check reads every page once: a damaged file is refused here, not at the first append
                try (var rs = s.executeQuery("PRAGMA quick_check")) {
                    String verdict = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(verdict)) {
                        throw new SQLException("integrity check failed: " + verdict);
                    }
                }
                Migrations.checkNotNewer(c);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Migrations.upgrade(c);
            return new OpenResult.Opened(new GatewayDatabase(file, c));
        } catch (SQLException e) {
            closeQuietly(c);
            return new OpenResult.Failed("cannot open " + file + ": " + e.getMessage()
                    + "; the file is kept as it is for recovery");
        }
    }

    public Path file() {
        return file;
    }

    /** The turn a writer of this file holds while it writes (see the field). */
    java.util.concurrent.locks.ReentrantLock writeTurns() {
        return writeTurns;
    }

    /** The connection, for the store's own writer thread only; JDBC calls block. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing: nothing more to do with this connection
            }
        }
    }
}
