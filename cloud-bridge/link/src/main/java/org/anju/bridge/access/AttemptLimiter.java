package org.anju.bridge.access;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many attempts a key (a login name, a tenant, a client address) may make: a bucket of
 * {@code burst} attempts per key, refilled evenly over {@code per}. Guessing a password or
 * hammering a door then costs time, while a person who mistypes twice never notices. Keys are
 * kept for the most recent {@code maxKeys} only, so a flood of made-up keys cannot fill memory
 * (an evicted key starts over with a full bucket, which is no worse than a new key).
 */
public final class AttemptLimiter {

    /** Whether an attempt may go ahead, or how long until the next one may. */
    public sealed interface Decision {
        record Allowed() implements Decision {
        }

        record Limited(Duration retryAfter) implements Decision {
            /** Whole seconds, at least one, for a Retry-After header and a person. */
            public long seconds() {
                return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            }
        }
    }

    private final int burst;
    private final double perSecond;
    private final LongSupplier nanos;
    private final Map<String, TokenBucket> buckets;

    public AttemptLimiter(int burst, Duration per, int maxKeys, LongSupplier nanos) {
        if (burst < 1 || per.isNegative() || per.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a limit needs a burst of at least 1, a positive period and room for keys");
        }
        this.burst = burst;
        this.perSecond = burst * 1e9 / per.toNanos();
        this.nanos = nanos;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public static AttemptLimiter of(int burst, Duration per) {
        return new AttemptLimiter(burst, per, 100_000, System::nanoTime);
    }

    /** Takes one attempt from {@code key}'s bucket, if it has one. */
    public synchronized Decision attempt(String key) {
        long now = nanos.getAsLong();
        TokenBucket b = bucket(key, now);
        if (b.available(now) >= 1) {
            b.take(1, now);
            return new Decision.Allowed();
        }
        return limited(b, now);
    }

    /** Whether {@code key} could make an attempt now, taking nothing (checked before costly work). */
    public synchronized Decision peek(String key) {
        long now = nanos.getAsLong();
        TokenBucket b = bucket(key, now);
        return b.available(now) >= 1 ? new Decision.Allowed() : limited(b, now);
    }

    /** Forgets {@code key}: a successful login clears its failures. */
    public synchronized void forget(String key) {
        buckets.remove(key);
    }

    private TokenBucket bucket(String key, long now) {
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
    }

    private static Decision limited(TokenBucket b, long now) {
        return new Decision.Limited(Duration.ofNanos(b.nanosUntil(1, now)));
    }
}
