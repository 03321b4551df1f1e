package org.anju.agent.charging;

import java.time.Instant;
import java.util.Objects;

import org.anju.protocol.pile.CutReason;

/**
 * One poll of one charging port.
 *
 * @param state            what the pile says the port is doing, in OCPP words
 * @param energyCounterWh  the pile's energy counter, an unsigned 32-bit value that wraps at 2^32 and
 *                         restarts at 0 when a cheap pile reboots; sessions meter from it
 * @param relayClosed      the relay as the pile reports it (its coil); a welded relay can read open
 *                         while power still flows, which is why cut verification also looks at watts
 * @param pileCutReason    why the pile's own firmware last opened the relay ({@link CutReason#NONE}
 *                         when it does not say or has rebooted)
 */
public record PortReading(String pileId, int port, Instant at, OcppStatus state, double volts, double amps,
                          double watts, long energyCounterWh, boolean relayClosed, boolean plugged,
                          CutReason pileCutReason) implements Reading {

    public PortReading {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pileCutReason, "pileCutReason");
        if (port < 1) {
            throw new IllegalArgumentException("ports are numbered from 1, not " + port);
        }
        if (energyCounterWh < 0 || energyCounterWh >= EnergyMeter.COUNTER_MODULUS) {
            throw new IllegalArgumentException("an energy counter is an unsigned 32-bit value, not " + energyCounterWh);
        }
        if (!(watts >= 0) || !(volts >= 0) || !(amps >= 0)) {
            throw new IllegalArgumentException("volts, amps and watts are never negative or NaN");
        }
    }

    /** A reading from a pile that does not report why it cut. */
    public PortReading(String pileId, int port, Instant at, OcppStatus state, double volts, double amps,
                       double watts, long energyCounterWh, boolean relayClosed, boolean plugged) {
        this(pileId, port, at, state, volts, amps, watts, energyCounterWh, relayClosed, plugged, CutReason.NONE);
    }

    /** The same reading at another time (a supervisor holds time still when a clock is set back). */
    public PortReading withAt(Instant newAt) {
        return new PortReading(pileId, port, newAt, state, volts, amps, watts, energyCounterWh, relayClosed, plugged,
                pileCutReason);
    }

    public static String source(String pileId, int port) {
        return pileId + "/" + port;
    }

    @Override
    public String source() {
        return source(pileId, port);
    }
}
