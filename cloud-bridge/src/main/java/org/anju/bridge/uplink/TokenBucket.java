package org.anju.bridge.uplink;

import java.util.function.LongSupplier;

/**
 * The backlog rate limit: {@code rate} events per second, bursts up to one second's worth. A rate
 * of 0 is no limit. Not thread-safe: the drain thread owns it.
 */
final class TokenBucket {
    private final double rate;
    private final double capacity;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(double eventsPerSecond, LongSupplier nanos) {
        this.rate = eventsPerSecond;
        this.capacity = Math.max(1, eventsPerSecond);
        this.nanos = nanos;
        this.tokens = capacity;
        this.last = nanos.getAsLong();
    }

    boolean unlimited() {
        return rate <= 0;
    }

    /** The most a single take can ever get. */
    int capacity() {
        return unlimited() ? Integer.MAX_VALUE : (int) capacity;
    }

    int available() {
        if (unlimited()) {
            return Integer.MAX_VALUE;
        }
        refill();
        return (int) Math.floor(tokens);
    }

    void take(int n) {
        if (!unlimited()) {
            refill();
            tokens -= n;
        }
    }

    /** Nanoseconds until {@code n} tokens are there (0 if they are). */
    long nanosUntil(int n) {
        if (unlimited()) {
            return 0;
        }
        refill();
        double missing = n - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / rate * 1e9);
    }

    private void refill() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
        last = now;
    }
}
