package org.anju.bridge.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential with full jitter, {@code random(0, min(max, initial * 2^attempt))}.
 * Full jitter spreads a fleet that lost the broker at the same moment (a broker restart, a power
 * cut across a village) over the whole window instead of bringing it back in waves; it applies to
 * the first connection too, since a whole park's gateways boot together after a power cut.
 *
 * @param initial    the window of the first attempt
 * @param max        the largest window
 * @param resetAfter a connection that lasted this long starts the next series from {@code initial};
 *                   one that broke sooner (a broker that accepts and drops) keeps growing the window
 */
public record Backoff(Duration initial, Duration max, Duration resetAfter) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || resetAfter.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and resetAfter >= 0");
        }
    }

    /** One second first, up to two minutes, reset after a minute connected. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(1));
    }

    /** The upper bound of the window for {@code attempt} (0 for the first). */
    public long windowMillis(int attempt) {
        long window = initial.toMillis();
        for (int i = 0; i < attempt && window < max.toMillis(); i++) {
            window *= 2;
        }
        return Math.min(window, max.toMillis());
    }

    public long delayMillis(int attempt, RandomGenerator random) {
        return random.nextLong(windowMillis(attempt) + 1);
    }
}
