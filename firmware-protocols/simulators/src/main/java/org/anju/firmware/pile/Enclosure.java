package org.anju.firmware.pile;

import java.time.Duration;
import java.util.function.DoubleConsumer;

/**
 * The air inside a cabinet of chargers, a pile's or a meter shed's: it warms toward a level set
 * by the load (first order, so warming from a load step dies away) and, when a battery goes into
 * thermal runaway, heats on at the battery's rate whatever the load does. One sensor per cabinet.
 *
 * <p>Not thread-safe: its owner serialises every call.
 */
public final class Enclosure {
    public static final double AMBIENT_CELSIUS = 25.0;
    /** How fast the inside follows the load, and how much it warms per watt. */
    private static final double THERMAL_TIME_CONSTANT_S = 300.0;
    private static final double CELSIUS_PER_WATT = 0.012;
    /** Physics moves in steps of at most this, so a long advance integrates like many short ones. */
    private static final double MAX_STEP_SECONDS = 1.0;

    private double loadCelsius = AMBIENT_CELSIUS;
    private double runawayCelsiusPerMinute;
    private double runawayCelsius;

    /** Runs {@code step} over {@code simulated} in steps of at most a second. */
    public static void inSteps(Duration simulated, DoubleConsumer step) {
        double left = simulated.toNanos() / 1e9;
        while (left > 0) {
            double seconds = Math.min(left, MAX_STEP_SECONDS);
            step.accept(seconds);
            left -= seconds;
        }
    }

    /** Advances by {@code seconds} while the chargers inside draw {@code loadWatts} together. */
    public void step(double seconds, double loadWatts) {
        double target = AMBIENT_CELSIUS + CELSIUS_PER_WATT * loadWatts;
        loadCelsius += (target - loadCelsius) * Math.min(1.0, seconds / THERMAL_TIME_CONSTANT_S);
        runawayCelsius += runawayCelsiusPerMinute * seconds / 60.0;
    }

    /** A battery inside goes into thermal runaway: the cabinet heats by this much per minute. */
    public void thermalRunaway(double celsiusPerMinute) {
        runawayCelsiusPerMinute = celsiusPerMinute;
    }

    public double celsius() {
        return loadCelsius + runawayCelsius;
    }
}
