package org.anju.protocol.pile;

import java.time.Duration;

/**
 * The pile firmware's own protection limits, held in its holding registers and settable per
 * instance. The gateway's safety rules sit on top of these and may only be stricter.
 */
public record PileLimits(int overloadWatts, int fullChargeWatts, Duration fullChargeTime, Duration maxSession,
                         double overTemperatureCelsius, Duration heartbeatTimeout) {

    public static final PileLimits DEFAULTS = new PileLimits(1000, 30, Duration.ofMinutes(10),
            Duration.ofHours(8), 80.0, Duration.ofSeconds(60));

    public PileLimits {
        if (overloadWatts < 1 || overloadWatts > 0xFFFF) {
            throw new IllegalArgumentException("overload limit must be 1-65535 W, not " + overloadWatts);
        }
        if (fullChargeWatts < 0 || fullChargeWatts >= overloadWatts) {
            throw new IllegalArgumentException("full-charge power must be 0 W up to the overload limit, not " + fullChargeWatts);
        }
        requireRegister("full-charge time", fullChargeTime.toSeconds());
        requireRegister("maximum session", maxSession.toMinutes());
        requireRegister("heartbeat timeout", heartbeatTimeout.toSeconds());
        if (overTemperatureCelsius <= 0 || overTemperatureCelsius * 10 > Short.MAX_VALUE) {
            throw new IllegalArgumentException("over-temperature limit must be above 0 degC, not " + overTemperatureCelsius);
        }
    }

    private static void requireRegister(String what, long value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " does not fit its register: " + value);
        }
    }
}
