package org.anju.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

import org.anju.bridge.contract.Priority;

/**
 * The durable outbox. Appends from any thread are queued; one writer thread takes everything
 * queued at that moment and commits it in one transaction (group commit), so a burst of
 * thousands of events costs a handful of fsyncs, and each caller's future completes only after
 * its event is on disk. Reads run on the same thread, the only one that touches the connection.
 */
public final class Outbox implements AutoCloseable {
    private static final int MAX_GROUP = 4096;

    private sealed interface Job {
    }

    private record Append(OutboxEvent.New event, StateWrite with, CompletableFuture<AppendResult> done) implements Job {
    }

    private record Query<T>(Function<Connection, T> read, CompletableFuture<T> done) implements Job {
        void run(Connection c) {
            try {
                done.complete(read.apply(c));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private record Stop() implements Job {
    }

    private final GatewayDatabase database;
    private final Clock clock;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile long commits;
    private volatile Consumer<Priority> committed = priority -> { };

    public Outbox(GatewayDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.writer = new Thread(this::writeLoop, "outbox-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Tells {@code listener}, on the writer thread, after each commit of new events, the most urgent
     * priority among them (the uplink wakes up on it). It must return at once.
     */
    public void onCommitted(Consumer<Priority> listener) {
        this.committed = listener;
    }

    /** Completes once the event is committed (or with the reason it could not be). */
    public CompletableFuture<AppendResult> append(OutboxEvent.New event) {
        return append(event, StateWrite.NONE);
    }

    /**
     * Appends {@code event} and applies {@code with} in the same transaction: both are committed or
     * neither. A write that fails leaves its event out and the rest of the group in.
     */
    public CompletableFuture<AppendResult> append(OutboxEvent.New event, StateWrite with) {
        CompletableFuture<AppendResult> done = new CompletableFuture<>();
        jobs.add(new Append(event, with, done));
        return done;
    }

    /** Events the park has not confirmed yet, highest priority first, in sequence order within a priority. */
    public CompletableFuture<List<OutboxEvent>> unacknowledged(int limit) {
        return query(c -> select(c, "SELECT seq, ts, priority, type, payload FROM outbox WHERE acked = 0"
                + " ORDER BY priority, seq LIMIT " + limit));
    }

    /** Events with a sequence number above {@code afterSeq}, in order; for audits and resends. */
    public CompletableFuture<List<OutboxEvent>> after(long afterSeq, int limit) {
        return query(c -> select(c, "SELECT seq, ts, priority, type, payload FROM outbox WHERE seq > " + afterSeq
                + " ORDER BY seq LIMIT " + limit));
    }

    /** The park confirmed it stored these events (its signed receipt); they are never sent again. */
    public CompletableFuture<Integer> acknowledge(List<Long> seqs) {
        return query(c -> inTurn(() -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET acked = 1 WHERE seq = ?")) {
                c.setAutoCommit(false);
                for (long seq : seqs) {
                    ps.setLong(1, seq);
                    ps.addBatch();
                }
                int n = 0;
                for (int r : ps.executeBatch()) {
                    n += r;
                }
                c.commit();
                return n;
            } catch (SQLException e) {
                rollback(c);
                throw new IllegalStateException("acknowledge failed: " + e.getMessage(), e);
            } finally {
                autoCommit(c);
            }
        }));
    }

    /** What waits to be sent: how many events, and when the oldest of them happened (0 if none). */
    public record Pending(long events, long oldestTimestampMillis) {
    }

    public CompletableFuture<Pending> pending() {
        return query(c -> {
            try (var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MIN(ts), 0) FROM outbox WHERE acked = 0")) {
                rs.next();
                return new Pending(rs.getLong(1), rs.getLong(2));
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** The highest sequence number ever given, 0 for a new file. */
    public CompletableFuture<Long> lastSequence() {
        return query(c -> {
            try (var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")) {
                return rs.next() ? rs.getLong(1) : 0L;
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** Brings the outbox within {@code budgetBytes}; see {@link Retention} for what goes first. */
    public CompletableFuture<Retention.Report> enforce(long budgetBytes) {
        return query(c -> inTurn(() -> Retention.enforce(c, budgetBytes)));
    }

    /** Bytes of the database in use (not counting free pages). */
    public CompletableFuture<Long> usedBytes() {
        return query(c -> {
            try {
                return Retention.usedBytes(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** How many transactions the writer has committed; the benchmark reports events per commit. */
    public long commits() {
        return commits;
    }

    /** Runs a write in this file's writers' turn (see {@link GatewayDatabase#writeTurns()}). */
    private <T> T inTurn(java.util.function.Supplier<T> write) {
        database.writeTurns().lock();
        try {
            return write.get();
        } finally {
            database.writeTurns().unlock();
        }
    }

    private <T> CompletableFuture<T> query(Function<Connection, T> read) {
        CompletableFuture<T> done = new CompletableFuture<>();
        jobs.add(new Query<>(read, done));
        return done;
    }

    private void writeLoop() {
        Connection c = database.connection();
        List<Append> group = new ArrayList<>();
        try {
            while (true) {
                Job job = jobs.take();
                if (job instanceof Stop) {
                    return;
                }
                if (job instanceof Query<?> q) {
                    q.run(c);
                    continue;
                }
                group.add((Append) job);
                // take every append already waiting, stopping at the first job of another kind
                while (group.size() < MAX_GROUP && jobs.peek() instanceof Append next) {
                    jobs.poll();
                    group.add(next);
                }
                inTurn(() -> {
                    commit(c, group);
                    return null;
                });
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(Connection c, List<Append> group) {
        AppendResult[] results = new AppendResult[group.size()];
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (ts, priority, type, payload) VALUES (?, ?, ?, ?) RETURNING seq")) {
            c.setAutoCommit(false);
            for (int i = 0; i < group.size(); i++) {
                Append a = group.get(i);
                if (a.with() != StateWrite.NONE && !applied(c, a, results, i)) {
                    continue;
                }
                long ts = clock.millis();
                ps.setLong(1, ts);
                ps.setInt(2, a.event().priority().rank());
                ps.setString(3, a.event().type());
                ps.setString(4, a.event().payload());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    results[i] = new AppendResult.Stored(new OutboxEvent(rs.getLong(1), ts, a.event().priority(),
                            a.event().type(), a.event().payload()));
                }
            }
            c.commit();
            commits++;
        } catch (SQLException e) {
            rollback(c);
            AppendResult failed = new AppendResult.NotStored("outbox write failed: " + e.getMessage());
            group.forEach(a -> a.done().complete(failed));
            return;
        } finally {
            autoCommit(c);
        }
        Priority mostUrgent = null;
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(results[i]);
            if (results[i] instanceof AppendResult.Stored stored
                    && (mostUrgent == null || stored.event().priority().rank() < mostUrgent.rank())) {
                mostUrgent = stored.event().priority();
            }
        }
        if (mostUrgent == null) {
            return;
        }
        try {
            committed.accept(mostUrgent);
        } catch (RuntimeException e) {
            System.getLogger(Outbox.class.getName()).log(System.Logger.Level.WARNING, "commit listener failed", e);
        }
    }

    /** Applies an append's state write inside a savepoint; false (and its result set) if it failed. */
    private static boolean applied(Connection c, Append a, AppendResult[] results, int i) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            a.with().write(c);
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            c.rollback(before);
            results[i] = new AppendResult.NotStored(a.event().type() + " not stored: its record could not be written: "
                    + e.getMessage());
            return false;
        }
    }

    private static List<OutboxEvent> select(Connection c, String sql) {
        List<OutboxEvent> events = new ArrayList<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                events.add(new OutboxEvent(rs.getLong(1), rs.getLong(2), Priority.ofRank(rs.getInt(3)),
                        rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox read failed: " + e.getMessage(), e);
        }
        return events;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone either way
        }
    }

    private static void autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next transaction will report the broken connection
        }
    }

    /** Finishes what is queued, then stops the writer. */
    @Override
    public void close() {
        jobs.add(new Stop());
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
