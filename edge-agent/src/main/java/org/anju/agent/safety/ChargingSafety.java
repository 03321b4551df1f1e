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

    /** Builds the supervisors from the site layout; every pile's area must be among {@code areas}. */
    public ChargingSafety(List<ChargingArea> areaList, List<PileSite> pileSites) {
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
        for (ChargingArea a : areaList) {
            Duration clearAfter = pileSites.stream().filter(p -> p.areaId().equals(a.areaId()))
                    .map(p -> p.limits().alarmClearAfter()).min(Duration::compareTo)
                    .orElse(SafetyLimits.DEFAULTS.alarmClearAfter());
            areas.put(a.areaId(), new AreaSupervisor(a, pilesOfArea.get(a.areaId()), clearAfter));
        }
    }

    public List<SafetyDecision> onPortReading(PortReading r) {
        return pile(r.pileId()).onPortReading(r);
    }

    /** A pile's own reading: its temperature and heartbeat, and its smoke detector for its area. */
    public List<SafetyDecision> onPileReading(PileReading r) {
        PileSupervisor pile = pile(r.pileId());
        AreaSupervisor area = area(pile.site().areaId());
        Decisions out = new Decisions();
        out.addAll(withArea(area, area.onPileReading(r)));
        out.addAll(pile.onPileReading(r));
        return out.toList();
    }

    public List<SafetyDecision> onFireInput(FireInput in) {
        AreaSupervisor area = area(in.areaId());
        return withArea(area, area.onFireInput(in));
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
        return out.toList();
    }

    public List<SafetyDecision> requestStart(String pileId, int port, String by, Instant at) {
        return pile(pileId).requestStart(port, by, at);
    }

    public List<SafetyDecision> requestStop(String pileId, int port, String by, Instant at) {
        return pile(pileId).requestStop(port, by, at);
    }

    /** A person acknowledged an alarm; an id nobody owns (already cleared, or unknown) yields nothing. */
    public List<SafetyDecision> acknowledge(String alarmId, String by, Instant at) {
        for (AreaSupervisor area : areas.values()) {
            if (area.owns(alarmId)) {
                return withArea(area, area.acknowledge(alarmId, by, at));
            }
        }
        for (PileSupervisor pile : piles.values()) {
            if (pile.owns(alarmId)) {
                return pile.acknowledge(alarmId, by, at);
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
        for (SessionRecord s : openSessions) {
            pile(s.pileId()).resume(s);
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

    /** Applies what an area decided to its piles: a cut holds their ports off, a cleared fire releases them. */
    private List<SafetyDecision> withArea(AreaSupervisor area, List<SafetyDecision> decided) {
        Decisions out = new Decisions();
        out.addAll(decided);
        for (SafetyDecision d : decided) {
            if (d instanceof SafetyDecision.CutArea cut) {
                for (String pileId : cut.piles()) {
                    out.addAll(pile(pileId).holdAll(cut.reason(), cut.cause(), false));
                }
            }
        }
        if (!area.inFire()) {
            area.piles().forEach(p -> pile(p).releaseAll(EndReason.SMOKE_OR_FIRE));
        }
        return out.toList();
    }
}
