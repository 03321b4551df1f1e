package org.anju.agent.coap;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.anju.agent.door.DoorRuntime;
import org.anju.agent.door.LockActuator;
import org.anju.agent.control.LockResult;

/**
 * One battery lock as the door runtime sees it. A command is not sent to the lock: it waits on
 * the lock's command resource, which the lock observes, so a notification reaches it while it
 * listens and a lock that slept past it finds it when it observes again. A command is done when
 * the lock reports its bolt where the command put it; it expires after {@code commandLife}
 * (the door's lock timeout), so a lock waking later never opens a door nobody is waiting at.
 */
public final class WirelessLock implements LockActuator {
    private final String endpoint;
    private final String door;
    private final boolean acceptsLock;
    private final Duration commandLife;
    private final LockHealth health;
    private final Runnable notifyObserver;
    private long lastId;
    private LockCommand current;
    private long currentExpires;
    private CompletableFuture<LockResult> waiting;
    private boolean holding;
    private LockMessage.DoorPosition lastPosition;
    private volatile DoorRuntime runtime;

    WirelessLock(String endpoint, String door, boolean acceptsLock, Duration commandLife, LockHealth health,
                 Runnable notifyObserver) {
        this.endpoint = endpoint;
        this.door = door;
        this.acceptsLock = acceptsLock;
        this.commandLife = commandLife;
        this.health = health;
        this.notifyObserver = notifyObserver;
    }

    public String endpoint() {
        return endpoint;
    }

    public String door() {
        return door;
    }

    /** The door whose sensor this lock's reports feed. */
    void attach(DoorRuntime doorRuntime) {
        this.runtime = doorRuntime;
    }

    @Override
    public CompletionStage<LockResult> unlock(Duration pulse) {
        return issue(LockCommand.Kind.UNLOCK, pulse);
    }

    @Override
    public CompletionStage<LockResult> holdUnlocked() {
        if (!acceptsLock) {
            return CompletableFuture.completedFuture(new LockResult.Offline(endpoint
                    + "'s profile has no lock command, so the gateway cannot hold it released and relock it"));
        }
        return issue(LockCommand.Kind.HOLD, Duration.ZERO);
    }

    /** After a pulse the lock relocks by itself; only a hold needs telling. */
    @Override
    public CompletionStage<LockResult> lock() {
        synchronized (this) {
            if (!holding) {
                return CompletableFuture.completedFuture(new LockResult.Done(false)); // nothing to send
            }
        }
        return issue(LockCommand.Kind.LOCK, Duration.ZERO);
    }

    private CompletionStage<LockResult> issue(LockCommand.Kind kind, Duration pulse) {
        CompletableFuture<LockResult> superseded;
        CompletableFuture<LockResult> mine = new CompletableFuture<>();
        synchronized (this) {
            if (!health.online(endpoint)) {
                return CompletableFuture.completedFuture(new LockResult.Offline(endpoint + " is offline"));
            }
            superseded = waiting;
            current = new LockCommand(++lastId, kind, pulse);
            currentExpires = System.nanoTime() + commandLife.toNanos();
            waiting = mine;
            holding = kind == LockCommand.Kind.HOLD;
        }
        if (superseded != null) {
            superseded.complete(new LockResult.Offline("superseded by a newer command to " + endpoint));
        }
        notifyObserver.run();
        return mine;
    }

    /** What the command resource shows this lock now. */
    LockCommand command() {
        CompletableFuture<LockResult> expired = null;
        LockCommand shown;
        synchronized (this) {
            if (current != null && System.nanoTime() - currentExpires > 0) {
                expired = waiting;
                current = null;
                waiting = null;
            }
            shown = current != null ? current : LockCommand.none(lastId);
        }
        if (expired != null) {
            expired.complete(new LockResult.TimedOut());
        }
        return shown;
    }

    /** A state report: it completes the command it answers and feeds the door sensor. */
    void reported(LockMessage.StateReport report) {
        CompletableFuture<LockResult> done = null;
        LockResult result = null;
        boolean positionChanged;
        synchronized (this) {
            if (current != null) {
                LockMessage.Bolt wanted = current.kind() == LockCommand.Kind.LOCK ? LockMessage.Bolt.LOCKED : LockMessage.Bolt.UNLOCKED;
                if (report.bolt() == LockMessage.Bolt.JAMMED) {
                    result = new LockResult.Offline(endpoint + " reports its bolt jammed");
                } else if (report.bolt() == wanted) {
                    result = new LockResult.Done(true); // the lock reports its bolt where it was told
                }
                if (result != null) {
                    done = waiting;
                    current = null;
                    waiting = null;
                }
            }
            positionChanged = report.door() != lastPosition;
            lastPosition = report.door();
        }
        if (done != null) {
            done.complete(result);
        }
        DoorRuntime door = runtime;
        if (positionChanged && door != null) {
            door.doorSensor(report.door() == LockMessage.DoorPosition.OPEN);
        }
    }

    /** The lock went silent: a command waiting for it will not be done. */
    void wentOffline(String reason) {
        CompletableFuture<LockResult> dropped;
        synchronized (this) {
            dropped = waiting;
            current = null;
            waiting = null;
        }
        if (dropped != null) {
            dropped.complete(new LockResult.Offline(endpoint + " went offline: " + reason));
        }
    }
}
