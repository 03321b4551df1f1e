package org.anju.agent.door;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.anju.agent.access.DenyReason;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.agent.door.DoorEvent.Alarm;
import org.anju.agent.door.DoorEvent.RelockReason;

/**
 * One door's state machine. Pure: no threads, no timers, no clock. Each call takes an input and
 * the current time (monotonic milliseconds; the wall clock may jump, a door's pulse must not) and
 * returns the actions to take and the time it next wants a {@link DoorInput.Tick}. Deadlines that
 * have passed are acted on before the input itself, so a late tick never leaves a door unlocked
 * longer than it takes to deliver the next input.
 *
 * <p>Lock actions carry an actuation number; the runtime answers each with exactly one
 * {@link DoorInput.LockReport} (a result or a timeout). A grant is answered when the lock has
 * answered, so "opened" means the lock reported itself released, not that we asked it to; a lock
 * that cannot report (a GPIO relay) answers "sent".
 *
 * <p>Decisions worth knowing: the exit button works during lockdown (software never blocks
 * leaving a building); a grant while the door is already open is answered "opened" and restarts
 * the held-open time but moves nothing; the first door-sensor report after start is a baseline,
 * not an opening, because how a door came to be open while the agent was down is unknown (an open
 * door still raises the held-open alarm if it stays open).
 */
public final class DoorController {
    private static final long NONE = Long.MAX_VALUE;

    /** An actuation not yet answered, and the grants waiting on it. */
    private record Pending(boolean release, List<String> requests) {
    }

    private final DoorConfig config;
    private final long pulseMs;
    private final long heldMs;
    private final Map<Long, Pending> pending = new HashMap<>();
    private DoorPhase phase = DoorPhase.LOCKED;
    private boolean sensorKnown;
    private boolean open;
    private boolean released;
    private boolean lockdown;
    private boolean fireActive;
    private long relockAt = NONE;
    private long heldAt = NONE;
    private long lastActuation;
    private long lastRelease;
    private List<DoorAction> out;

    public DoorController(DoorConfig config) {
        this.config = config;
        this.pulseMs = config.pulse().toMillis();
        this.heldMs = config.heldOpenAfter().toMillis();
    }

    public DoorConfig config() {
        return config;
    }

    public DoorPhase phase() {
        return phase;
    }

    public boolean lockdown() {
        return lockdown;
    }

    /** Whether the lock was last told to release (not yet confirmed by the device). */
    public boolean released() {
        return released;
    }

    public DoorStep handle(DoorInput input, long now) {
        out = new ArrayList<>();
        expire(now);
        if (input instanceof DoorInput.Grant g) {
            grant(g, now);
        } else if (input instanceof DoorInput.ExitButton) {
            exit(now);
        } else if (input instanceof DoorInput.DoorSensor s) {
            sensor(s.open(), now);
        } else if (input instanceof DoorInput.FireAlarm f) {
            fire(f.active());
        } else if (input instanceof DoorInput.AcknowledgeFire a) {
            acknowledge(a, now);
        } else if (input instanceof DoorInput.Lockdown l) {
            lockdown(l);
        } else if (input instanceof DoorInput.LockReport r) {
            report(r);
        }
        // a Tick has nothing to do beyond the expiry above
        DoorStep step = new DoorStep(out, wakeAt());
        out = null;
        return step;
    }

    public OptionalLong wakeAt() {
        if (phase == DoorPhase.UNLOCKED) {
            return OptionalLong.of(relockAt);
        }
        if (phase == DoorPhase.OPEN) {
            return OptionalLong.of(heldAt);
        }
        return OptionalLong.empty();
    }

    private void expire(long now) {
        if (phase == DoorPhase.UNLOCKED && now >= relockAt) {
            relockAt = NONE;
            phase = DoorPhase.LOCKED;
            secure(RelockReason.PULSE_ENDED);
        } else if (phase == DoorPhase.OPEN && now >= heldAt) {
            heldAt = NONE;
            phase = DoorPhase.HELD_OPEN;
            emit(new DoorEvent.HeldOpen(door()));
        }
    }

    private void grant(DoorInput.Grant g, long now) {
        if (lockdown && phase != DoorPhase.FIRE_RELEASE) {
            emit(new DoorEvent.GrantRefused(door(), g.requestId(), g.who(), DenyReason.LOCKDOWN));
            reply(g.requestId(), new CommandResult.Denied(DenyReason.LOCKDOWN));
            return;
        }
        emit(new DoorEvent.Unlocked(door(), g.requestId(), g.who()));
        switch (phase) {
            case LOCKED, UNLOCKED -> {
                startPulse(now);
                pending.get(lastRelease).requests().add(g.requestId());
            }
            case OPEN -> {
                heldAt = now + heldMs;
                reply(g.requestId(), new CommandResult.Opened());
            }
            case HELD_OPEN, FORCED_OPEN, FIRE_RELEASE -> reply(g.requestId(), new CommandResult.Opened());
        }
    }

    private void exit(long now) {
        switch (phase) {
            case LOCKED, UNLOCKED -> {
                emit(new DoorEvent.ExitGranted(door()));
                startPulse(now);
            }
            case OPEN -> {
                heldAt = now + heldMs;
                emit(new DoorEvent.ExitGranted(door()));
            }
            case HELD_OPEN, FORCED_OPEN, FIRE_RELEASE -> {
                // already open or released: nothing to decide
            }
        }
    }

    private void sensor(boolean nowOpen, long now) {
        if (!sensorKnown) {
            sensorKnown = true;
            if (nowOpen && phase == DoorPhase.LOCKED) {
                open = true;
                phase = DoorPhase.OPEN;
                heldAt = now + heldMs;
                return;
            }
            if (!nowOpen) {
                open = false;
                return;
            }
        }
        if (nowOpen == open) {
            return;
        }
        open = nowOpen;
        if (nowOpen) {
            opened(now);
        } else {
            closed();
        }
    }

    private void opened(long now) {
        switch (phase) {
            case LOCKED -> {
                emit(new DoorEvent.Opened(door(), false));
                emit(new DoorEvent.ForcedOpen(door()));
                phase = DoorPhase.FORCED_OPEN;
            }
            case UNLOCKED -> {
                emit(new DoorEvent.Opened(door(), true));
                relockAt = NONE;
                phase = DoorPhase.OPEN;
                heldAt = now + heldMs;
                if (config.relockOn() == RelockOn.DOOR_OPEN) {
                    secure(RelockReason.DOOR_OPENED);
                }
            }
            case OPEN, HELD_OPEN, FORCED_OPEN, FIRE_RELEASE -> emit(new DoorEvent.Opened(door(), true));
        }
    }

    private void closed() {
        emit(new DoorEvent.Closed(door()));
        if (phase == DoorPhase.OPEN || phase == DoorPhase.HELD_OPEN || phase == DoorPhase.FORCED_OPEN) {
            clearAlarm();
            heldAt = NONE;
            phase = DoorPhase.LOCKED;
            if (released) {
                secure(RelockReason.DOOR_CLOSED);
            }
        }
    }

    private void fire(boolean active) {
        if (active == fireActive) {
            return;
        }
        fireActive = active;
        if (!config.releasesOnFire()) {
            return;
        }
        if (active && phase != DoorPhase.FIRE_RELEASE) {
            clearAlarm();
            relockAt = NONE;
            heldAt = NONE;
            phase = DoorPhase.FIRE_RELEASE;
            long a = actuation(true);
            lastRelease = a;
            released = true;
            out.add(new DoorAction.HoldReleased(a));
            emit(new DoorEvent.FireReleased(door()));
        } else if (!active && phase == DoorPhase.FIRE_RELEASE) {
            emit(new DoorEvent.FireAlarmCleared(door()));
        }
    }

    private void acknowledge(DoorInput.AcknowledgeFire a, long now) {
        if (phase != DoorPhase.FIRE_RELEASE) {
            reply(a.requestId(), new CommandResult.Refused("no fire release to acknowledge at " + door()));
            return;
        }
        if (fireActive) {
            // an acknowledgement must follow the all-clear, or a stale one would relock doors unseen
            reply(a.requestId(), new CommandResult.Refused("the fire alarm is still active; " + door()
                    + " stays released until it clears and is acknowledged"));
            return;
        }
        emit(new DoorEvent.FireReleaseEnded(door(), a.who()));
        if (open) {
            phase = DoorPhase.OPEN;
            heldAt = now + heldMs;
        } else {
            phase = DoorPhase.LOCKED;
        }
        secure(RelockReason.FIRE_RELEASE_ENDED);
        reply(a.requestId(), new CommandResult.Done());
    }

    private void lockdown(DoorInput.Lockdown l) {
        if (l.on() != lockdown) {
            lockdown = l.on();
            emit(lockdown ? new DoorEvent.LockdownStarted(door(), l.by()) : new DoorEvent.LockdownEnded(door(), l.by()));
            if (lockdown && released && phase != DoorPhase.FIRE_RELEASE) {
                if (phase == DoorPhase.UNLOCKED) {
                    phase = DoorPhase.LOCKED;
                    relockAt = NONE;
                }
                secure(RelockReason.LOCKDOWN);
            }
        }
        reply(l.requestId(), new CommandResult.Done());
    }

    private void report(DoorInput.LockReport r) {
        Pending p = pending.remove(r.actuation());
        if (p == null) {
            return; // answered already (a late answer after a timeout)
        }
        if (r.result() instanceof LockResult.Done done) {
            CommandResult result = done.confirmed() ? new CommandResult.Opened() : new CommandResult.Sent();
            p.requests().forEach(id -> reply(id, result));
            return;
        }
        String detail;
        CommandResult failed;
        if (r.result() instanceof LockResult.Offline o) {
            detail = o.detail();
            failed = new CommandResult.DeviceOffline(o.detail());
        } else {
            detail = "the lock did not answer in time";
            failed = new CommandResult.TimedOut();
        }
        if (!p.release()) {
            emit(new DoorEvent.RelockFailed(door(), detail));
            return;
        }
        emit(new DoorEvent.UnlockFailed(door(), detail));
        p.requests().forEach(id -> reply(id, failed));
        if (r.actuation() == lastRelease && phase == DoorPhase.UNLOCKED) {
            // it may have half-worked (a timeout): send the lock back to the safe state
            phase = DoorPhase.LOCKED;
            relockAt = NONE;
            secure(RelockReason.UNLOCK_FAILED);
        }
    }

    private void startPulse(long now) {
        long a = actuation(true);
        lastRelease = a;
        released = true;
        relockAt = now + pulseMs;
        phase = DoorPhase.UNLOCKED;
        out.add(new DoorAction.Release(a, config.pulse()));
    }

    private void secure(RelockReason reason) {
        long a = actuation(false);
        released = false;
        out.add(new DoorAction.Secure(a));
        emit(new DoorEvent.Relocked(door(), reason));
    }

    private void clearAlarm() {
        if (phase == DoorPhase.HELD_OPEN) {
            emit(new DoorEvent.AlarmCleared(door(), Alarm.HELD_OPEN));
        } else if (phase == DoorPhase.FORCED_OPEN) {
            emit(new DoorEvent.AlarmCleared(door(), Alarm.FORCED_OPEN));
        }
    }

    private long actuation(boolean release) {
        long a = ++lastActuation;
        pending.put(a, new Pending(release, new ArrayList<>()));
        return a;
    }

    private void emit(DoorEvent e) {
        out.add(new DoorAction.Emit(e));
    }

    private void reply(String requestId, CommandResult result) {
        out.add(new DoorAction.Reply(requestId, result));
    }

    private String door() {
        return config.doorId();
    }
}
