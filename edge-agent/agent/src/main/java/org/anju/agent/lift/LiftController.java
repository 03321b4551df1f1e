package org.anju.agent.lift;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.bridge.events.LiftAccess;
import org.anju.bridge.events.LiftFireRelease;

/**
 * One lift's floor buttons as a state machine. Pure: each call takes an input, the monotonic time
 * (the wall clock may jump; an enabled floor's minute must not) and the local time of day (floors'
 * hours are the building's), and returns the board image to apply, the events and the replies.
 *
 * <p>A floor's button works when a fire releases the lift, when its hours say it is open now, or
 * while a card or phone enabled it. The board is driven to that set as a whole, and a grant is
 * answered once the board confirmed the write ("enabled" means the relays moved). A fire input
 * releases every floor at once; the release outlasts the input and ends only when an officer
 * restores the lift after every input is quiet: access control must never keep anyone from a floor
 * in a fire, nor quietly lock floors again behind the officer's back. A board that reads back
 * otherwise than it was told (it lost power) is written again, at most every {@link #RETRY}.
 */
public final class LiftController {
    /** How soon a failed or contradicted write is tried again. */
    static final Duration RETRY = Duration.ofSeconds(2);

    /** An answer waiting for a write: the request and what to answer when the board confirms. */
    private record Waiting(String requestId, CommandResult onDone) {
    }

    private final LiftConfig config;
    private final long enableMs;
    private final Map<String, Long> enabledUntil = new HashMap<>();
    private final Set<String> activeInputs = new TreeSet<>();
    private final Map<Long, Set<String>> pending = new HashMap<>();
    private final Map<Long, List<Waiting>> waiting = new HashMap<>();
    private boolean fireRelease;
    /** The image last sent to the board; null when unknown (a failed write, a contradicting read). */
    private Set<String> commanded;
    private Set<String> confirmed;
    private long retryAt;
    private long lastActuation;
    private boolean mismatchReported;
    private boolean reasserting;
    private List<LiftAction> out;

    /** @param releasedAtStart a fire release survived a restart: it still needs an officer */
    public LiftController(LiftConfig config, boolean releasedAtStart) {
        this.config = config;
        this.enableMs = config.enableFor().toMillis();
        this.fireRelease = releasedAtStart;
    }

    public boolean fireReleased() {
        return fireRelease;
    }

    public LiftAction.Step handle(LiftInput input, long now, LocalTime local) {
        out = new ArrayList<>();
        enabledUntil.values().removeIf(until -> until <= now);
        if (input instanceof LiftInput.Present p) {
            present(p, now, local);
        } else if (input instanceof LiftInput.FireAlarm f) {
            fire(f);
        } else if (input instanceof LiftInput.Restore r) {
            restore(r, now, local);
        } else if (input instanceof LiftInput.BoardReport r) {
            report(r, now);
        } else if (input instanceof LiftInput.BoardRead r) {
            read(r.enabled());
        }
        // a person acting (a card, a fire, an officer) is never kept waiting by the retry pause
        drive(now, local, input instanceof LiftInput.Present || input instanceof LiftInput.FireAlarm
                || input instanceof LiftInput.Restore);
        LiftAction.Step step = new LiftAction.Step(out, wakeAt(now, local));
        out = null;
        return step;
    }

    /** The floors whose buttons should work now. */
    Set<String> desired(LocalTime local) {
        Set<String> floors = new LinkedHashSet<>();
        for (String f : config.floors()) {
            if (fireRelease || enabledUntil.containsKey(f) || config.hours().get(f).openAt(local)) {
                floors.add(f);
            }
        }
        return floors;
    }

    private void present(LiftInput.Present p, long now, LocalTime local) {
        if (p.decision() instanceof LiftDecision.Denied d) {
            emit(LiftAccess.denied(config.liftId(), p.credential(), d.reason().name(), p.requestId()));
            reply(p.requestId(), new CommandResult.Denied(d.reason()));
            return;
        }
        LiftDecision.Granted g = (LiftDecision.Granted) p.decision();
        g.floors().forEach(f -> enabledUntil.put(f, now + enableMs));
        Set<String> rideable = desired(local);
        emit(LiftAccess.granted(config.liftId(), p.credential(), g.tenantId(), g.guestOf().orElse(null),
                List.copyOf(rideable), (int) config.enableFor().toSeconds(), p.requestId()));
        drive(now, local, true);
        // answered when the board holds the floors: at once if it already does, else with the write
        answerWhenApplied(p.requestId(), new CommandResult.Enabled(List.copyOf(rideable)));
    }

    private void fire(LiftInput.FireAlarm f) {
        boolean changed = f.active() ? activeInputs.add(f.input()) : activeInputs.remove(f.input());
        if (!changed) {
            return;
        }
        if (f.active() && !fireRelease) {
            fireRelease = true;
            emit(new LiftFireRelease(config.liftId(), LiftFireRelease.RELEASED, List.copyOf(activeInputs), config.floors(), null));
        } else if (!f.active() && activeInputs.isEmpty() && fireRelease) {
            emit(new LiftFireRelease(config.liftId(), LiftFireRelease.INPUT_CLEARED, null, null, null));
        }
    }

    private void restore(LiftInput.Restore r, long now, LocalTime local) {
        if (!fireRelease) {
            reply(r.requestId(), new CommandResult.Refused("lift " + config.liftId() + " is not released by a fire"));
            return;
        }
        if (!activeInputs.isEmpty()) {
            reply(r.requestId(), new CommandResult.Refused("fire input " + String.join(", ", activeInputs) + " is still active; lift "
                    + config.liftId() + " stays released until every fire input is quiet and an officer restores it"));
            return;
        }
        fireRelease = false;
        emit(new LiftFireRelease(config.liftId(), LiftFireRelease.RESTORED, null, null, r.officer()));
        drive(now, local, true);
        answerWhenApplied(r.requestId(), new CommandResult.Done());
    }

    private void report(LiftInput.BoardReport r, long now) {
        Set<String> applied = pending.remove(r.actuation());
        if (applied == null) {
            return;
        }
        List<Waiting> answers = waiting.getOrDefault(r.actuation(), List.of());
        waiting.remove(r.actuation());
        if (r.result() instanceof LockResult.Done) {
            if (r.actuation() == lastActuation) {
                confirmed = applied;
            }
            answers.forEach(w -> reply(w.requestId(), w.onDone()));
            return;
        }
        String detail = r.result() instanceof LockResult.Offline o ? o.detail() : "the lift board did not answer in time";
        emit(new LiftEvents.EnableFailed(config.liftId(), detail, new TreeSet<>(applied).stream().toList()));
        CommandResult failed = r.result() instanceof LockResult.Offline o ? new CommandResult.DeviceOffline(o.detail())
                : new CommandResult.TimedOut();
        answers.forEach(w -> reply(w.requestId(), failed));
        if (r.actuation() == lastActuation) {
            commanded = null; // unknown now: written again after RETRY
            confirmed = null;
            retryAt = now + RETRY.toMillis();
        }
    }

    private void read(Set<String> enabled) {
        if (!pending.isEmpty() || confirmed == null) {
            return; // a write is on its way, or the board was never confirmed: the read tells nothing new
        }
        if (enabled.equals(confirmed)) {
            mismatchReported = false;
            return;
        }
        if (!mismatchReported) {
            mismatchReported = true;
            emit(new LiftEvents.BoardMismatch(config.liftId(), sorted(confirmed), sorted(enabled)));
        }
        commanded = null;
        confirmed = null;
        reasserting = true;
    }

    /** Sends the board the image it should hold, if it does not hold it yet; after a failure, not before the retry. */
    private void drive(long now, LocalTime local, boolean urgent) {
        Set<String> want = desired(local);
        if (want.equals(commanded)) {
            return;
        }
        if (commanded == null && now < retryAt && !urgent) {
            return;
        }
        if (reasserting) {
            reasserting = false;
            retryAt = now + RETRY.toMillis(); // a board that keeps contradicting is not written every poll
        }
        long a = ++lastActuation;
        pending.put(a, want);
        commanded = want;
        out.add(new LiftAction.Apply(a, want));
    }

    private OptionalLong wakeAt(long now, LocalTime local) {
        long next = Long.MAX_VALUE;
        for (long until : enabledUntil.values()) {
            next = Math.min(next, until);
        }
        for (String f : config.floors()) {
            var change = config.hours().get(f).untilNextChange(local);
            if (change.isPresent()) {
                next = Math.min(next, now + change.get().toMillis());
            }
        }
        if (commanded == null) {
            next = Math.min(next, Math.max(now + 1, retryAt));
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** The image was just driven: either a write is on its way (answer with it) or the board holds it already. */
    private void answerWhenApplied(String requestId, CommandResult onDone) {
        if (pending.containsKey(lastActuation)) {
            waiting.computeIfAbsent(lastActuation, k -> new ArrayList<>()).add(new Waiting(requestId, onDone));
        } else {
            reply(requestId, onDone);
        }
    }

    private List<String> sorted(Set<String> floors) {
        return config.floors().stream().filter(floors::contains).toList();
    }

    private void emit(Object event) {
        out.add(new LiftAction.Emit(event));
    }

    private void reply(String requestId, CommandResult result) {
        out.add(new LiftAction.Reply(requestId, result));
    }
}
