package org.anju.agent.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A session's energy, taken from the pile's own counter and never integrated from polls: a
 * counter keeps counting between sparse polls, through a bus outage and while the gateway is down.
 *
 * <p>The counter is an unsigned Wh value that wraps at {@code modulusWh}: 2^32 for the gateway's
 * 32-bit counters, less for a meter whose own counter wraps sooner (a 16-bit Wh register wraps at
 * 65,536 Wh, and read as 32 bits that wrap would look like a reboot). It can wrap, restart at 0 when a pile
 * reboots, come back from a reboot at an older value saved in flash, or jump because of a meter
 * fault. The meter keeps the energy of finished <em>segments</em> and the baseline of the current
 * one, so the session's energy is {@code priorSegmentsWh + (last - baseline) mod modulusWh}. Which of
 * those happened is told apart by what is physically possible: a port cannot have drawn more than
 * {@code plausibleWatts} since the last reading. Whatever the counter does, energy never goes
 * down and nothing is counted twice; when in doubt the meter counts less, not more. The one
 * exception: a counter within one poll's worth of energy below its wrap that drops to near 0 may
 * have wrapped or rebooted, and looks the same either way; the meter takes the wrap, so a reboot
 * in that window (which a counter passes once in its life) over-counts by at most that poll's worth.
 *
 * <p>A plain value: the store persists it as it is and a restarted gateway carries on from it.
 */
public record EnergyMeter(long baselineWh, long lastCounterWh, long priorSegmentsWh, int segments, Instant lastAt,
                          long modulusWh) {

    /** Where the gateway's counters wrap unless the meter's own counter wraps sooner. */
    public static final long COUNTER_MODULUS = 1L << 32;
    /** The pile reports whole Wh, floored: two readings can differ by one more Wh than power x time. */
    private static final long ROUNDING_SLACK_WH = 1;

    /** What the counter did between two readings. */
    public enum Jump {
        /** It counted up by an amount the port could have drawn. */
        NONE,
        /** It passed its top and went on from 0. */
        WRAPPED,
        /** It went down to a value the port could have drawn since a restart at 0: a pile reboot. */
        RESTARTED_FROM_ZERO,
        /** It went down, but not to near 0: a pile that restored an older value from flash. Counted from here. */
        RESTORED_LOWER,
        /** It went up by more than the port could have drawn: a meter fault or a swapped meter. Counted from here. */
        IMPLAUSIBLE;

        /** The pile's counter started over, which a reboot does. */
        public boolean isRestart() {
            return this == RESTARTED_FROM_ZERO || this == RESTORED_LOWER;
        }
    }

    /** The meter after one reading, how many Wh that reading added, and what the counter did. */
    public record Step(EnergyMeter meter, long addedWh, Jump jump) {
    }

    public EnergyMeter {
        Objects.requireNonNull(lastAt, "lastAt");
        if (modulusWh == 0) {
            modulusWh = COUNTER_MODULUS; // a record stored before meters said where they wrap
        }
        if (modulusWh < 2) {
            throw new IllegalArgumentException("a counter wraps at 2 Wh or more, not " + modulusWh);
        }
        requireCounter(baselineWh, modulusWh);
        requireCounter(lastCounterWh, modulusWh);
        if (priorSegmentsWh < 0 || segments < 1) {
            throw new IllegalArgumentException("prior segments must be >= 0 Wh and there is at least one segment");
        }
    }

    /** A meter that starts counting at this value of a 32-bit counter. */
    public static EnergyMeter startAt(long counterWh, Instant at) {
        return startAt(counterWh, at, COUNTER_MODULUS);
    }

    /** A meter that starts counting at this value of a counter that wraps at {@code modulusWh}. */
    public static EnergyMeter startAt(long counterWh, Instant at, long modulusWh) {
        return new EnergyMeter(counterWh, counterWh, 0, 1, at, modulusWh);
    }

    /** Energy metered so far, in Wh. */
    public long energyWh() {
        return priorSegmentsWh + Math.floorMod(lastCounterWh - baselineWh, modulusWh);
    }

    /**
     * Takes the next counter value.
     *
     * @param plausibleWatts the most a port can draw; bounds what the counter may have gained since
     *                       the last reading (a reading older than the last counts as no time passed)
     */
    public Step advance(long counterWh, Instant at, double plausibleWatts) {
        requireCounter(counterWh, modulusWh);
        long elapsedMillis = Math.max(0, Duration.between(lastAt, at).toMillis());
        Instant newestAt = at.isAfter(lastAt) ? at : lastAt;
        long possibleWh = (long) Math.ceil(plausibleWatts * elapsedMillis / 3_600_000.0) + ROUNDING_SLACK_WH;
        long forward = Math.floorMod(counterWh - lastCounterWh, modulusWh);
        if (forward <= possibleWh) {
            Jump jump = counterWh < lastCounterWh ? Jump.WRAPPED : Jump.NONE;
            return new Step(new EnergyMeter(baselineWh, counterWh, priorSegmentsWh, segments, newestAt, modulusWh), forward, jump);
        }
        long soFar = energyWh();
        if (counterWh < lastCounterWh && counterWh <= possibleWh) {
            // restarted at 0 and has counted since: that energy is the port's, count it
            return new Step(new EnergyMeter(0, counterWh, soFar, segments + 1, newestAt, modulusWh), counterWh,
                    Jump.RESTARTED_FROM_ZERO);
        }
        Jump jump = counterWh < lastCounterWh ? Jump.RESTORED_LOWER : Jump.IMPLAUSIBLE;
        return new Step(new EnergyMeter(counterWh, counterWh, soFar, segments + 1, newestAt, modulusWh), 0, jump);
    }

    private static void requireCounter(long value, long modulusWh) {
        if (value < 0 || value >= modulusWh) {
            throw new IllegalArgumentException("a counter value is 0 to " + (modulusWh - 1) + ", not " + value);
        }
    }
}
