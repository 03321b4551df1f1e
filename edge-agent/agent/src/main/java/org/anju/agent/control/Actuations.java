package org.anju.agent.control;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;


import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Commands to a device that a controller numbered and waits on: each is answered exactly once,
 * by the device or by a timeout, whichever comes first, back on the runtime's context after the
 * current step. A silent device yields "timed out" instead of a hanging command. Only the runtime's
 * context calls it.
 */
public final class Actuations {
    private final Vertx vertx;
    private final Context context;
    private final long timeoutMs;
    private final BiConsumer<Long, LockResult> onReport;
    private final Map<Long, Long> timers = new HashMap<>();

    /** @param onReport gets (actuation, result) once per actuation, on {@code context} */
    public Actuations(Vertx vertx, Context context, long timeoutMs, BiConsumer<Long, LockResult> onReport) {
        this.vertx = vertx;
        this.context = context;
        this.timeoutMs = Math.max(1, timeoutMs);
        this.onReport = onReport;
    }

    public void start(long actuation, Supplier<CompletionStage<LockResult>> command) {
        timers.put(actuation, vertx.setTimer(timeoutMs, id -> report(actuation, new LockResult.TimedOut())));
        CompletionStage<LockResult> stage;
        try {
            stage = command.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> {
            LockResult r = error != null || result == null
                    ? new LockResult.Offline("actuator failed: " + (error == null ? "no result" : error.getMessage()))
                    : result;
            // the answer may come on a bus thread: back onto the runtime's context, after the current step
            context.runOnContext(v -> report(actuation, r));
        });
    }

    /** The first answer for an actuation wins (the device's or the timeout); later ones are dropped. */
    private void report(long actuation, LockResult result) {
        Long timer = timers.remove(actuation);
        if (timer == null) {
            return;
        }
        vertx.cancelTimer(timer);
        onReport.accept(actuation, result);
    }

    public void cancelAll() {
        timers.values().forEach(vertx::cancelTimer);
        timers.clear();
    }
}
