package org.anju.agent.control;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;


import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The Vert.x side of a pure controller (a door's, a lift's, a gate's): one context that every input
 * is queued onto in arrival order, so the controller is only ever touched by one thread; commands
 * answered once per id ({@link RequestLedger}); device commands with a timeout ({@link Actuations});
 * the one wake timer; and stopping, after which commands are answered "device offline". Nothing here
 * blocks.
 */
public final class ControlLoop {
    private final Context context;
    private final String name;
    private final RequestLedger<CommandResult> requests = new RequestLedger<>();
    private final Actuations actuations;
    private final WakeTimer wake;
    private boolean stopped;

    /**
     * A loop on the calling verticle's context (or a new event-loop context off Vert.x threads).
     *
     * @param name     what it runs, for answers once stopped: "door entrance", "lift lift-a"
     * @param onReport an actuation's answer (the device's, or the timeout's), on the loop's context
     * @param onWake   the controller's deadline came, on the loop's context
     */
    public ControlLoop(Vertx vertx, String name, Duration timeout, BiConsumer<Long, LockResult> onReport, Runnable onWake) {
        this.context = vertx.getOrCreateContext();
        this.name = name;
        this.actuations = new Actuations(vertx, context, timeout.toMillis(), (a, r) -> {
            if (!stopped) {
                onReport.accept(a, r);
            }
        });
        this.wake = new WakeTimer(vertx, () -> {
            if (!stopped) {
                onWake.run();
            }
        });
    }

    /** Monotonic milliseconds: what controllers' deadlines are in (the wall clock may jump). */
    public static long now() {
        return System.nanoTime() / 1_000_000;
    }

    /** Runs {@code step} on the loop's context after what is queued, unless stopped. Safe from any thread. */
    public void feed(Runnable step) {
        context.runOnContext(v -> {
            if (!stopped) {
                step.run();
            }
        });
    }

    /**
     * A command with the caller's id: {@code act} runs on the context for an id not seen before and
     * answers through {@link #answer}; an id seen before gets its earlier answer. Safe from any thread.
     */
    public Future<CommandResult> command(String requestId, Runnable act) {
        Promise<CommandResult> p = Promise.promise();
        context.runOnContext(v -> {
            if (stopped) {
                p.complete(stoppedAnswer());
                return;
            }
            requests.once(requestId, act).onSuccess(p::complete);
        });
        return p.future();
    }

    /** On the context: the answer to the command with this id. */
    public void answer(String requestId, CommandResult result) {
        requests.answer(requestId, result);
    }

    /** On the context: a device command the controller numbered; its answer comes to {@code onReport}. */
    public void actuate(long actuation, Supplier<CompletionStage<LockResult>> command) {
        actuations.start(actuation, command);
    }

    /** On the context: when the controller next wants to be woken ({@code now} from {@link #now()}). */
    public void wakeAt(OptionalLong next, long now) {
        wake.schedule(next, now);
    }

    public boolean stopped() {
        return stopped;
    }

    /** Stops timers and answers pending commands "device offline"; the device is left as it is. */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopped = true;
            wake.cancel();
            actuations.cancelAll();
            requests.answerAll(stoppedAnswer());
            done.complete();
        });
        return done.future();
    }

    private CommandResult stoppedAnswer() {
        return new CommandResult.DeviceOffline(name + " is stopped");
    }
}
