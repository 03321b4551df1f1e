package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.sqlite.BusyHandler;

/**
 * SQLite's two writers taking turns: the general lane's connection waits for the write lock here
 * (as its busy handler, instead of SQLite's polling {@code busy_timeout}) and says so, and the
 * ingest lane, before its next transaction, lets a writer that is waiting go first. The ingest
 * tells each commit, so the waiting writer tries again at once rather than at its next poll. Only
 * a writer truly blocked counts: reads never block under WAL, so they never hold the ingest back.
 */
final class WriteLockWait extends BusyHandler {
    /** How often a waiting writer looks again when nothing told it (a writer outside this process). */
    private static final long POLL_MILLIS = 10;

    private final long timeoutNanos;
    private final Object turn = new Object();
    /** Guarded by {@code turn}. */
    private boolean waiting;
    private long waitingSince;

    WriteLockWait(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    void install(Connection connection) throws SQLException {
        BusyHandler.setHandler(connection, this);
    }

    /** SQLite's callback while the lock is held elsewhere: 1 to try again, 0 to give up (busy). */
    @Override
    protected int callback(int tries) {
        long now = System.nanoTime();
        synchronized (turn) {
            if (tries == 0 || !waiting) {
                waiting = true;
                waitingSince = now;
            }
            if (now - waitingSince >= timeoutNanos) {
                return 0;
            }
            try {
                turn.wait(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            return 1;
        }
    }

    /**
     * The general lane's unit of work must be tried again after the ingest wrote between its read
     * and its write: it waits for its turn as if blocked on the lock, until it is {@link #finished}.
     */
    void wantsTurn() {
        synchronized (turn) {
            if (!waiting) {
                waiting = true;
                waitingSince = System.nanoTime();
            }
        }
    }

    /** The general lane's unit of work is over: it waits no more. */
    void finished() {
        synchronized (turn) {
            if (waiting) {
                waiting = false;
                turn.notifyAll();
            }
        }
    }

    /** The ingest lane committed or rolled back: a waiting writer may take the lock now. */
    void lockFreed() {
        synchronized (turn) {
            turn.notifyAll();
        }
    }

    /** Before an ingest transaction: while the general lane's writer waits, wait too, {@code maxMillis} at most. */
    void giveWay(long maxMillis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        synchronized (turn) {
            long left;
            while (waiting && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(turn, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
