package org.anju.agent.safety;

import java.time.Instant;
import java.util.List;

import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.protocol.pile.CutReason;

/** Hand-made readings for port 1 of pile-1, and helpers to pick decisions out of a list. */
final class Readings {
    static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    static final String PILE = "pile-1";

    private Readings() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static PortReading on(long seconds, double watts, long counter) {
        OcppStatus state = watts < 30 ? OcppStatus.SUSPENDED_EV : OcppStatus.CHARGING;
        return new PortReading(PILE, 1, at(seconds), state, 229, watts / 229, watts, counter, true, true, CutReason.NONE);
    }

    static PortReading off(long seconds, long counter, OcppStatus state, CutReason cut) {
        return new PortReading(PILE, 1, at(seconds), state, 230, 0, 0, counter, false, true, cut);
    }

    /** Relay reads open (the coil was written) but power still flows: welded contacts. */
    static PortReading welded(long seconds, double watts, long counter) {
        return new PortReading(PILE, 1, at(seconds), OcppStatus.PREPARING, 229, watts / 229, watts, counter, false, true,
                CutReason.REMOTE);
    }

    static PortReading unplugged(long seconds, long counter) {
        return new PortReading(PILE, 1, at(seconds), OcppStatus.AVAILABLE, 230, 0, 0, counter, false, false,
                CutReason.UNPLUGGED);
    }

    static PortReading idle(long seconds, long counter) {
        return new PortReading(PILE, 1, at(seconds), OcppStatus.PREPARING, 230, 0, 0, counter, false, true, CutReason.NONE);
    }

    static PileReading pile(long seconds, double celsius) {
        return new PileReading(PILE, at(seconds), celsius, false, 0);
    }

    static <T extends SafetyDecision> List<T> of(Class<T> type, List<SafetyDecision> decisions) {
        return decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends SafetyDecision> T one(Class<T> type, List<SafetyDecision> decisions) {
        List<T> found = of(type, decisions);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in " + decisions);
        }
        return found.get(0);
    }

    static List<Alarm> raised(List<SafetyDecision> decisions) {
        return of(SafetyDecision.RaiseAlarm.class, decisions).stream().map(SafetyDecision.RaiseAlarm::alarm).toList();
    }
}
