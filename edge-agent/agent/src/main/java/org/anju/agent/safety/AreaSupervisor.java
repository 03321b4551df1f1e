package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.Reading;

/**
 * Fire in one charging area. The first sign of smoke or fire (a smoke detector or fire-panel
 * contact wired for the area, or a pile's own smoke detector) cuts every port of every pile in
 * the area, releases the area's fail-safe egress doors and raises a fire alarm at the highest
 * severity, in that order. The area then stays in fire, its ports held off, until every input
 * has been quiet for {@code clearAfter} <em>and</em> a person has acknowledged the alarm; inputs
 * that flap meanwhile change nothing. Not thread-safe: confine it to one thread.
 */
public final class AreaSupervisor {
    private final AreaEgress area;
    private final List<String> piles;
    private final AlarmBoard alarms;
    /** The feeder output of each pile of the area that has one. */
    private final Map<String, String> feeders;
    private final Map<String, Boolean> inputs = new LinkedHashMap<>();
    private Reading firstCause;
    private boolean inFire;

    public AreaSupervisor(AreaEgress area, List<String> piles, Duration clearAfter) {
        this(area, piles, Map.of(), clearAfter);
    }

    /** @param feeders the feeder output of each pile of the area that has one (pile id to feeder name) */
    public AreaSupervisor(AreaEgress area, List<String> piles, Map<String, String> feeders, Duration clearAfter) {
        this.area = area;
        this.piles = List.copyOf(piles);
        this.feeders = Map.copyOf(feeders);
        this.alarms = new AlarmBoard(FireInput.source(area.areaId()), clearAfter);
    }

    public List<SafetyDecision> onFireInput(FireInput in) {
        if (!in.areaId().equals(area.areaId())) {
            throw new IllegalArgumentException("input for area " + in.areaId() + " given to area " + area.areaId());
        }
        return onInput(in.input(), in.active(), in, "fire input '" + in.input() + "' tripped", "");
    }

    /** A pile's smoke detector is one more input of its area. */
    public List<SafetyDecision> onPileReading(PileReading r) {
        if (!piles.contains(r.pileId())) {
            throw new IllegalArgumentException("pile " + r.pileId() + " is not in area " + area.areaId());
        }
        if (!r.smokeDetected() && !inputs.containsKey(smokeInput(r.pileId()))) {
            return List.of();
        }
        return onInput(smokeInput(r.pileId()), r.smokeDetected(), r, "smoke detector of pile " + r.pileId() + " tripped", "");
    }

    /**
     * A pile (or socket cabinet) of the area heating on with every relay open is one more fire
     * input: with nothing switched on that could warm it, the heat is a fire's. When it trips, every
     * feeder of the area is cut too, since cutting the ports can do nothing more.
     *
     * @param heating the pile's live condition ({@link PileSupervisor#heatingWithEveryRelayOpen})
     */
    public List<SafetyDecision> onPileHeating(PileReading r, boolean heating, String detail) {
        if (!piles.contains(r.pileId())) {
            throw new IllegalArgumentException("pile " + r.pileId() + " is not in area " + area.areaId());
        }
        String input = "pile " + r.pileId() + " heating";
        boolean was = Boolean.TRUE.equals(inputs.get(input));
        if (!heating && !inputs.containsKey(input)) {
            return List.of();
        }
        Decisions out = new Decisions();
        if (heating && !was) {
            feeders.forEach((pile, feeder) -> out.command(new SafetyDecision.EscalateFeederCut(pile, feeder, r)));
        }
        out.addAll(onInput(input, heating, r, detail, feeders.isEmpty() ? "" : "; feeders " + String.join(", ",
                feeders.values()) + " cut"));
        return out.toList();
    }

    /** Time passed: the fire alarm may clear once inputs are quiet and it was acknowledged. */
    public List<SafetyDecision> tick(Instant now) {
        Decisions out = new Decisions();
        if (inFire) {
            alarms.report(AlarmKind.FIRE, anyActive(), firstCause, "", now, out);
            afterReport();
        }
        return out.toList();
    }

    public boolean owns(String alarmId) {
        return alarms.find(alarmId).isPresent();
    }

    public List<SafetyDecision> acknowledge(String alarmId, String by, Instant at) {
        Decisions out = new Decisions();
        alarms.acknowledge(alarmId, by, at, out);
        afterReport();
        return out.toList();
    }

    /**
     * An officer restores the area after a fire: refused (with the inputs named) while any input is
     * still active; otherwise the fire alarm is acknowledged in their name if nobody had, and cleared
     * now, without waiting out the quiet time, since a person on site has judged the fire over.
     *
     * @return the refusal's words, or null when the area is no longer in fire (the alarm's events in {@code out})
     */
    String restore(String by, Instant at, Decisions out) {
        List<String> active = inputs.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (!active.isEmpty()) {
            return "the fire input is still active in charging area " + area.areaId() + ": " + String.join(", ", active);
        }
        if (inFire) {
            alarms.clearNow(AlarmKind.FIRE, by, at, out);
            afterReport();
        }
        return null;
    }

    /** Whether the area's ports must stay off: from the first input until the fire alarm clears. */
    public boolean inFire() {
        return inFire;
    }

    public List<Alarm> openAlarms() {
        return alarms.openAlarms();
    }

    /** Puts back a fire alarm that was open when the gateway stopped: the area is in fire again. */
    public void restore(Alarm alarm) {
        if (alarm.source().equals(FireInput.source(area.areaId())) && alarm.state() != Alarm.State.CLEARED) {
            alarms.restore(alarm);
            inFire = true;
            firstCause = alarm.cause();
        }
    }

    public AreaEgress area() {
        return area;
    }

    public List<String> piles() {
        return piles;
    }

    /** @param also what else was done, appended to the alarm's words ("" for nothing) */
    private List<SafetyDecision> onInput(String input, boolean active, Reading cause, String detail, String also) {
        inputs.put(input, active);
        Decisions out = new Decisions();
        if (active && !inFire) {
            inFire = true;
            firstCause = cause;
            out.command(new SafetyDecision.CutArea(area.areaId(), EndReason.SMOKE_OR_FIRE, piles, cause));
            if (!area.egressDoors().isEmpty()) {
                out.command(new SafetyDecision.ReleaseDoors(area.areaId(), area.egressDoors(), cause));
            }
        }
        if (inFire) {
            alarms.report(AlarmKind.FIRE, anyActive(), cause, detail + " in charging area " + area.areaId()
                    + ": every port commanded off" + (area.egressDoors().isEmpty() ? "" : ", egress doors told to release")
                    + " (charging.cut_completed says when the ports read back off)" + also, cause.at(), out);
            afterReport();
        }
        return out.toList();
    }

    /** The fire ends when its alarm has cleared. */
    private void afterReport() {
        if (inFire && !alarms.isOpen(AlarmKind.FIRE)) {
            inFire = false;
            inputs.values().removeIf(active -> !active);
        }
    }

    private boolean anyActive() {
        return inputs.containsValue(Boolean.TRUE);
    }

    private static String smokeInput(String pileId) {
        return "pile " + pileId + " smoke";
    }
}
