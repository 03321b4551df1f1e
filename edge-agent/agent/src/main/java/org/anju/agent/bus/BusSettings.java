package org.anju.agent.bus;

import java.time.Duration;

/**
 * How one bus is driven, from the site file: reply timeout and retries per request, how many
 * failed exchanges in a row make a device offline, how often an offline device is probed, the
 * inter-frame silence of the line, and how long to wait before reopening a failed transport.
 */
public record BusSettings(String name, Duration responseTimeout, int retries, int offlineAfter,
                          Duration offlineProbe, long silenceNanos, Duration reopenBackoff) {

    public BusSettings {
        if (responseTimeout.isNegative() || responseTimeout.isZero() || responseTimeout.toMillis() > 10_000) {
            throw new IllegalArgumentException("response timeout must be 1 ms to 10 s, not " + responseTimeout);
        }
        if (retries < 0 || retries > 5) {
            throw new IllegalArgumentException("retries must be 0-5, not " + retries);
        }
        if (offlineAfter < 1) {
            throw new IllegalArgumentException("offlineAfter must be at least 1");
        }
    }

    /** Defaults for a 9600-baud Modbus bus: 300 ms timeout, 2 retries, offline after 3 failed exchanges. */
    public static BusSettings defaults(String name, long silenceNanos) {
        return new BusSettings(name, Duration.ofMillis(300), 2, 3, Duration.ofSeconds(10), silenceNanos,
                Duration.ofSeconds(2));
    }
}
