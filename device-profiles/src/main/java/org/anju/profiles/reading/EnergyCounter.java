package org.anju.profiles.reading;

/**
 * An energy counter as a device reported it, in Wh, and where it starts again from 0. An integer
 * counter wraps at 2^bits of its raw unit (a u32 in 0.01 kWh at 42,949,672,960 Wh, a u16 in Wh at
 * 65,536 Wh); a float counter never wraps (it may be cleared, which a reader sees as a drop).
 *
 * @param wrapsAtWh where the counter wraps, in Wh; {@link Double#POSITIVE_INFINITY} for never
 */
public record EnergyCounter(double wh, double wrapsAtWh) {
    /** The gateway's counters are unsigned 32-bit Wh values that wrap here. */
    public static final double U32_MODULUS = 4_294_967_296.0;

    public EnergyCounter {
        if (!(wh >= 0) || Double.isInfinite(wh) || !(wrapsAtWh > wh)) {
            throw new IllegalArgumentException("a counter is at least 0 Wh and below where it wraps, not " + wh + " of " + wrapsAtWh);
        }
    }

    public boolean wraps() {
        return !Double.isInfinite(wrapsAtWh);
    }

    /**
     * The counter as the gateway's unsigned 32-bit Wh counter: whole Wh, modulo 2^32. Steps
     * forward by what the device's counter steps forward, also across the device's own wrap, when
     * that wrap is a multiple of 2^32 Wh (see {@link #keepsStepsAsU32()}).
     */
    public long asU32Wh() {
        return (long) Math.floor(wh % U32_MODULUS);
    }

    /**
     * True when {@link #asU32Wh()} loses nothing: the counter never wraps, or wraps at a multiple
     * of 2^32 Wh (any 32-bit counter with a whole-number scale). Otherwise a wrap looks, in the
     * 32-bit counter, like a drop to near 0, the same as a reboot; {@link #wrapsAtWh()} tells them apart.
     */
    public boolean keepsStepsAsU32() {
        return !wraps() || wrapsAtWh % U32_MODULUS == 0;
    }
}
