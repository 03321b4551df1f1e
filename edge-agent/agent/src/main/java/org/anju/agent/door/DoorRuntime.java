package org.anju.agent.door;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.anju.agent.access.AccessDecision;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.ControlLoop;
import org.anju.agent.control.RequestLedger;

/**
 * Runs one {@link DoorController} on one Vert.x context: every input, from any thread (GPIO
 * callbacks, the bus, the event bus), is queued onto that context in arrival order, so the
 * controller is only ever touched by one thread and never needs a lock. Deadlines become
 * {@code vertx.setTimer}; lock commands go to the {@link LockActuator} and come back as reports,
 * with a timeout so a silent device yields "timed out" instead of a hanging command. Nothing here
 * blocks: the actuator must not either (GPIO writes are microseconds; bus locks answer later).
 *
 * <p>Commands carry the caller's id; a command resent with the same id gets the same answer
 * without acting twice ({@link RequestLedger}).
 */
public final class DoorRuntime {
    private static final System.Logger LOG = System.getLogger(DoorRuntime.class.getName());
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(3);

    private final DoorController controller;
    private final LockActuator actuator;
    private final Consumer<DoorEvent> events;
    private final ControlLoop loop;
    private volatile DoorPhase phase = DoorPhase.LOCKED;

    private DoorRuntime(Vertx vertx, DoorConfig config, LockActuator actuator, Consumer<DoorEvent> events,
                        Duration lockTimeout) {
        this.controller = new DoorController(config);
        this.actuator = actuator;
        this.events = events;
        this.loop = new ControlLoop(vertx, "door " + config.doorId(), lockTimeout,
                (actuation, result) -> process(new DoorInput.LockReport(actuation, result)), () -> process(new DoorInput.Tick()));
    }

    /**
     * A door on the calling verticle's context (or a new event-loop context off Vert.x threads).
     * {@code events} is called on that context, in order; it must not block (append to the outbox
     * and return). Report the door sensor's state once at start with {@link #doorSensor}.
     */
    public static DoorRuntime start(Vertx vertx, DoorConfig config, LockActuator actuator,
                                    Consumer<DoorEvent> events, Duration lockTimeout) {
        return new DoorRuntime(vertx, config, actuator, events, lockTimeout);
    }

    public static DoorRuntime start(Vertx vertx, DoorConfig config, LockActuator actuator, Consumer<DoorEvent> events) {
        return start(vertx, config, actuator, events, DEFAULT_LOCK_TIMEOUT);
    }

    public String doorId() {
        return controller.config().doorId();
    }

    /** The phase as of the last processed input; for status pages and tests. */
    public DoorPhase phase() {
        return phase;
    }

    /** Open for a request already decided elsewhere (a phone grant checked by the park). */
    public Future<CommandResult> open(String requestId, String who) {
        return command(requestId, () -> new DoorInput.Grant(requestId, who));
    }

    /**
     * Acts on a local access decision: records it as an event, then opens if granted. The event
     * and the opening are one step on the door's context, so the outbox sees them in order.
     */
    public Future<CommandResult> admit(String requestId, String credentialKind, AccessDecision decision) {
        return admit(requestId, credentialKind, decision, null);
    }

    /**
     * As {@link #admit(String, String, AccessDecision)}, naming in a denial whose credential it was
     * ({@code holder}: a tenant id, or null when nobody's), so their landlord sees the refused attempt.
     */
    public Future<CommandResult> admit(String requestId, String credentialKind, AccessDecision decision, String holder) {
        return command(requestId, () -> {
            if (decision instanceof AccessDecision.Granted g) {
                emit(g.host() == null ? new DoorEvent.AccessGranted(doorId(), requestId, g.tenantId(), credentialKind)
                        : new DoorEvent.AccessGranted(doorId(), requestId, g.tenantId(), "guest", g.host()));
                return new DoorInput.Grant(requestId, g.tenantId());
            }
            AccessDecision.Denied d = (AccessDecision.Denied) decision;
            emit(new DoorEvent.AccessDenied(doorId(), requestId, d.reason(), credentialKind, holder));
            answer(requestId, new CommandResult.Denied(d.reason()));
            return null;
        });
    }

    public Future<CommandResult> lockdown(String requestId, boolean on, String by) {
        return command(requestId, () -> new DoorInput.Lockdown(requestId, on, by));
    }

    public Future<CommandResult> acknowledgeFire(String requestId, String who) {
        return command(requestId, () -> new DoorInput.AcknowledgeFire(requestId, who));
    }

    /** The door-position sensor (debounced); safe from any thread. */
    public void doorSensor(boolean open) {
        feed(new DoorInput.DoorSensor(open));
    }

    /** A press of the request-to-exit button; safe from any thread. */
    public void exitButton() {
        feed(new DoorInput.ExitButton());
    }

    /** The building's fire alarm state; safe from any thread. */
    public void fireAlarm(boolean active) {
        feed(new DoorInput.FireAlarm(active));
    }

    /**
     * Stops timers and answers pending commands "device offline". The lock is left as it is: the
     * GPIO board's close drives relays to their shutdown level, and lock boards relock by themselves.
     */
    public Future<Void> close() {
        return loop.close();
    }

    private void feed(DoorInput input) {
        loop.feed(() -> process(input));
    }

    /** Runs a command once per id; {@code input} may answer by itself and return null. */
    private Future<CommandResult> command(String requestId, Supplier<DoorInput> input) {
        return loop.command(requestId, () -> {
            DoorInput in = input.get();
            if (in != null) {
                process(in);
            }
        });
    }

    private void process(DoorInput input) {
        long now = ControlLoop.now();
        DoorStep step = controller.handle(input, now);
        phase = controller.phase();
        for (DoorAction a : step.actions()) {
            if (a instanceof DoorAction.Release r) {
                loop.actuate(r.actuation(), () -> actuator.unlock(r.pulse()));
            } else if (a instanceof DoorAction.HoldReleased h) {
                loop.actuate(h.actuation(), actuator::holdUnlocked);
            } else if (a instanceof DoorAction.Secure s) {
                loop.actuate(s.actuation(), actuator::lock);
            } else if (a instanceof DoorAction.Emit e) {
                emit(e.event());
            } else if (a instanceof DoorAction.Reply r) {
                answer(r.requestId(), r.result());
            }
        }
        loop.wakeAt(step.wakeAt(), now);
    }

    private void emit(DoorEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            // a broken sink must not stop the door; the event type and door only, no personal data
            LOG.log(System.Logger.Level.ERROR, "event sink failed for " + event.getClass().getSimpleName()
                    + " at door " + event.door() + ": " + e);
        }
    }

    private void answer(String requestId, CommandResult result) {
        loop.answer(requestId, result);
    }
}
