package org.anju.bridge.access;

/**
 * The one rate limiter: {@code rate} tokens per second, up to {@code capacity} held (the burst).
 * A rate of 0 is no limit. Time is given by the caller (nanoseconds of any monotonic clock), so
 * it is tested without waiting. Not thread-safe: its owner serialises calls (the drain owns the
 * uplink's; {@link AttemptLimiter} holds one per key under its lock).
 */
public final class TokenBucket {
    private final double rate;
    private final double capacity;
    private double tokens;
    private long last;

    /** Full at {@code now}: {@code capacity} tokens, refilled at {@code perSecond}. */
    public TokenBucket(double perSecond, double capacity, long now) {
        if (perSecond < 0 || capacity < 1) {
            throw new IllegalArgumentException("a bucket needs a rate of at least 0 and room for one token");
        }
        this.rate = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = now;
    }

    /** The backlog's limit: {@code eventsPerSecond}, bursts up to one second's worth. */
    public static TokenBucket perSecond(double eventsPerSecond, long now) {
        return new TokenBucket(eventsPerSecond, Math.max(1, eventsPerSecond), now);
    }

    public boolean unlimited() {
        return rate <= 0;
    }

    /** The most a single take can ever get. */
    public int capacity() {
        return unlimited() ? Integer.MAX_VALUE : (int) capacity;
    }

    public int available(long now) {
        if (unlimited()) {
            return Integer.MAX_VALUE;
        }
        refill(now);
        return (int) Math.floor(tokens);
    }

    public void take(int n, long now) {
        if (!unlimited()) {
            refill(now);
            tokens -= n;
        }
    }

    /** Nanoseconds until {@code n} tokens are there (0 if they are). */
    public long nanosUntil(int n, long now) {
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
