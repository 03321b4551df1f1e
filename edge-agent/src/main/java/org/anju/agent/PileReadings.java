package org.anju.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.profiles.model.ChargingPileProfile;

/**
 * What a pile's registers say, as readings for the charging rules: taken from the profile by
 * register role (power, energy, relay, ...), with state and cut-reason codes read with the
 * reference pile's meaning ({@link PortState}, {@link CutReason}). One scan of the pile, or a
 * read-back of a few ports after a command, goes through here alike.
 */
final class PileReadings {
    /** The port registers a reading is made of; the read-back after a command reads exactly these. */
    static final List<String> PORT_ROLES = List.of("relay", "plugged", "state", "cutReason", "voltage", "current",
            "power", "energy");

    private PileReadings() {
    }

    /** The pile's own reading (temperature, smoke, alarm bits), when the snapshot has its temperature. */
    static Optional<PileReading> pile(RegisterSnapshot s, ChargingPileProfile p, Instant at) {
        double temperature = temperature(s, p);
        if (Double.isNaN(temperature)) {
            return Optional.empty();
        }
        boolean smoke = pileValue(s, p, "smoke").map(v -> v != 0).orElse(false);
        int alarms = pileValue(s, p, "alarms").map(Double::intValue).orElse(0);
        return Optional.of(new PileReading(s.device(), at, temperature, smoke, alarms));
    }

    /** The pile's temperature in the snapshot, NaN when it has none. */
    static double temperature(RegisterSnapshot s, ChargingPileProfile p) {
        return pileValue(s, p, "temperature").orElse(Double.NaN);
    }

    /** A reading of each of {@code ports} whose power and energy the snapshot holds. */
    static List<PortReading> ports(RegisterSnapshot s, ChargingPileProfile p, Set<Integer> ports, Instant at) {
        List<PortReading> out = new ArrayList<>();
        for (int port : ports) {
            port(s, p, port, at).ifPresent(out::add);
        }
        return out;
    }

    /** One port's reading, or empty when the snapshot did not cover its power and energy. */
    static Optional<PortReading> port(RegisterSnapshot s, ChargingPileProfile p, int port, Instant at) {
        Optional<Double> watts = portValue(s, p, "power", port);
        Optional<Double> energy = portValue(s, p, "energy", port);
        if (watts.isEmpty() || energy.isEmpty()) {
            return Optional.empty();
        }
        OcppStatus state = portValue(s, p, "state", port).map(v -> {
            try {
                return OcppStatus.ofPile(PortState.ofCode(v.intValue()));
            } catch (IllegalArgumentException unknown) {
                return OcppStatus.FAULTED;
            }
        }).orElse(OcppStatus.AVAILABLE);
        CutReason cut = portValue(s, p, "cutReason", port).map(v -> {
            try {
                return CutReason.ofCode(v.intValue());
            } catch (IllegalArgumentException unknown) {
                return CutReason.NONE;
            }
        }).orElse(CutReason.NONE);
        long counter = (long) Math.floor(energy.get()) & 0xFFFFFFFFL;
        return Optional.of(new PortReading(s.device(), port, at, state,
                Math.max(0, portValue(s, p, "voltage", port).orElse(0.0)),
                Math.max(0, portValue(s, p, "current", port).orElse(0.0)), Math.max(0, watts.get()), counter,
                portValue(s, p, "relay", port).map(v -> v != 0).orElse(false),
                portValue(s, p, "plugged", port).map(v -> v != 0).orElse(true), cut));
    }

    private static Optional<Double> pileValue(RegisterSnapshot s, ChargingPileProfile p, String role) {
        return Optional.ofNullable(p.pileRegisters().get(role)).flatMap(s::value);
    }

    private static Optional<Double> portValue(RegisterSnapshot s, ChargingPileProfile p, String role, int port) {
        return p.portRegister(role, port).flatMap(s::value);
    }
}
