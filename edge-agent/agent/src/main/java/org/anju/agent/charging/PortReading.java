package org.anju.agent.charging;

import java.time.Instant;
import java.util.Objects;

import org.anju.protocol.pile.CutReason;

/**
 * One poll of one charging port.
 *
 * @param state            what the pile says the port is doing, in OCPP words
 * @param energyCounterWh  the port's energy counter (a pile's, or a socket's meter), an unsigned value
 *                         that wraps at {@code counterModulusWh} and restarts at 0 when a cheap pile
 *                         reboots or a meter is cleared; sessions meter from it
 * @param relayClosed      the relay as the pile or the relay board reports it (its coil); a welded relay
 *                         can read open while power still flows, which is why cut verification also
 *                         looks at watts
 * @param plugged          a plug is in the socket: the pile's plug sensor, or for a socket, which has
 *                         none, power drawn while it is live (true while it is off: it cannot tell)
 * @param pileCutReason    why the pile's own firmware last opened the relay ({@link CutReason#NONE}
 *                         when it does not say or has rebooted; always for a socket, which has no firmware)
 * @param counterModulusWh where the energy counter wraps: 2^32, or sooner when the meter's own does
 */
public record PortReading(String pileId, int port, Instant at, OcppStatus state, double volts, double amps,
                          double watts, long energyCounterWh, boolean relayClosed, boolean plugged,
                          CutReason pileCutReason, long counterModulusWh) implements Reading {

    public PortReading {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pileCutReason, "pileCutReason");
        if (port < 1) {
            throw new IllegalArgumentException("ports are numbered from 1, not " + port);
        }
        if (counterModulusWh < 2) {
            throw new IllegalArgumentException("an energy counter wraps at 2 Wh or more, not " + counterModulusWh);
        }
        if (energyCounterWh < 0 || energyCounterWh >= counterModulusWh) {
            throw new IllegalArgumentException("an energy counter is 0 to " + (counterModulusWh - 1) + " Wh, not "
                    + energyCounterWh);
        }
        if (!(watts >= 0) || !(volts >= 0) || !(amps >= 0)) {
            throw new IllegalArgumentException("volts, amps and watts are never negative or NaN");
        }
    }

    /** A reading whose counter is the gateway's 32-bit one. */
    public PortReading(String pileId, int port, Instant at, OcppStatus state, double volts, double amps,
                       double watts, long energyCounterWh, boolean relayClosed, boolean plugged, CutReason pileCutReason) {
        this(pileId, port, at, state, volts, amps, watts, energyCounterWh, relayClosed, plugged, pileCutReason,
                EnergyMeter.COUNTER_MODULUS);
    }

    /** A reading from a pile that does not report why it cut. */
    public PortReading(String pileId, int port, Instant at, OcppStatus state, double volts, double amps,
                       double watts, long energyCounterWh, boolean relayClosed, boolean plugged) {
        this(pileId, port, at, state, volts, amps, watts, energyCounterWh, relayClosed, plugged, CutReason.NONE);
    }

    /** The same reading at another time (a supervisor holds time still when a clock is set back). */
    public PortReading withAt(Instant newAt) {
        return new PortReading(pileId, port, newAt, state, volts, amps, watts, energyCounterWh, relayClosed, plugged,
                pileCutReason, counterModulusWh);
    }

    public static String source(String pileId, int port) {
        return pileId + "/" + port;
    }

    @Override
    public String source() {
        return source(pileId, port);
    }
}
