package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.anju.agent.charging.SimulatedPile;
import org.anju.protocol.pile.PileLimits;

/**
 * Simulated piles under {@link ChargingSafety}, wired the way the agent will wire them but in one
 * thread and simulated time: each poll reads every pile and port over Modbus, hands the readings
 * to the supervisors, and carries out their commands at once as Modbus writes. A bus outage stops
 * reads and writes but not the clock or {@code tick}.
 */
final class SupervisedSite {
    static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    private ChargingSafety safety;
    private final Map<String, SimulatedPile> piles = new LinkedHashMap<>();
    private final List<SafetyDecision> log = new ArrayList<>();
    private boolean busUp = true;

    SupervisedSite(ChargingSafety safety, List<SimulatedPile> simulated) {
        this.safety = safety;
        simulated.forEach(p -> piles.put(p.id(), p));
    }

    /** One pile of {@code ports} ports in area A, with these limits and optionally a feeder. */
    static SupervisedSite onePile(int ports, SafetyLimits limits, String feeder) {
        return onePile(ports, PileLimits.DEFAULTS, limits, feeder);
    }

    /** As above, with the pile's firmware limits {@code firmware}. */
    static SupervisedSite onePile(int ports, PileLimits firmware, SafetyLimits limits, String feeder) {
        SimulatedPile pile = new SimulatedPile("pile-1", 1, ports, firmware, T0);
        ChargingSafety safety = new ChargingSafety(List.of(new AreaEgress("A", List.of("door-A"))),
                List.of(new PileSite("pile-1", ports, "A", feeder, limits, AnomalySettings.DEFAULTS)));
        return new SupervisedSite(safety, List.of(pile));
    }

    SimulatedPile pile(String id) {
        return piles.get(id);
    }

    SimulatedPile pile() {
        return piles.values().iterator().next();
    }

    ChargingSafety safety() {
        return safety;
    }

    Instant now() {
        return pile().now();
    }

    /** The gateway restarts: a new supervisor from what the store held. */
    void restartGateway(ChargingSafety fresh) {
        restartGateway(fresh, null);
    }

    /** The gateway restarts with the rules' memory as it was saved ({@code memory}, null for none). */
    void restartGateway(ChargingSafety fresh, RulesMemory memory) {
        List<SafetyDecision> restored = fresh.restore(safety.openSessions(), safety.openAlarms(), memory, now());
        safety = fresh;
        apply(restored);
    }

    void bus(boolean up) {
        busUp = up;
    }

    List<SafetyDecision> log() {
        return log;
    }

    /** Plugs a bike in and closes the relay, as a card at the pile does. */
    void startAtPile(String pileId, int port, org.anju.firmware.pile.Bike bike) {
        piles.get(pileId).sim().plugIn(port, bike);
        piles.get(pileId).writeRelay(port, true);
    }

    void run(Duration total, Duration every) {
        Instant end = now().plus(total);
        while (now().isBefore(end)) {
            step(every);
        }
    }

    /** Runs until a decision matching {@code until} is made; returns it, or null after {@code max}. */
    SafetyDecision runUntil(Predicate<SafetyDecision> until, Duration max, Duration every) {
        Instant end = now().plus(max);
        while (now().isBefore(end)) {
            int before = log.size();
            step(every);
            for (int i = before; i < log.size(); i++) {
                if (until.test(log.get(i))) {
                    return log.get(i);
                }
            }
        }
        return null;
    }

    void step(Duration every) {
        piles.values().forEach(p -> p.advance(every));
        if (busUp) {
            for (SimulatedPile p : piles.values()) {
                apply(safety.onPileReading(p.readPile()));
                for (int port = 1; port <= p.ports(); port++) {
                    apply(safety.onPortReading(p.readPort(port)));
                }
            }
        }
        apply(safety.tick(now()));
    }

    void apply(List<SafetyDecision> decisions) {
        log.addAll(decisions);
        if (!busUp) {
            return; // commands die on a dead bus; the supervisors must cope
        }
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.CutPort cut) {
                piles.get(cut.pileId()).writeRelay(cut.port(), false);
            } else if (d instanceof SafetyDecision.CutArea area) {
                area.piles().forEach(id -> piles.get(id).writeAllRelays(false));
            } else if (d instanceof SafetyDecision.ClosePort close) {
                piles.get(close.pileId()).writeRelay(close.port(), true);
            } else if (d instanceof SafetyDecision.WriteHeartbeat hb) {
                piles.get(hb.pileId()).writeHeartbeat(hb.value());
            }
        }
    }

    List<SafetyDecision> since(int index) {
        return log.subList(index, log.size());
    }

    List<Alarm> alarms() {
        return Readings.raised(log);
    }

    <T extends SafetyDecision> List<T> all(Class<T> type) {
        return Readings.of(type, log);
    }
}
