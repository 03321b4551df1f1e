package org.anju.bridge.park.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.anju.bridge.park.config.ParkConfig;

/**
 * The park's database: SQLite (a file, WAL) for one bridge instance, PostgreSQL when several share
 * the load. One schema for both ({@link ParkSchema}), written in the SQL they share. Work runs on
 * one of three lanes (on PostgreSQL the alarms have one of their own, {@link #ingestAlarms}, and the
 * ingest has {@value #POSTGRES_INGEST_WRITERS}), each its own thread and connection, in order, and completes a future: no JDBC
 * ever runs on an event loop. {@link #run} is the API's writes and everything else's; {@link #ingest}
 * is only the gateways' batches, so an API request never queues behind a drained backlog (on SQLite
 * it reads beside the ingest writer, as WAL allows); {@link #read} is the consoles' reads of the
 * park's state, on a connection that cannot write, so they never queue behind the general lane's
 * writes either (in a drain of 1,000 gateways, their births and roster states: the park-scale bench
 * saw a console's page wait seconds there while the same query on its own connection took 100 ms). Each unit of work is one transaction; on
 * SQLite one that meets the other lane's write lock waits for it ({@code busy_timeout}, and the
 * ingest lane begins its transactions IMMEDIATE), or is run again if SQLite says busy at once.
 * On SQLite the ingest lane also gives way: before each transaction it waits (up to
 * {@value #YIELD_MILLIS} ms) while the other lane is waiting for the write lock, since SQLite's own
 * busy handler only polls and a writer waiting for a back-to-back ingest would lose every turn
 * (the park bench saw an officer's sign-in wait out a whole drain). Only a writer that is truly
 * waiting counts ({@link WriteLockWait}, the general connection's busy handler): the API's reads,
 * which WAL lets run beside the ingest, do not, or a drain would stand still half of every second
 * while consoles and 500 gateways' births keep the general lane busy (the park bench saw 500
 * events a second for its first five seconds).
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

    /** One connection and the thread that uses it ({@link UrgentFirst}: urgent work ahead of what waits). */
    private record Lane(Connection connection, UrgentFirst thread) {
        static Lane of(Connection connection, String name) {
            return new Lane(connection, new UrgentFirst(name));
        }
    }

    /** How often a unit of work SQLite answered "busy" at once is run again, and the pause between. */
    private static final int BUSY_TRIES = 20;
    private static final long BUSY_PAUSE_MILLIS = 25;

    /** How long a SQLite writer waits for the other's write lock before it is told busy. */
    static final long BUSY_TIMEOUT_MILLIS = 10_000;

    /** How long an ingest transaction waits at most for the general lane's work to go first (SQLite). */
    static final long YIELD_MILLIS = 500;

    private final Lane general;
    /** The general lane's writer waiting for the ingest's write lock (SQLite); the ingest lets it go first. */
    private final WriteLockWait generalWaits;
    /** The gateways' batches: one writer on SQLite, several on PostgreSQL, each taking its own gateways. */
    private final List<Lane> ingest;
    private final Lane reads;
    /** PostgreSQL only: the alarms' writes, beside the ingest lane's (null on SQLite, whose one writer takes both). */
    private final Lane alarms;
    private final Dialect dialect;

    /**
     * Ingest writers on PostgreSQL: one writer's group goes to the server and back in turns (parse, write,
     * commit), and a drain left a quarter of the two cores idle (the park bench: bridge, PostgreSQL and
     * broker 74 % of them); a second, with other gateways, writes while the first waits (a third
     * measured no better on two cores).
     */
    static final int POSTGRES_INGEST_WRITERS = 2;

    private ParkDatabase(Connection general, List<Connection> ingest, Connection reads, Connection alarms, Dialect dialect,
                         String name) throws SQLException {
        this.general = Lane.of(general, "park-store-" + name);
        List<Lane> writers = new java.util.ArrayList<>();
        for (int i = 0; i < ingest.size(); i++) {
            writers.add(Lane.of(ingest.get(i), "park-ingest-" + name + (i == 0 ? "" : "-" + (i + 1))));
        }
        this.ingest = List.copyOf(writers);
        this.reads = Lane.of(reads, "park-read-" + name);
        this.alarms = alarms == null ? null : Lane.of(alarms, "park-alarms-" + name);
        this.dialect = dialect;
        this.generalWaits = new WriteLockWait(BUSY_TIMEOUT_MILLIS);
        if (dialect == Dialect.SQLITE) {
            generalWaits.install(general);
        }
    }

    /** Opens (and creates or upgrades) the store; blocks: call it at start, not on an event loop. */
    public static Opened open(ParkConfig.Store store, String instance) {
        try {
            if (store instanceof ParkConfig.Store.Sqlite sqlite) {
                if (sqlite.file().getParent() != null) {
                    Files.createDirectories(sqlite.file().getParent());
                }
                Connection general = sqlite(sqlite, false);
                Connection writer = sqlite(sqlite, true);
                Connection reader = sqlite(sqlite, false);
                try (Statement s = reader.createStatement()) {
                    s.execute("PRAGMA query_only = 1");
                }
                return migrated(new ParkDatabase(general, List.of(writer), reader, null, Dialect.SQLITE, instance));
            }
            ParkConfig.Store.Postgres pg = (ParkConfig.Store.Postgres) store;
            String password = Files.readAllLines(pg.passwordFile()).stream().findFirst().orElse("");
            Connection reader = DriverManager.getConnection(pg.url(), pg.user(), password);
            reader.setReadOnly(true);
            List<Connection> writers = new java.util.ArrayList<>();
            for (int i = 0; i < POSTGRES_INGEST_WRITERS; i++) {
                writers.add(DriverManager.getConnection(pg.url(), pg.user(), password));
            }
            return migrated(new ParkDatabase(DriverManager.getConnection(pg.url(), pg.user(), password), writers, reader,
                    DriverManager.getConnection(pg.url(), pg.user(), password), Dialect.POSTGRES, instance));
        } catch (SQLException | IOException e) {
            return new Opened.Failed("cannot open the park store: " + e.getMessage());
        }
    }

    /** A connection to the SQLite file in WAL mode; {@code immediate}: its transactions take the write lock at once. */
    private static Connection sqlite(ParkConfig.Store.Sqlite file, boolean immediate) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setBusyTimeout((int) BUSY_TIMEOUT_MILLIS); // the general connection's is replaced by its WriteLockWait
        if (immediate) {
            config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.file(), config.toProperties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
        }
        return c;
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

    /** Runs {@code work} in one transaction on the general lane; a failure rolls it back and fails the future. */
    public <T> CompletableFuture<T> run(Work<T> work) {
        return general(work, general.thread().inOrder());
    }

    /**
     * As {@link #run}, ahead of the general lane's work waiting (not of what runs): what must not queue
     * behind a drain's births and roster states, numbering a fire alarm for the consoles (the park
     * bench saw alarms wait 3 s there, on SQLite, 8 s into a 500-gateway drain).
     */
    public <T> CompletableFuture<T> runUrgent(Work<T> work) {
        return general(work, general.thread().urgent());
    }

    private <T> CompletableFuture<T> general(Work<T> work, Executor lane) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return transaction(general.connection(), work);
            } finally {
                generalWaits.finished();
            }
        }, lane);
    }

    /**
     * Runs {@code work}, which only reads, in one transaction (one snapshot: a page and its total agree)
     * on the read lane; a write there fails ("read-only").
     */
    public <T> CompletableFuture<T> read(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> transaction(reads.connection(), work), reads.thread().inOrder());
    }

    /**
     * Runs {@code work} in one transaction on ingest writer {@code writer} (0 to {@link #ingestWriters}
     * less one): the gateways' batches, and nothing else. A gateway's batches must always go to the
     * same writer, so they are written in the order they came.
     */
    public <T> CompletableFuture<T> ingest(int writer, Work<T> work) {
        return ingest(ingest.get(writer), work, true);
    }

    /** How many ingest writers write beside each other: one on SQLite, whose file has one writer. */
    public int ingestWriters() {
        return ingest.size();
    }

    /**
     * A gateway's alarms, in one transaction: on PostgreSQL on a lane and connection of their own,
     * beside the ingest lane, so an alarm never waits for a drain's group being written (in a
     * freshly started bridge a group took seconds, and the alarm p99 of a 1,000,000-event drain
     * was over 1 s). Two transactions at once are what two instances already write: each locks
     * its gateways' rows first, in id order, so they wait on each other only for a gateway they
     * share, and never in a circle. On SQLite, whose one writer takes every write, on the ingest
     * lane without giving way to the general lane's (it saw an alarm wait the whole
     * {@value #YIELD_MILLIS} ms behind sign-ins and presence during a drain).
     */
    public <T> CompletableFuture<T> ingestAlarms(Work<T> work) {
        if (alarms == null) {
            return ingest(ingest.get(0), work, false);
        }
        return CompletableFuture.supplyAsync(() -> transaction(alarms.connection(), work), alarms.thread().inOrder());
    }

    /** Whether {@link #ingestAlarms} writes beside {@link #ingest} (PostgreSQL) rather than on the same writer. */
    public boolean alarmsBesideIngest() {
        return alarms != null;
    }

    /** As {@link #ingest(int, Work)}; {@code giveWay} false for a transaction that must not wait for the other lane. */
    private <T> CompletableFuture<T> ingest(Lane lane, Work<T> work, boolean giveWay) {
        return CompletableFuture.supplyAsync(() -> {
            if (giveWay && dialect == Dialect.SQLITE) {
                generalWaits.giveWay(YIELD_MILLIS);
            }
            try {
                return transaction(lane.connection(), work);
            } finally {
                generalWaits.lockFreed();
            }
        }, lane.thread().inOrder());
    }

    private <T> T transaction(Connection connection, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                connection.setAutoCommit(false);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(connection);
                if (attempt < BUSY_TRIES && busy(e)) {
                    if (connection == general.connection()) {
                        // a read that turned into a write after the ingest committed (WAL's "busy snapshot",
                        // which SQLite answers at once, without its busy handler): the ingest lets it go
                        // first, or its next commit would come between every try again
                        generalWaits.wantsTurn();
                    }
                    pause();
                    continue;
                }
                throw new StoreException(e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                idle(connection);
            }
        }
    }

    /** SQLite's "busy" that its busy handler does not wait out: a read snapshot that another writer moved past. */
    private boolean busy(SQLException e) {
        return dialect == Dialect.SQLITE && (e.getErrorCode() & 0xff) == 5;
    }

    private static void pause() {
        try {
            Thread.sleep(BUSY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs several statements, for tests and migrations. */
    static void execute(Connection c, List<String> sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /**
     * Between units of work a connection holds no transaction: SQLite's driver begins the next one
     * as soon as one commits, which for the ingest lane's IMMEDIATE transactions would keep the
     * write lock from the other lane all the time.
     */
    private static void idle(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the next unit of work finds out
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone either way
        }
    }

    @Override
    public void close() {
        List<Lane> lanes = new java.util.ArrayList<>(ingest);
        lanes.addAll(List.of(reads, general));
        if (alarms != null) {
            lanes.add(0, alarms);
        }
        for (Lane lane : lanes) {
            try {
                lane.thread().finish(10);
                lane.connection().close();
            } catch (SQLException | InterruptedException ignored) {
                // closing anyway
            }
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
