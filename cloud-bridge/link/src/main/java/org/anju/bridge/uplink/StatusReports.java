package org.anju.bridge.uplink;

import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.GatewayStatus;

/**
 * When the uplink reads and publishes the gateway's status: {@link #AFTER_CONNECT_NANOS} after each
 * connect's birth (the moment of reconnecting is the busiest: a backlog to send, the roster to
 * catch up, commands that waited; the birth already says the gateway is back), then every period, and soon after the agent says something changed, but at most every
 * {@link #MIN_GAP_NANOS} so a flapping device cannot flood the broker. One read at a time. Pure
 * bookkeeping on the uplink thread's monotonic time.
 */
final class StatusReports {
    /** The shortest time between two statuses, whatever changes. */
    static final long MIN_GAP_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long after a connect the first status goes. */
    static final long AFTER_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** After a failed read, the next try. */
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long periodNanos;
    private final int periodSeconds;
    private boolean connected;
    private boolean reading;
    private long dueAt = Long.MAX_VALUE;
    private long lastSentAt = Long.MIN_VALUE / 2;
    private long report;

    StatusReports(java.time.Duration period) {
        long seconds = period.toSeconds();
        if (seconds < 1 || seconds > GatewayStatus.MAX_PERIOD_SECONDS) {
            throw new IllegalArgumentException("the status period must be 1 s to " + GatewayStatus.MAX_PERIOD_SECONDS
                    + " s, not " + period);
        }
        this.periodSeconds = (int) seconds;
        this.periodNanos = TimeUnit.SECONDS.toNanos(seconds);
    }

    int periodSeconds() {
        return periodSeconds;
    }

    long expirySeconds() {
        return GatewayStatus.expirySeconds(periodSeconds);
    }

    /** A new connection: its reports count from 1 again, the first shortly after the birth. */
    void connected(long now) {
        connected = true;
        report = 0;
        dueAt = now + AFTER_CONNECT_NANOS;
    }

    void disconnected() {
        connected = false;
        dueAt = Long.MAX_VALUE;
    }

    /** Something the status shows changed: send one soon. */
    void changed(long now) {
        if (connected) {
            dueAt = Math.min(dueAt, Math.max(now, lastSentAt + MIN_GAP_NANOS));
        }
    }

    /** Whether to read the figures now; if so, the read is outstanding until {@link #read} or {@link #readFailed}. */
    boolean due(long now) {
        if (!connected || reading || now < dueAt) {
            return false;
        }
        reading = true;
        return true;
    }

    /** The figures came: the number of the report to publish with them, or 0 if the connection is gone. */
    long read(long now) {
        reading = false;
        if (!connected) {
            return 0;
        }
        lastSentAt = now;
        dueAt = now + periodNanos;
        return ++report;
    }

    void readFailed(long now) {
        reading = false;
        if (connected) {
            dueAt = now + Math.min(RETRY_NANOS, periodNanos);
        }
    }

    /** When the uplink thread must look again at the latest. */
    long wakeAt() {
        return connected && !reading ? dueAt : Long.MAX_VALUE;
    }
}
