package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.Request;
import org.anju.agent.charging.SessionRecord;

/**
 * Charging supervision for a whole site, the one object the agent wires to its buses, doors and
 * outbox: every reading goes in, decisions come out (commands first). It joins what no single
 * supervisor can see: a fire in an area (its own inputs or a pile's smoke detector) cuts every
 * pile of the area and holds their ports off until the fire alarm clears.
 *
 * <p>Pure and single-threaded: no clock, no timers, no I/O. Give it readings from one thread (or
 * one verticle), and call {@link #tick} about once a second so cut deadlines pass even when a pile
 * stops answering.
 */
public final class ChargingSafety {
    private final Map<String, PileSupervisor> piles = new LinkedHashMap<>();
    private final Map<String, AreaSupervisor> areas = new LinkedHashMap<>();
    private final CutRequests cuts = new CutRequests();
    /** Readings kept for a restart are thinned to one per this; the windows fit lines through minutes. */
    private static final Duration MEMORY_SPACING = Duration.ofSeconds(5);

    /** Builds the supervisors from the site layout; every pile's area must be among {@code areas}. */
    public ChargingSafety(List<AreaEgress> areaList, List<PileSite> pileSites) {
        Map<String, List<String>> pilesOfArea = new LinkedHashMap<>();
        areaList.forEach(a -> {
            if (pilesOfArea.put(a.areaId(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("charging area " + a.areaId() + " is defined twice");
            }
        });
        for (PileSite site : pileSites) {
            List<String> inArea = pilesOfArea.get(site.areaId());
            if (inArea == null) {
                throw new IllegalArgumentException("pile " + site.pileId() + " stands in area " + site.areaId()
                        + ", which the site does not define");
            }
            if (piles.put(site.pileId(), new PileSupervisor(site)) != null) {
                throw new IllegalArgumentException("pile " + site.pileId() + " is defined twice");
            }
            inArea.add(site.pileId());
        }
        for (AreaEgress a : areaList) {
            Duration clearAfter = pileSites.stream().filter(p -> p.areaId().equals(a.areaId()))
                    .map(p -> p.limits().alarmClearAfter()).min(Duration::compareTo)
                    .orElse(SafetyLimits.DEFAULTS.alarmClearAfter());
            Map<String, String> feeders = new LinkedHashMap<>();
            pileSites.stream().filter(p -> p.areaId().equals(a.areaId()) && p.feeder() != null)
                    .forEach(p -> feeders.put(p.pileId(), p.feeder()));
            areas.put(a.areaId(), new AreaSupervisor(a, pilesOfArea.get(a.areaId()), feeders, clearAfter));
        }
    }

    public List<SafetyDecision> onPortReading(PortReading r) {
        return cuts.settle(pile(r.pileId()).onPortReading(r));
    }

    /**
     * A pile's own reading: its temperature and heartbeat, and for its area its smoke detector and
     * whether it heats on with every relay open (a fire too).
     */
    public List<SafetyDecision> onPileReading(PileReading r) {
        PileSupervisor pile = pile(r.pileId());
        AreaSupervisor area = area(pile.site().areaId());
        Decisions out = new Decisions();
        out.addAll(withArea(area, area.onPileReading(r)));
        out.addAll(pile.onPileReading(r));
        out.addAll(withArea(area, area.onPileHeating(r, pile.heatingWithEveryRelayOpen(), pile.unloadedHeatingDetail())));
        return cuts.settle(out.toList());
    }

    public List<SafetyDecision> onFireInput(FireInput in) {
        AreaSupervisor area = area(in.areaId());
        return cuts.settle(withArea(area, area.onFireInput(in)));
    }

    /** Time passed: deadlines of cuts whose piles went quiet, and alarm clears. */
    public List<SafetyDecision> tick(Instant now) {
        Decisions out = new Decisions();
        for (AreaSupervisor area : areas.values()) {
            out.addAll(withArea(area, area.tick(now)));
        }
        for (PileSupervisor pile : piles.values()) {
            out.addAll(pile.tick(now));
        }
        return cuts.settle(out.toList());
    }

    public List<SafetyDecision> requestStart(String pileId, int port, String by, Instant at) {
        return pile(pileId).requestStart(port, by, at);
    }

    /** A start with the limits the tenant chose for the charge (an energy, a time), enforced within the site's. */
    public List<SafetyDecision> requestStart(String pileId, int port, String by, Instant at,
                                             org.anju.agent.charging.SessionLimits chosen) {
        return pile(pileId).requestStart(port, by, at, chosen);
    }

    /**
     * A stop of one port, answered by a {@link SafetyDecision.CutCompleted} with {@code requestId}
     * once the port is settled (or a {@link SafetyDecision.StopRefused} at once: a tenant's stop of
     * a charge that is not theirs). See {@link PortSupervisor#requestStop}.
     */
    public List<SafetyDecision> requestStop(String requestId, String pileId, int port, String tenant, String by,
                                            Instant at) {
        List<SafetyDecision> decided = pile(pileId).port(port).requestStop(tenant, by, at);
        if (decided.stream().anyMatch(d -> d instanceof SafetyDecision.StopRefused)) {
            return decided;
        }
        return waitFor(requestId, "charge.stop", by, null, decided, at);
    }

    /** An officer's cut of one port, in their name; completed like a stop. */
    public List<SafetyDecision> requestPortCut(String requestId, String pileId, int port, String by, Instant at) {
        PortSupervisor p = pile(pileId).port(port);
        return waitFor(requestId, "port.cut", by, null,
                p.requestCut(EndReason.OFFICER_CUT, new Request(p.source(), "port.cut", by, at)), at);
    }

    /**
     * An officer's cut of every port of an area, in their name, completed once every port is
     * settled. The ports stay held off for {@link EndReason#OFFICER_CUT} until an officer restores
     * the area ({@link #requestAreaRestore}): what an officer switched off stays off until one says so.
     */
    public List<SafetyDecision> requestAreaCut(String requestId, String areaId, String by, Instant at) {
        AreaSupervisor area = area(areaId);
        Decisions out = new Decisions();
        Request request = new Request(FireInput.source(areaId), "area.cut", by, at);
        for (String pileId : area.piles()) {
            PileSupervisor pile = pile(pileId);
            for (int port : pile.site().ports()) {
                out.addAll(pile.port(port).requestCut(EndReason.OFFICER_CUT, request));
                pile.port(port).holdCut(EndReason.OFFICER_CUT, request);
            }
        }
        return waitFor(requestId, "area.cut", by, areaId, out.toList(), at);
    }

    /**
     * An officer restores an area, in their name: refused while a fire input of the area is still
     * active; otherwise its fire alarm (if open) is acknowledged and cleared now, and its ports'
     * fire and officer's-cut holds are released. A pile still too hot keeps its own hold, and the
     * answer names its ports.
     */
    public List<SafetyDecision> requestAreaRestore(String areaId, String by, Instant at) {
        AreaSupervisor area = area(areaId);
        Decisions out = new Decisions();
        String refusal = area.restore(by, at, out);
        if (refusal != null) {
            return List.of(new SafetyDecision.RestoreRefused(areaId, by, refusal));
        }
        List<String> released = new ArrayList<>();
        List<String> stillHeld = new ArrayList<>();
        for (String pileId : area.piles()) {
            PileSupervisor pile = pile(pileId);
            for (int port : pile.site().ports()) {
                PortSupervisor p = pile.port(port);
                boolean was = p.release(EndReason.SMOKE_OR_FIRE) | p.release(EndReason.OFFICER_CUT);
                if (p.hold().isPresent()) {
                    stillHeld.add(p.source());
                } else if (was) {
                    released.add(p.source());
                }
            }
        }
        out.event(new SafetyDecision.AreaRestored(areaId, by, released, stillHeld, at));
        return out.toList();
    }

    /** The ports ({@code pile-1/3}) a stop or cut with this id still waits for; empty when it is settled or unknown. */
    public java.util.Set<String> unsettled(String requestId) {
        return cuts.unsettled(requestId);
    }

    /** Registers a request for the ports {@code decided} verifies, then settles what is settled already. */
    private List<SafetyDecision> waitFor(String requestId, String kind, String by, String area,
                                         List<SafetyDecision> decided, Instant at) {
        Decisions out = new Decisions();
        out.addAll(decided);
        out.addAll(cuts.add(requestId, kind, by, area, verified(decided), at));
        return cuts.settle(out.toList());
    }

    /** The ports ({@code pile-1/3}) these decisions read back after a cut. */
    private static java.util.Set<String> verified(List<SafetyDecision> decisions) {
        java.util.Set<String> ports = new java.util.LinkedHashSet<>();
        decisions.stream().filter(d -> d instanceof SafetyDecision.VerifyCut).map(d -> (SafetyDecision.VerifyCut) d)
                .forEach(v -> ports.add(PortReading.source(v.pileId(), v.port())));
        return ports;
    }

    /** A person acknowledged an alarm; an id nobody owns (already cleared, or unknown) yields nothing. */
    public List<SafetyDecision> acknowledge(String alarmId, String by, Instant at) {
        for (AreaSupervisor area : areas.values()) {
            if (area.owns(alarmId)) {
                return cuts.settle(withArea(area, area.acknowledge(alarmId, by, at)));
            }
        }
        for (PileSupervisor pile : piles.values()) {
            if (pile.owns(alarmId)) {
                return cuts.settle(pile.acknowledge(alarmId, by, at));
            }
        }
        return List.of();
    }

    /**
     * After a gateway restart: the sessions and alarms that were open when it stopped. Sessions
     * carry on from the next reading. An area whose fire alarm was open is in fire again and its
     * ports are cut once more, which is what the returned decisions do.
     */
    public List<SafetyDecision> restore(List<SessionRecord> openSessions, List<Alarm> openAlarms, Instant now) {
        return restore(openSessions, openAlarms, null, now);
    }

    /**
     * As {@link #restore(List, List, Instant)}, with what the rules had seen lately
     * ({@link #memory}): the detectors' recent readings and each session's full-charge timer and
     * power curve. Memory that is not {@link RulesMemory#usableAt usable} now (null included) is
     * left out, and the rules re-arm from nothing.
     */
    public List<SafetyDecision> restore(List<SessionRecord> openSessions, List<Alarm> openAlarms, RulesMemory memory,
                                        Instant now) {
        for (SessionRecord s : openSessions) {
            pile(s.pileId()).resume(s);
        }
        if (memory != null && memory.usableAt(now)) {
            for (RulesMemory.PileMemory m : memory.piles()) {
                PileSupervisor pile = piles.get(m.pileId());
                if (pile != null) {
                    pile.restore(m, now);
                }
            }
        }
        for (Alarm alarm : openAlarms) {
            areas.values().forEach(a -> a.restore(alarm));
            piles.values().forEach(p -> p.restore(alarm));
        }
        Decisions out = new Decisions();
        for (AreaSupervisor area : areas.values()) {
            if (area.inFire()) {
                Alarm fire = area.openAlarms().get(0);
                for (String pileId : area.piles()) {
                    out.addAll(pile(pileId).holdAll(EndReason.SMOKE_OR_FIRE, fire.cause(), true));
                }
            }
        }
        return out.toList();
    }

    /** What the rules have seen lately, for {@link #restore(List, List, RulesMemory, Instant)} after a restart. */
    public RulesMemory memory(Instant now) {
        List<RulesMemory.PileMemory> memory = new ArrayList<>();
        piles.values().forEach(p -> memory.add(p.memory(MEMORY_SPACING)));
        return new RulesMemory(now, memory);
    }

    public List<SessionRecord> openSessions() {
        List<SessionRecord> open = new ArrayList<>();
        piles.values().forEach(p -> open.addAll(p.openSessions()));
        return open;
    }

    public List<Alarm> openAlarms() {
        List<Alarm> open = new ArrayList<>();
        areas.values().forEach(a -> open.addAll(a.openAlarms()));
        piles.values().forEach(p -> open.addAll(p.openAlarms()));
        return open;
    }

    public PileSupervisor pile(String pileId) {
        PileSupervisor pile = piles.get(pileId);
        if (pile == null) {
            throw new IllegalArgumentException("no pile " + pileId + " on this site");
        }
        return pile;
    }

    public AreaSupervisor area(String areaId) {
        AreaSupervisor area = areas.get(areaId);
        if (area == null) {
            throw new IllegalArgumentException("no charging area " + areaId + " on this site");
        }
        return area;
    }

    /**
     * Applies what an area decided to its piles: a cut holds their ports off (and is completed by
     * a {@link SafetyDecision.CutCompleted} once the ports that were or may have been on are
     * settled), a cleared fire releases them.
     */
    private List<SafetyDecision> withArea(AreaSupervisor area, List<SafetyDecision> decided) {
        Decisions out = new Decisions();
        out.addAll(decided);
        for (SafetyDecision d : decided) {
            if (d instanceof SafetyDecision.CutArea cut) {
                Decisions held = new Decisions();
                for (String pileId : cut.piles()) {
                    held.addAll(pile(pileId).holdAll(cut.reason(), cut.cause(), false));
                }
                out.addAll(held.toList());
                out.addAll(cuts.add(null, cut.reason().name(), null, cut.areaId(), verified(held.toList()),
                        cut.cause().at()));
            }
        }
        if (!area.inFire()) {
            area.piles().forEach(p -> pile(p).releaseAll(EndReason.SMOKE_OR_FIRE));
        }
        return out.toList();
    }
}
