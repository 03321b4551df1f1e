package org.anju.firmware.pile;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.pile.PileLimits;

/**
 * One port of the simulated pile: its relay and the firmware's per-port protection around the
 * {@link SocketLoad} (bike and meter) every socket has.
 * Not thread-safe on its own: {@link PileSimulator} serialises every call.
 */
final class ChargingPort {
    private final SocketLoad load = new SocketLoad();
    private boolean relayCommanded;
    /** Non-null once the relay's contacts weld: it then conducts (or not) whatever it is told. */
    private Boolean stuckAt;
    private boolean faulted;
    private boolean silent;
    private double sessionSeconds;
    /** The session's age and the time spent below the full-charge power, on the firmware's timers. */
    private double timedSessionSeconds;
    private double fullSeconds;
    private CutReason cutReason = CutReason.NONE;

    void plugIn(Bike newBike) {
        load.plugIn(newBike);
        cutReason = CutReason.NONE;
        faulted = false;
    }

    void unplug() {
        load.unplug();
        if (relayCommanded) {
            cut(CutReason.UNPLUGGED);
        }
        faulted = false;
    }

    /** The gateway (or a card) closes the relay: a new session starts. */
    void close() {
        if (!relayCommanded) {
            sessionSeconds = 0;
            timedSessionSeconds = 0;
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
            load.supplyOff();
        }
    }

    /**
     * Advances the port by {@code seconds} of simulated time, during which {@code timerSeconds} pass
     * on the firmware's timers, and applies the firmware's limits.
     */
    void step(double seconds, double timerSeconds, PileLimits limits, double supplyVolts) {
        load.step(seconds, conducting(), supplyVolts);
        double powerWatts = load.powerWatts();
        if (!relayCommanded) {
            return; // nothing to protect, or a welded relay the firmware cannot open
        }
        sessionSeconds += seconds;
        timedSessionSeconds += timerSeconds;
        if (powerWatts > limits.overloadWatts()) {
            cut(CutReason.OVERLOAD);
            faulted = true;
        } else {
            boolean full = powerWatts < limits.fullChargeWatts();
            fullSeconds = full ? fullSeconds + timerSeconds : 0;
            if (full && fullSeconds >= limits.fullChargeTime().toSeconds()) {
                cut(CutReason.FULL);
            } else if (timedSessionSeconds >= limits.maxSession().toSeconds()) {
                cut(CutReason.MAX_TIME);
            }
        }
        if (!conducting()) {
            load.supplyOff();
        }
    }

    /** The firmware reboots: relays open and the meter restarts at 0, as cheap piles do. */
    void reboot() {
        relayCommanded = false;
        load.resetMeter();
        load.supplyOff();
        sessionSeconds = 0;
        timedSessionSeconds = 0;
        fullSeconds = 0;
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
        if (!load.plugged()) {
            return PortState.AVAILABLE;
        }
        if (!relayCommanded) {
            return cutReason == CutReason.FULL || cutReason == CutReason.MAX_TIME || cutReason == CutReason.REMOTE
                    ? PortState.FINISHING : PortState.PREPARING;
        }
        return load.powerWatts() < limits.fullChargeWatts() ? PortState.SUSPENDED_EV : PortState.CHARGING;
    }

    boolean relayCommanded() {
        return relayCommanded;
    }

    boolean plugged() {
        return load.plugged();
    }

    double powerWatts() {
        return load.powerWatts();
    }

    double voltage() {
        return load.volts();
    }

    double energyWh() {
        return load.meteredWh();
    }

    double sessionSeconds() {
        return sessionSeconds;
    }

    double stateOfCharge() {
        return load.stateOfCharge();
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
        load.overload(watts);
    }
}
