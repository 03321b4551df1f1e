package org.anju.agent.charging;

import java.time.Instant;

import org.anju.profiles.reading.EnergyCounter;
import org.anju.profiles.reading.PileValues;
import org.anju.profiles.reading.PortValues;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;

/**
 * What one poll decoded of a charging port or pile by its profile ({@link PortValues},
 * {@link PileValues}) as the reading the rules judge, whether the port is a pile's or a socket made
 * of an energy meter and a relay-board channel. Pure. A value a device should never send (an unknown state code) becomes a faulted port,
 * not an exception: a glitching device must not stop supervision.
 */
public final class PortReadings {

    private PortReadings() {
    }

    /** A pile's own reading (temperature, smoke input, alarm bits); none when the poll holds no temperature. */
    public static java.util.Optional<PileReading> ofPile(String pileId, Instant at, PileValues v) {
        if (v.temperatureC().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PileReading(pileId, at, v.temperatureC().getAsDouble(), v.smoke().orElse(false),
                v.alarmBits().orElse(0)));
    }

    /**
     * A pile's port: its own relay coil, plug sensor, state and cut-reason codes (read with the
     * reference pile's meaning, {@link PortState}, {@link CutReason}). What the profile does not map
     * reads as the safe guess: a plug in (the supervisor then judges by power), no cut reason.
     */
    public static PortReading ofPilePort(String pileId, int port, Instant at, PortValues v) {
        OcppStatus state = OcppStatus.AVAILABLE;
        if (v.stateCode().isPresent()) {
            try {
                state = OcppStatus.ofPile(PortState.ofCode(v.stateCode().getAsInt()));
            } catch (IllegalArgumentException unknown) {
                state = OcppStatus.FAULTED;
            }
        }
        CutReason cut = CutReason.NONE;
        if (v.cutReasonCode().isPresent()) {
            try {
                cut = CutReason.ofCode(v.cutReasonCode().getAsInt());
            } catch (IllegalArgumentException unknown) {
                cut = CutReason.NONE;
            }
        }
        return new PortReading(pileId, port, at, state, Math.max(0, v.volts().orElse(0)), Math.max(0, v.amps().orElse(0)),
                Math.max(0, v.watts()), counterWh(v.energy()), v.relayClosed().orElse(false), v.plugged().orElse(true), cut,
                modulusWh(v.energy()));
    }

    /**
     * A socket: its meter's values and the relay-board channel that switches it. A socket has no
     * plug sensor and no firmware, so what a pile reports is told from the relay and the power:
     * while the socket is live a plug is in when it draws more than {@code offWatts} (while it is
     * off nothing can tell, and a start must be possible, so it counts as plugged); the state is
     * Charging from {@code fullWatts} up, SuspendedEV below, Preparing when live and drawing nothing
     * (switched on, no bike yet), Available when off. Power that flows back reads 0.
     *
     * @param relayClosed the channel's coil as the board last reported it
     */
    public static PortReading ofSocket(String boardId, int channel, Instant at, PortValues meter, boolean relayClosed,
                                       double offWatts, double fullWatts) {
        double watts = Math.max(0, meter.watts());
        boolean drawing = watts > offWatts;
        OcppStatus state;
        if (!relayClosed) {
            state = drawing ? OcppStatus.CHARGING : OcppStatus.AVAILABLE; // power through an open relay: welded
        } else if (!drawing) {
            state = OcppStatus.PREPARING;
        } else {
            state = watts < fullWatts ? OcppStatus.SUSPENDED_EV : OcppStatus.CHARGING;
        }
        return new PortReading(boardId, channel, at, state, Math.max(0, meter.volts().orElse(0)),
                Math.max(0, meter.amps().orElse(0)), watts, counterWh(meter.energy()), relayClosed, !relayClosed || drawing,
                CutReason.NONE, modulusWh(meter.energy()));
    }

    /**
     * The counter in whole Wh: the gateway's 32-bit counter when that keeps every step of the
     * device's (see {@link EnergyCounter#keepsStepsAsU32()}), else the device's own value, which
     * wraps where the device's does.
     */
    static long counterWh(EnergyCounter c) {
        return c.keepsStepsAsU32() ? c.asU32Wh() : Math.min(modulusWh(c) - 1, (long) Math.floor(c.wh()));
    }

    /** Where {@link #counterWh} wraps: 2^32, or where the device's counter does when that is not a multiple of it. */
    static long modulusWh(EnergyCounter c) {
        return c.keepsStepsAsU32() ? EnergyMeter.COUNTER_MODULUS : Math.max(2, (long) Math.floor(c.wrapsAtWh()));
    }
}
