package org.anju.agent.gate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.DenyReason;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.profiles.model.Gate;

/**
 * One gate (a turnstile lane) as a state machine. Pure: inputs and the monotonic time in, actions out.
 *
 * <p>A granted card opens the lane for one person in its direction; the person is counted when
 * the turnstile's counter for that direction rises, and the oldest open waiting in that direction
 * is theirs. An open nobody passes within the lane's window plus a poll is dropped ("not passed"),
 * so a renter who turned back is not counted in. A counter that rises more than the lane was opened
 * for is people nobody let through (tailgating, vaulting): counted unidentified, and an alarm.
 * Leaving is never refused. With hard anti-passback a card already counted inside (or with an
 * entry open waiting) is refused at the entry until it leaves or an officer resets it; soft lets it
 * in and marks the entry. A fire holds the lane free both ways; passages are still counted.
 *
 * <p>The first counters after start are compared with those the gateway last recorded: what
 * passed while it was down is counted unidentified. Until that first read the lane is not opened
 * (opens wait for it): a renter let through before it would be lost among the passages while
 * the gateway was down, counted without her name. A counter that falls back means the lane lost
 * power; what it counted since is counted too.
 */
public final class GateController {
    /** A rise in one poll above this is a counter that restarted, not people. */
    static final int MAX_STEP = 1_000;
    static final Duration RETRY = Duration.ofSeconds(2);

    public enum Way {
        IN, OUT;

        public String word() {
            return this == IN ? "in" : "out";
        }
    }

    /** An open waiting for its person. */
    private record Waiting(String requestId, Optional<String> tenant, String how, long deadline, long actuation) {
    }

    /** An open granted before the lane's counters were first read: written to the lane after that read. */
    private record Held(Way way, Waiting waiting) {
    }

    private final String gate;
    private final Gate.AntiPassback antiPassback;
    private final long waitMs;
    private final Map<Way, Deque<Waiting>> waiting = new EnumMap<>(Way.class);
    private final Map<Long, Waiting> opening = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final Set<String> fires = new TreeSet<>();
    /** The counters up to which passages are accounted for; null before the first poll of a new lane. */
    private int[] counted;
    private final boolean recordedAtStart;
    private boolean polled;
    private boolean free;
    private boolean freeConfirmed = true;
    private long freeActuation = -1;
    private long retryAt;
    private long lastActuation;
    private List<GateAction> out;

    /**
     * @param passageWait how long an open waits for its person: the lane's window and a poll or two
     * @param recorded    the counters up to which passages were last recorded, if ever
     */
    public GateController(String gate, Gate.AntiPassback antiPassback, Duration passageWait, Optional<int[]> recorded) {
        this.gate = gate;
        this.antiPassback = antiPassback;
        this.waitMs = passageWait.toMillis();
        this.counted = recorded.map(int[]::clone).orElse(null);
        this.recordedAtStart = recorded.isPresent();
        waiting.put(Way.IN, new ArrayDeque<>());
        waiting.put(Way.OUT, new ArrayDeque<>());
    }

    public boolean free() {
        return free;
    }

    public GateAction.Step handle(GateInput input, long now) {
        out = new ArrayList<>();
        expire(now);
        if (input instanceof GateInput.Present p) {
            present(p, now);
        } else if (input instanceof GateInput.ExitButton) {
            open(Way.OUT, null, Optional.empty(), "exit-button", now);
        } else if (input instanceof GateInput.Counts c) {
            counts(c.entries(), c.exits());
        } else if (input instanceof GateInput.FireAlarm f) {
            fire(f, now);
        } else if (input instanceof GateInput.DeviceReport r) {
            report(r, now);
        } else if (!freeConfirmed && now >= retryAt) {
            setFree(free, now); // a fire free the lane did not take: asked again
        }
        GateAction.Step step = new GateAction.Step(out, wakeAt());
        out = null;
        return step;
    }

    private void present(GateInput.Present p, long now) {
        if (p.way() == Way.OUT) {
            emit(new GateEvent.AccessGranted(gate, "out", p.requestId(), p.holder().orElse(null), p.credential(), null));
            open(Way.OUT, p.requestId(), p.holder(), p.credential(), now);
            return;
        }
        if (p.decision() instanceof AccessDecision.Denied d) {
            deny(p, d.reason());
            return;
        }
        String tenant = ((AccessDecision.Granted) p.decision()).tenantId();
        boolean again = p.inside() || waiting.get(Way.IN).stream().anyMatch(w -> w.tenant().equals(Optional.of(tenant)));
        if (again && antiPassback == Gate.AntiPassback.HARD) {
            deny(p, DenyReason.ANTI_PASSBACK);
            return;
        }
        String passback = again && antiPassback == Gate.AntiPassback.SOFT ? "violated" : null;
        emit(new GateEvent.AccessGranted(gate, "in", p.requestId(), tenant, p.credential(), passback));
        open(Way.IN, p.requestId(), Optional.of(tenant), p.credential(), now);
    }

    private void deny(GateInput.Present p, DenyReason reason) {
        emit(new GateEvent.AccessDenied(gate, p.way().word(), p.requestId(), reason, p.credential()));
        reply(p.requestId(), new CommandResult.Denied(reason));
    }

    private void open(Way way, String requestId, Optional<String> tenant, String how, long now) {
        long a = ++lastActuation;
        Waiting w = new Waiting(requestId, tenant, how, now + waitMs, a);
        waiting.get(way).addLast(w);
        if (free) {
            // the lane turns freely: nothing to open, the open only names who passes
            if (requestId != null) {
                reply(requestId, new CommandResult.Opened());
            }
            return;
        }
        if (!polled) {
            held.add(new Held(way, w));
            return;
        }
        opening.put(a, w);
        out.add(new GateAction.Open(a, way));
    }

    private void counts(int entries, int exits) {
        if (counted == null) {
            counted = new int[] {entries, exits}; // first poll ever: the baseline
            polled = true;
            openHeld();
            return;
        }
        int[] rise = {rise(counted[0], entries), rise(counted[1], exits)};
        boolean restarted = rise[0] > MAX_STEP || rise[1] > MAX_STEP;
        if (restarted) {
            // the lane lost power and counts again from 0: what it counted since is people too
            rise = new int[] {entries <= MAX_STEP ? entries : 0, exits <= MAX_STEP ? exits : 0};
        }
        boolean offline = recordedAtStart && !polled;
        polled = true;
        if (restarted || offline && (rise[0] > 0 || rise[1] > 0)) {
            emit(new GateEvent.CounterReset(gate, entries, exits, rise[0] + rise[1]));
        }
        if (restarted) {
            counted = new int[] {(entries - rise[0]) & 0xFFFF, (exits - rise[1]) & 0xFFFF};
        }
        pass(Way.IN, rise[0], offline);
        pass(Way.OUT, rise[1], offline);
        counted = new int[] {entries, exits};
        openHeld();
    }

    /** The opens granted before the first read, now that what passed before them is accounted for. */
    private void openHeld() {
        for (Held h : held) {
            if (free) {
                // a fire freed the lane meanwhile: nothing to open
                if (h.waiting().requestId() != null) {
                    reply(h.waiting().requestId(), new CommandResult.Opened());
                }
            } else {
                opening.put(h.waiting().actuation(), h.waiting());
                out.add(new GateAction.Open(h.waiting().actuation(), h.way()));
            }
        }
        held.clear();
    }

    private void pass(Way way, int people, boolean offline) {
        int unopened = 0;
        for (int i = 0; i < people; i++) {
            int index = way == Way.IN ? 0 : 1;
            counted[index] = (counted[index] + 1) & 0xFFFF;
            Waiting w = offline ? null : waiting.get(way).pollFirst();
            if (w != null) {
                if (opening.remove(w.actuation()) != null && w.requestId() != null) {
                    reply(w.requestId(), new CommandResult.Opened()); // they passed: it opened, whatever the write's answer
                }
                out.add(new GateAction.Passed(way, w.tenant(), w.how(), counted[0], counted[1]));
            } else {
                String how = offline ? "offline" : free ? "free" : "unopened";
                unopened += how.equals("unopened") ? 1 : 0;
                out.add(new GateAction.Passed(way, Optional.empty(), how, counted[0], counted[1]));
            }
        }
        if (unopened > 0) {
            emit(new GateEvent.Intrusion(gate, way.word(), unopened));
        }
    }

    private static int rise(int from, int to) {
        return (to - from) & 0xFFFF;
    }

    private void expire(long now) {
        for (Way way : Way.values()) {
            Deque<Waiting> q = waiting.get(way);
            while (!q.isEmpty() && q.peekFirst().deadline() <= now) {
                Waiting w = q.pollFirst();
                opening.remove(w.actuation());
                if (held.removeIf(h -> h.waiting() == w)) {
                    // never written: the lane's counters could not be read since the gateway started
                    String detail = "turnstile of " + gate + " did not answer since the gateway started; the lane was not opened";
                    emit(new GateEvent.OpenFailed(gate, detail));
                    if (w.requestId() != null) {
                        reply(w.requestId(), new CommandResult.DeviceOffline(detail));
                    }
                    continue;
                }
                emit(new GateEvent.NotPassed(gate, way.word(), w.tenant().orElse(null)));
            }
        }
    }

    private void fire(GateInput.FireAlarm f, long now) {
        boolean was = !fires.isEmpty();
        if (f.active()) {
            fires.add(f.input());
        } else {
            fires.remove(f.input());
        }
        boolean is = !fires.isEmpty();
        if (is && !was) {
            emit(new GateEvent.FireFree(gate, List.copyOf(fires)));
            setFree(true, now);
        } else if (!is && was) {
            emit(new GateEvent.FireFreeEnded(gate));
            setFree(false, now);
        }
    }

    private void setFree(boolean on, long now) {
        free = on;
        freeConfirmed = false;
        freeActuation = ++lastActuation;
        retryAt = now + RETRY.toMillis();
        out.add(new GateAction.SetFree(freeActuation, on));
    }

    private void report(GateInput.DeviceReport r, long now) {
        boolean ok = r.result() instanceof LockResult.Done;
        String detail = r.result() instanceof LockResult.Offline o ? o.detail() : "the turnstile did not answer in time";
        if (r.actuation() == freeActuation) {
            freeConfirmed = ok;
            if (!ok) {
                emit(new GateEvent.OpenFailed(gate, detail + (free ? "; the gate is not free yet, asked again" : "")));
            }
            return;
        }
        Waiting w = opening.remove(r.actuation());
        if (w == null) {
            return; // passed or expired already
        }
        if (ok) {
            if (w.requestId() != null) {
                reply(w.requestId(), new CommandResult.Opened());
            }
            return;
        }
        if (r.result() instanceof LockResult.TimedOut) {
            // only the reply may be lost, and the lane may have opened: she stays expected until her window ends, so
            // her passage is hers and not an intrusion (and the open is not sent again, which would let two through)
            emit(new GateEvent.OpenFailed(gate, detail + "; the lane may have opened, and who passes in the next "
                    + waitMs / 1000 + " s is counted as this card"));
            if (w.requestId() != null) {
                reply(w.requestId(), new CommandResult.TimedOut());
            }
            return;
        }
        waiting.values().forEach(q -> q.remove(w));
        emit(new GateEvent.OpenFailed(gate, detail));
        if (w.requestId() != null) {
            reply(w.requestId(), r.result() instanceof LockResult.Offline o ? new CommandResult.DeviceOffline(o.detail())
                    : new CommandResult.TimedOut());
        }
    }

    private OptionalLong wakeAt() {
        long next = Long.MAX_VALUE;
        for (Deque<Waiting> q : waiting.values()) {
            if (!q.isEmpty()) {
                next = Math.min(next, q.peekFirst().deadline());
            }
        }
        if (!freeConfirmed) {
            next = Math.min(next, retryAt);
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    private void emit(GateEvent e) {
        out.add(new GateAction.Emit(e));
    }

    private void reply(String requestId, CommandResult result) {
        out.add(new GateAction.Reply(requestId, result));
    }
}
