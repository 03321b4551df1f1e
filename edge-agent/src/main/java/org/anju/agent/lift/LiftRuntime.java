package org.anju.agent.lift;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.control.Actuations;
import org.anju.agent.control.RequestLedger;
import org.anju.agent.control.WakeTimer;
import org.anju.agent.door.CommandResult;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Runs one {@link LiftController} on one Vert.x context, as a door runtime runs its door: every
 * input (a reader's card, a fire input, a command, the board's answers and read-backs) is queued
 * onto the context in arrival order; deadlines become timers; board writes go to the bus and come
 * back as reports, with a timeout. Nothing here blocks.
 */
public final class LiftRuntime {
    public static final Duration BOARD_TIMEOUT = Duration.ofSeconds(3);

    private final Context context;
    private final LiftController controller;
    private final LiftBoard board;
    private final Consumer<Object> events;
    private final Clock localClock;
    private final RequestLedger<CommandResult> requests = new RequestLedger<>();
    private final Actuations actuations;
    private final WakeTimer wake;
    private final Map<String, Boolean> read = new HashMap<>();
    private final int floorCount;
    private final String liftId;
    private boolean closed;
    private volatile boolean released;

    private LiftRuntime(Vertx vertx, LiftConfig config, boolean releasedAtStart, LiftBoard board, Consumer<Object> events,
                        Clock localClock) {
        this.context = vertx.getOrCreateContext();
        this.controller = new LiftController(config, releasedAtStart);
        this.board = board;
        this.events = events;
        this.localClock = localClock;
        this.liftId = config.liftId();
        this.floorCount = config.floors().size();
        this.released = releasedAtStart;
        this.actuations = new Actuations(vertx, context, BOARD_TIMEOUT.toMillis(),
                (actuation, result) -> process(new LiftInput.BoardReport(actuation, result)));
        this.wake = new WakeTimer(vertx, () -> process(new LiftInput.Tick()));
    }

    /**
     * A lift on a new context; it writes the board the floors open now at once. {@code events} is
     * called on that context in order and must not block; {@code localClock} is in the building's zone.
     */
    static LiftRuntime start(Vertx vertx, LiftConfig config, boolean releasedAtStart, LiftBoard board, Consumer<Object> events,
                             Clock localClock) {
        LiftRuntime runtime = new LiftRuntime(vertx, config, releasedAtStart, board, events, localClock);
        runtime.context.runOnContext(v -> runtime.process(new LiftInput.Tick()));
        return runtime;
    }

    public String liftId() {
        return liftId;
    }

    /** Whether a fire release holds every floor, as of the last step; for health and tests. */
    public boolean fireReleased() {
        return released;
    }

    /** A card or a phone already judged; answered "enabled" once the board holds the floors. */
    public Future<CommandResult> admit(String requestId, String credential, LiftDecision decision) {
        return command(requestId, () -> new LiftInput.Present(requestId, credential, decision));
    }

    /** An officer ends a fire release. */
    public Future<CommandResult> restore(String requestId, String officer) {
        return command(requestId, () -> new LiftInput.Restore(requestId, officer));
    }

    /** A fire input of this lift changed; safe from any thread. */
    public void fireAlarm(String input, boolean active) {
        context.runOnContext(v -> process(new LiftInput.FireAlarm(input, active)));
    }

    /** A poll of a relay board (any board: those of other devices are ignored); from the bus thread. */
    public void boardState(RegisterSnapshot snapshot) {
        board.read(snapshot).ifPresent(floors -> context.runOnContext(v -> {
            read.putAll(floors);
            if (read.size() == floorCount) {
                Set<String> enabled = new LinkedHashSet<>();
                read.forEach((floor, on) -> {
                    if (on) {
                        enabled.add(floor);
                    }
                });
                process(new LiftInput.BoardRead(enabled));
            }
        }));
    }

    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            wake.cancel();
            actuations.cancelAll();
            requests.answerAll(new CommandResult.DeviceOffline("lift " + liftId + " is stopped"));
            done.complete();
        });
        return done.future();
    }

    private Future<CommandResult> command(String requestId, Supplier<LiftInput> input) {
        Promise<CommandResult> p = Promise.promise();
        context.runOnContext(v -> {
            if (closed) {
                p.complete(new CommandResult.DeviceOffline("lift " + liftId + " is stopped"));
                return;
            }
            requests.once(requestId, () -> process(input.get())).onSuccess(p::complete);
        });
        return p.future();
    }

    private void process(LiftInput input) {
        if (closed) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        LiftAction.Step step = controller.handle(input, now, LocalTime.now(localClock));
        released = controller.fireReleased();
        for (LiftAction a : step.actions()) {
            if (a instanceof LiftAction.Apply apply) {
                actuations.start(apply.actuation(), () -> board.apply(apply.enabled()));
            } else if (a instanceof LiftAction.Emit e) {
                events.accept(e.event());
            } else if (a instanceof LiftAction.Reply r) {
                requests.answer(r.requestId(), r.result());
            }
        }
        wake.schedule(step.wakeAt(), now);
    }
}
