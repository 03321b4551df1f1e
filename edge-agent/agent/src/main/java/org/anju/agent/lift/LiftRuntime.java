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
import org.anju.agent.control.ControlLoop;
import org.anju.agent.control.CommandResult;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Runs one {@link LiftController} on one Vert.x context, as a door runtime runs its door: every
 * input (a reader's card, a fire input, a command, the board's answers and read-backs) is queued
 * onto the context in arrival order; deadlines become timers; board writes go to the bus and come
 * back as reports, with a timeout. Nothing here blocks.
 */
public final class LiftRuntime {
    public static final Duration BOARD_TIMEOUT = Duration.ofSeconds(3);

    private final LiftController controller;
    private final LiftBoard board;
    private final Consumer<Object> events;
    private final Clock localClock;
    private final ControlLoop loop;
    private final Map<String, Boolean> read = new HashMap<>();
    private final int floorCount;
    private final String liftId;
    private volatile boolean released;

    private LiftRuntime(Vertx vertx, LiftConfig config, boolean releasedAtStart, LiftBoard board, Consumer<Object> events,
                        Clock localClock) {
        this.controller = new LiftController(config, releasedAtStart);
        this.board = board;
        this.events = events;
        this.localClock = localClock;
        this.liftId = config.liftId();
        this.floorCount = config.floors().size();
        this.released = releasedAtStart;
        this.loop = new ControlLoop(vertx, "lift " + config.liftId(), BOARD_TIMEOUT,
                (actuation, result) -> process(new LiftInput.BoardReport(actuation, result)), () -> process(new LiftInput.Tick()));
    }

    /**
     * A lift on a new context; it writes the board the floors open now at once. {@code events} is
     * called on that context in order and must not block; {@code localClock} is in the building's zone.
     */
    static LiftRuntime start(Vertx vertx, LiftConfig config, boolean releasedAtStart, LiftBoard board, Consumer<Object> events,
                             Clock localClock) {
        LiftRuntime runtime = new LiftRuntime(vertx, config, releasedAtStart, board, events, localClock);
        runtime.loop.feed(() -> runtime.process(new LiftInput.Tick()));
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
        loop.feed(() -> process(new LiftInput.FireAlarm(input, active)));
    }

    /** A poll of a relay board (any board: those of other devices are ignored); from the bus thread. */
    public void boardState(RegisterSnapshot snapshot) {
        board.read(snapshot).ifPresent(floors -> loop.feed(() -> {
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
        return loop.close();
    }

    private Future<CommandResult> command(String requestId, Supplier<LiftInput> input) {
        return loop.command(requestId, () -> process(input.get()));
    }

    private void process(LiftInput input) {
        long now = ControlLoop.now();
        LiftAction.Step step = controller.handle(input, now, LocalTime.now(localClock));
        released = controller.fireReleased();
        for (LiftAction a : step.actions()) {
            if (a instanceof LiftAction.Apply apply) {
                loop.actuate(apply.actuation(), () -> board.apply(apply.enabled()));
            } else if (a instanceof LiftAction.Emit e) {
                events.accept(e.event());
            } else if (a instanceof LiftAction.Reply r) {
                loop.answer(r.requestId(), r.result());
            }
        }
        loop.wakeAt(step.wakeAt(), now);
    }
}
