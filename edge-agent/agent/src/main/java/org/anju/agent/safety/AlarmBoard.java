package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.Reading;

/**
 * The alarms of one source (a port, a pile or an area), at most one open per kind. Rules report
 * each condition on every evaluation, active or not; the board turns that level into alarm
 * events: a raise on the first active report, nothing while it stays active, and a clear only
 * after the condition has been gone for {@code clearAfter} (and, for a latching kind, once
 * acknowledged). A reading that flaps around a threshold therefore yields one alarm, not one per
 * poll. Not thread-safe: it belongs to its supervisor.
 */
final class AlarmBoard {
    private final String source;
    private final Duration clearAfter;
    private final Map<AlarmKind, Open> open = new EnumMap<>(AlarmKind.class);

    private static final class Open {
        Alarm alarm;
        Instant goneSince;

        Open(Alarm alarm) {
            this.alarm = alarm;
        }
    }

    AlarmBoard(String source, Duration clearAfter) {
        this.source = source;
        this.clearAfter = clearAfter;
    }

    /** Reports a condition at {@code at} with its kind's error code. */
    void report(AlarmKind kind, boolean active, Reading cause, String detail, Instant at, Decisions out) {
        report(kind, kind.errorCode(), active, cause, detail, at, out);
    }

    /**
     * Reports a condition at {@code at}, the time of the evaluation (clears are timed from it).
     *
     * @param cause  the reading to attach if this report raises the alarm
     * @param detail what a person reads, only used if this report raises the alarm
     */
    void report(AlarmKind kind, OcppErrorCode errorCode, boolean active, Reading cause, String detail, Instant at,
                Decisions out) {
        Open current = open.get(kind);
        if (active) {
            if (current == null) {
                Alarm alarm = Alarm.raise(kind, errorCode, source, detail, cause, at);
                open.put(kind, new Open(alarm));
                out.event(new SafetyDecision.RaiseAlarm(alarm));
            } else {
                current.goneSince = null;
            }
            return;
        }
        if (current == null) {
            return;
        }
        if (current.goneSince == null) {
            current.goneSince = at;
        }
        clearIfDue(kind, current, at, out);
    }

    /** Evaluates pending clears with no new report, as time passes without readings. */
    void tick(Instant now, Decisions out) {
        for (AlarmKind kind : List.copyOf(open.keySet())) {
            Open current = open.get(kind);
            if (current.goneSince != null) {
                clearIfDue(kind, current, now, out);
            }
        }
    }

    boolean isOpen(AlarmKind kind) {
        return open.containsKey(kind);
    }

    /** Records who acknowledged; returns false if this board has no open alarm with that id. */
    boolean acknowledge(String alarmId, String by, Instant at, Decisions out) {
        for (Map.Entry<AlarmKind, Open> e : open.entrySet()) {
            Open current = e.getValue();
            if (current.alarm.id().equals(alarmId)) {
                if (!current.alarm.acknowledged()) {
                    current.alarm = current.alarm.acknowledge(by, at);
                    out.event(new SafetyDecision.AlarmAcknowledged(current.alarm));
                }
                if (current.goneSince != null) {
                    clearIfDue(e.getKey(), current, at, out);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * A person ends an alarm whose condition is gone, without waiting out {@code clearAfter}: it is
     * acknowledged in their name if nobody had, then cleared. Nothing if no alarm of the kind is open.
     */
    void clearNow(AlarmKind kind, String by, Instant at, Decisions out) {
        Open current = open.remove(kind);
        if (current == null) {
            return;
        }
        if (!current.alarm.acknowledged()) {
            current.alarm = current.alarm.acknowledge(by, at);
            out.event(new SafetyDecision.AlarmAcknowledged(current.alarm));
        }
        out.event(new SafetyDecision.ClearAlarm(current.alarm.clear(at)));
    }

    List<Alarm> openAlarms() {
        List<Alarm> alarms = new ArrayList<>();
        open.values().forEach(o -> alarms.add(o.alarm));
        return alarms;
    }

    Optional<Alarm> find(String alarmId) {
        return open.values().stream().map(o -> o.alarm).filter(a -> a.id().equals(alarmId)).findFirst();
    }

    /** Puts back an alarm that was open when the gateway stopped; its condition is re-evaluated from the next reading. */
    void restore(Alarm alarm) {
        if (alarm.state() != Alarm.State.CLEARED && alarm.source().equals(source)) {
            open.put(alarm.kind(), new Open(alarm));
        }
    }

    private void clearIfDue(AlarmKind kind, Open current, Instant at, Decisions out) {
        boolean heldLongEnough = !at.isBefore(current.goneSince.plus(clearAfter));
        boolean mayClear = !kind.latching() || current.alarm.acknowledged();
        if (heldLongEnough && mayClear) {
            open.remove(kind);
            out.event(new SafetyDecision.ClearAlarm(current.alarm.clear(at)));
        }
    }
}
