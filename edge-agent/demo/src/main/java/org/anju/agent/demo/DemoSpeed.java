package org.anju.agent.demo;

import java.time.Duration;
import java.util.Locale;

/**
 * How fast the demo may run the piles' time and still show its thermal runaway flagged before the
 * cut. The gateway keeps the wall's pace while the piles' time runs {@code speed} times faster, so
 * one read of a pile spans {@code speed} times its wall time of the pile's: too fast, and the
 * pile's temperature crosses from the warning level to the cut level between two reads, and no
 * early warning can be seen. The fastest speed leaves {@link #READS_IN_BAND} reads in that band.
 *
 * @param band      the pile's warning-to-cut band in degC (its profile's temperatureCut - temperatureWarn)
 * @param rampCPerMinute how fast the demo's runaway heats the pile, degC per minute of the pile's time
 * @param readEvery how often the gateway reads the pile, wall time (the bus's poll cycle)
 */
record DemoSpeed(double band, double rampCPerMinute, Duration readEvery) {
    static final int READS_IN_BAND = 2;

    /** The fastest speed at which the runaway is read {@link #READS_IN_BAND} times between warning and cut. */
    double fastest() {
        double bandSeconds = band / rampCPerMinute * 60;
        return Math.floor(bandSeconds / (READS_IN_BAND * readEvery.toNanos() / 1e9));
    }

    /** The speed to run at: the one asked for, or the fastest, with why, when that was too fast. */
    Choice choose(double asked) {
        double fastest = fastest();
        if (asked <= fastest) {
            return new Choice(asked, null);
        }
        return new Choice(fastest, String.format(Locale.ROOT, "--speed %.0f is too fast for the early warning to be seen: "
                + "the gateway reads the piles about every %.1f s, %.1f min of their time at x%.0f, while the demo's "
                + "thermal runaway (%.0f degC/min) crosses from the warning to the cut level (%.0f degC apart) in %.1f min. "
                + "Running at x%.0f, the fastest at which %d reads fall in between.", asked, readEvery.toNanos() / 1e9,
                readEvery.toNanos() / 1e9 * asked / 60, asked, rampCPerMinute, band, band / rampCPerMinute, fastest,
                READS_IN_BAND));
    }

    /** The speed chosen, and why it is not the one asked for (null when it is). */
    record Choice(double speed, String warning) {
    }
}
