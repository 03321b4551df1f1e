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

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final int burst;
    private final double perToken;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets;

    public AttemptLimiter(int burst, Duration per, int maxKeys, LongSupplier nanos) {
        if (burst < 1 || per.isNegative() || per.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a limit needs a burst of at least 1, a positive period and room for keys");
        }
        this.burst = burst;
        this.perToken = (double) per.toNanos() / burst;
        this.nanos = nanos;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public static AttemptLimiter of(int burst, Duration per) {
        return new AttemptLimiter(burst, per, 100_000, System::nanoTime);
    }

    /** Takes one attempt from {@code key}'s bucket, if it has one. */
    public synchronized Decision attempt(String key) {
        Bucket b = refilled(key);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return new Decision.Allowed();
        }
        return limited(b);
    }

    /** Whether {@code key} could make an attempt now, taking nothing (checked before costly work). */
    public synchronized Decision peek(String key) {
        Bucket b = refilled(key);
        return b.tokens >= 1 ? new Decision.Allowed() : limited(b);
    }

    /** Forgets {@code key}: a successful login clears its failures. */
    public synchronized void forget(String key) {
        buckets.remove(key);
    }

    private Bucket refilled(String key) {
        long now = nanos.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (now - b.at) / perToken);
        b.at = now;
        return b;
    }

    private Decision limited(Bucket b) {
        return new Decision.Limited(Duration.ofNanos((long) Math.ceil((1 - b.tokens) * perToken)));
    }
}
