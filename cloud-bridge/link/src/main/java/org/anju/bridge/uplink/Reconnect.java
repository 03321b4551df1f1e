package org.anju.bridge.uplink;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When to try the broker next: {@link Backoff} with full jitter, the first attempt included, and
 * the series reset once a connection lasted {@link Backoff#resetAfter()}. Time comes from the
 * caller in nanoseconds; the one random source is given, so a test can fix it.
 */
final class Reconnect {
    private final Backoff backoff;
    private final RandomGenerator random;
    private int attempt;
    private long nextAt;
    private long connectedAt = -1;

    Reconnect(Backoff backoff, RandomGenerator random, long now) {
        this.backoff = backoff;
        this.random = random;
        schedule(now);
    }

    boolean due(long now) {
        return now >= nextAt;
    }

    long nextAt() {
        return nextAt;
    }

    /** Whether this failure is the first of a series (worth a warning; the rest of an outage is routine). */
    boolean firstFailure() {
        return attempt <= 1;
    }

    /** The attempt failed or the connection broke: the next one waits; returns the delay in ms. */
    long failed(long now) {
        if (connectedAt >= 0 && now - connectedAt >= backoff.resetAfter().toNanos()) {
            attempt = 0;
        }
        connectedAt = -1;
        return schedule(now);
    }

    void connected(long now) {
        connectedAt = now;
    }

    private long schedule(long now) {
        long delay = backoff.delayMillis(attempt++, random);
        nextAt = now + TimeUnit.MILLISECONDS.toNanos(delay);
        return delay;
    }
}
