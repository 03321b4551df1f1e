package org.anju.firmware.pile;

/**
 * What draws power from one charging socket, and the meter that counts it: a bike (or none) on
 * its charger, the extra a failing charger draws, the supply voltage, the power flowing and the
 * energy counted. Every socket shares this physics, whether it is a pile's port (relay and meter
 * inside the pile) or a socket behind a DIN-rail meter and a relay-board channel; what switches
 * the supply is the owner's business and comes in as {@code conducting}.
 *
 * <p>Not thread-safe: its owner serialises every call.
 */
public final class SocketLoad {
    public static final double MAINS_VOLTS = 230.0;
    /** The supply sags with the load on the feeder that serves the sockets. */
    private static final double SAG_VOLTS_PER_WATT = 0.004;
    /** About 90 % of what the charger draws ends up in the battery. */
    private static final double CHARGE_EFFICIENCY = 0.9;
    /** A common e-bike charger with passive power-factor correction, under load. */
    private static final double CHARGER_POWER_FACTOR = 0.93;

    private Bike bike;
    private double soc;
    private double extraWatts;
    private double powerWatts;
    private double volts = MAINS_VOLTS;
    private double meteredWh;

    /** The supply voltage at the sockets when they draw {@code totalLoadWatts} together. */
    public static double supplyVolts(double totalLoadWatts) {
        return MAINS_VOLTS - SAG_VOLTS_PER_WATT * totalLoadWatts;
    }

    public void plugIn(Bike newBike) {
        bike = newBike;
        soc = newBike.stateOfCharge();
    }

    public void unplug() {
        bike = null;
        extraWatts = 0;
    }

    /** The charger draws {@code watts} more than the bike asks, as a failing charger does. */
    public void overload(double watts) {
        extraWatts = watts;
    }

    /** Advances by {@code seconds} of simulated time with the supply on or off. */
    public void step(double seconds, boolean conducting, double supplyVolts) {
        volts = supplyVolts;
        powerWatts = bike != null && conducting ? bike.drawAt(soc) + extraWatts : 0;
        if (powerWatts > 0) {
            meteredWh += powerWatts * seconds / 3600.0;
            soc = Math.min(1.0, soc + bike.drawAt(soc) * seconds / 3600.0 * CHARGE_EFFICIENCY / bike.capacityWh());
        }
    }

    /** The supply went off: the meter sees the load go at once, not at the next physics step. */
    public void supplyOff() {
        powerWatts = 0;
    }

    /** The meter restarts at 0, as a cheap pile's does when it reboots or an installer clears it. */
    public void resetMeter() {
        meteredWh = 0;
    }

    /** The meter holds {@code wh} already, as one that has been in service a while does. */
    public void presetMeter(double wh) {
        if (!(wh >= 0) || Double.isInfinite(wh)) {
            throw new IllegalArgumentException("a meter holds 0 Wh or more, not " + wh);
        }
        meteredWh = wh;
    }

    public boolean plugged() {
        return bike != null;
    }

    public double powerWatts() {
        return powerWatts;
    }

    public double volts() {
        return volts;
    }

    /** The current drawn: the charger's power over the voltage and its power factor. */
    public double amps() {
        return volts > 0 && powerWatts > 0 ? powerWatts / (volts * CHARGER_POWER_FACTOR) : 0;
    }

    /** Reactive power in var: the charger's power factor leaves some of its apparent power reactive. */
    public double reactiveVar() {
        if (powerWatts <= 0) {
            return 0;
        }
        return powerWatts * Math.tan(Math.acos(CHARGER_POWER_FACTOR));
    }

    /** 1 with nothing drawn, as a meter shows at no load. */
    public double powerFactor() {
        return powerWatts > 0 ? CHARGER_POWER_FACTOR : 1.0;
    }

    /** Energy that went through the socket since the meter last started at 0. */
    public double meteredWh() {
        return meteredWh;
    }

    public double stateOfCharge() {
        return soc;
    }
}
