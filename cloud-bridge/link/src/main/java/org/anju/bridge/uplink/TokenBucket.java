package org.anju.bridge.uplink;

/**
 * The backlog rate limit: {@code rate} events per second, bursts up to one second's worth. A rate
 * of 0 is no limit. Time is given by the caller (nanoseconds of any monotonic clock), so it is
 * tested without waiting. Not thread-safe: the drain owns it.
 */
final class TokenBucket {
    private final double rate;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double eventsPerSecond, long now) {
        this.rate = eventsPerSecond;
        this.capacity = Math.max(1, eventsPerSecond);
        this.tokens = capacity;
        this.last = now;
    }

    boolean unlimited() {
        return rate <= 0;
    }

    /** The most a single take can ever get. */
    int capacity() {
        return unlimited() ? Integer.MAX_VALUE : (int) capacity;
    }

    int available(long now) {
        if (unlimited()) {
            return Integer.MAX_VALUE;
        }
        refill(now);
        return (int) Math.floor(tokens);
    }

    void take(int n, long now) {
        if (!unlimited()) {
            refill(now);
            tokens -= n;
        }
    }

    /** Nanoseconds until {@code n} tokens are there (0 if they are). */
    long nanosUntil(int n, long now) {
        if (unlimited()) {
            return 0;
        }
        refill(now);
        double missing = n - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / rate * 1e9);
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
            last = now;
        }
    }
}
