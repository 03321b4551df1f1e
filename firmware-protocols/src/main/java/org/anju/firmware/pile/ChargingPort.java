package org.anju.firmware.pile;

/**
 * One port of the simulated pile: its plug, relay, meter and the firmware's per-port protection.
 * Not thread-safe on its own: {@link PileSimulator} serialises every call.
 */
final class ChargingPort {
    private static final double MAINS_VOLTS = 230.0;

    private Bike bike;
    private double soc;
    private boolean relayCommanded;
    /** Non-null once the relay's contacts weld: it then conducts (or not) whatever it is told. */
    private Boolean stuckAt;
    private boolean faulted;
    private boolean silent;
    private double extraWatts;
    private double powerWatts;
    private double voltage = MAINS_VOLTS;
    private double energyWh;
    private double sessionSeconds;
    private double fullSeconds;
    private CutReason cutReason = CutReason.NONE;

    void plugIn(Bike newBike) {
        bike = newBike;
        soc = newBike.stateOfCharge();
        cutReason = CutReason.NONE;
        faulted = false;
    }

    void unplug() {
        bike = null;
        extraWatts = 0;
        if (relayCommanded) {
            cut(CutReason.UNPLUGGED);
        }
        faulted = false;
    }

    /** The gateway (or a card) closes the relay: a new session starts. */
    void close() {
        if (!relayCommanded) {
            sessionSeconds = 0;
            fullSeconds = 0;
        }
        relayCommanded = true;
        faulted = false;
        cutReason = CutReason.NONE;
    }

    void open(CutReason reason) {
        if (relayCommanded) {
            cut(reason);
        }
    }

    private void cut(CutReason reason) {
        relayCommanded = false;
        cutReason = reason;
        fullSeconds = 0;
        if (!conducting()) {
            powerWatts = 0; // the meter sees the load go at once, not at the next physics step
        }
    }

    /** Advances the port by {@code seconds} of simulated time and applies the firmware's limits. */
    void step(double seconds, PileLimits limits, double supplyVolts) {
        voltage = supplyVolts;
        powerWatts = bike != null && conducting() ? bike.drawAt(soc) + extraWatts : 0;
        if (powerWatts > 0) {
            energyWh += powerWatts * seconds / 3600.0;
            // about 90 % of what the charger draws ends up in the battery
            soc = Math.min(1.0, soc + bike.drawAt(soc) * seconds / 3600.0 * 0.9 / bike.capacityWh());
        }
        if (!relayCommanded) {
            return; // nothing to protect, or a welded relay the firmware cannot open
        }
        sessionSeconds += seconds;
        if (powerWatts > limits.overloadWatts()) {
            cut(CutReason.OVERLOAD);
            faulted = true;
        } else {
            boolean full = powerWatts < limits.fullChargeWatts();
            fullSeconds = full ? fullSeconds + seconds : 0;
            if (full && fullSeconds >= limits.fullChargeTime().toSeconds()) {
                cut(CutReason.FULL);
            } else if (sessionSeconds >= limits.maxSession().toSeconds()) {
                cut(CutReason.MAX_TIME);
            }
        }
        if (!conducting()) {
            powerWatts = 0;
        }
    }

    /** The firmware reboots: relays open and the meter restarts at 0, as cheap piles do. */
    void reboot() {
        relayCommanded = false;
        energyWh = 0;
        sessionSeconds = 0;
        fullSeconds = 0;
        powerWatts = 0;
        cutReason = CutReason.NONE;
        faulted = false;
    }

    PortState state(boolean pileAlarm, PileLimits limits) {
        if (faulted) {
            return PortState.FAULTED;
        }
        if (pileAlarm) {
            return PortState.UNAVAILABLE;
        }
        if (bike == null) {
            return PortState.AVAILABLE;
        }
        if (!relayCommanded) {
            return cutReason == CutReason.FULL || cutReason == CutReason.MAX_TIME || cutReason == CutReason.REMOTE
                    ? PortState.FINISHING : PortState.PREPARING;
        }
        return powerWatts < limits.fullChargeWatts() ? PortState.SUSPENDED_EV : PortState.CHARGING;
    }

    boolean relayCommanded() {
        return relayCommanded;
    }

    boolean plugged() {
        return bike != null;
    }

    double powerWatts() {
        return powerWatts;
    }

    double voltage() {
        return voltage;
    }

    double energyWh() {
        return energyWh;
    }

    double sessionSeconds() {
        return sessionSeconds;
    }

    double stateOfCharge() {
        return soc;
    }

    CutReason cutReason() {
        return cutReason;
    }

    boolean silent() {
        return silent;
    }

    void silent(boolean value) {
        silent = value;
    }

    /** The relay's contacts weld in their present position. */
    void stickRelay() {
        stuckAt = relayCommanded;
    }

    private boolean conducting() {
        return stuckAt != null ? stuckAt : relayCommanded;
    }

    void overload(double watts) {
        extraWatts = watts;
    }
}
