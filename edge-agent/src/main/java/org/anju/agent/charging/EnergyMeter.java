package org.anju.agent.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A session's energy, taken from the pile's own counter and never integrated from polls: a
 * counter keeps counting between sparse polls, through a bus outage and while the gateway is down.
 *
 * <p>The counter is an unsigned 32-bit Wh value. It can wrap at 2^32, restart at 0 when a pile
 * reboots, come back from a reboot at an older value saved in flash, or jump because of a meter
 * fault. The meter keeps the energy of finished <em>segments</em> and the baseline of the current
 * one, so the session's energy is {@code priorSegmentsWh + (last - baseline) mod 2^32}. Which of
 * those happened is told apart by what is physically possible: a port cannot have drawn more than
 * {@code plausibleWatts} since the last reading. Whatever the counter does, energy never goes
 * down and nothing is counted twice; when in doubt the meter counts less, not more. The one
 * exception: a counter within one poll's worth of energy below 2^32 that drops to near 0 may
 * have wrapped or rebooted, and looks the same either way; the meter takes the wrap, so a reboot
 * in that window (which a counter passes once in its life) over-counts by at most that poll's worth.
 *
 * <p>A plain value: the store persists it as it is and a restarted gateway carries on from it.
 */
public record EnergyMeter(long baselineWh, long lastCounterWh, long priorSegmentsWh, int segments, Instant lastAt) {

    public static final long COUNTER_MODULUS = 1L << 32;
    /** The pile reports whole Wh, floored: two readings can differ by one more Wh than power x time. */
    private static final long ROUNDING_SLACK_WH = 1;

    /** What the counter did between two readings. */
    public enum Jump {
        /** It counted up by an amount the port could have drawn. */
        NONE,
        /** It passed 2^32 - 1 and went on from 0. */
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
        requireCounter(baselineWh);
        requireCounter(lastCounterWh);
        if (priorSegmentsWh < 0 || segments < 1) {
            throw new IllegalArgumentException("prior segments must be >= 0 Wh and there is at least one segment");
        }
    }

    /** A meter that starts counting at this counter value. */
    public static EnergyMeter startAt(long counterWh, Instant at) {
        return new EnergyMeter(counterWh, counterWh, 0, 1, at);
    }

    /** Energy metered so far, in Wh. */
    public long energyWh() {
        return priorSegmentsWh + Math.floorMod(lastCounterWh - baselineWh, COUNTER_MODULUS);
    }

    /**
     * Takes the next counter value.
     *
     * @param plausibleWatts the most a port can draw; bounds what the counter may have gained since
     *                       the last reading (a reading older than the last counts as no time passed)
     */
    public Step advance(long counterWh, Instant at, double plausibleWatts) {
        requireCounter(counterWh);
        long elapsedMillis = Math.max(0, Duration.between(lastAt, at).toMillis());
        Instant newestAt = at.isAfter(lastAt) ? at : lastAt;
        long possibleWh = (long) Math.ceil(plausibleWatts * elapsedMillis / 3_600_000.0) + ROUNDING_SLACK_WH;
        long forward = Math.floorMod(counterWh - lastCounterWh, COUNTER_MODULUS);
        if (forward <= possibleWh) {
            Jump jump = counterWh < lastCounterWh ? Jump.WRAPPED : Jump.NONE;
            return new Step(new EnergyMeter(baselineWh, counterWh, priorSegmentsWh, segments, newestAt), forward, jump);
        }
        long soFar = energyWh();
        if (counterWh < lastCounterWh && counterWh <= possibleWh) {
            // restarted at 0 and has counted since: that energy is the port's, count it
            return new Step(new EnergyMeter(0, counterWh, soFar, segments + 1, newestAt), counterWh,
                    Jump.RESTARTED_FROM_ZERO);
        }
        Jump jump = counterWh < lastCounterWh ? Jump.RESTORED_LOWER : Jump.IMPLAUSIBLE;
        return new Step(new EnergyMeter(counterWh, counterWh, soFar, segments + 1, newestAt), 0, jump);
    }

    private static void requireCounter(long value) {
        if (value < 0 || value >= COUNTER_MODULUS) {
            throw new IllegalArgumentException("a counter value is 0 to 2^32-1, not " + value);
        }
    }
}
