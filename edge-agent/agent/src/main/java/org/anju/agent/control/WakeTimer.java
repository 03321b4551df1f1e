package org.anju.agent.control;

import java.util.OptionalLong;

import io.vertx.core.Vertx;

/**
 * The one timer a pure controller asks for: "wake me at this monotonic time". Rescheduled after
 * every step; fires {@code onWake} on the context that set it. Only that context touches it.
 */
public final class WakeTimer {
    private final Vertx vertx;
    private final Runnable onWake;
    private long timer = -1;
    private long at = Long.MAX_VALUE;

    public WakeTimer(Vertx vertx, Runnable onWake) {
        this.vertx = vertx;
        this.onWake = onWake;
    }

    /** Wakes at {@code next} (monotonic milliseconds), nothing if empty; {@code now} on the same clock. */
    public void schedule(OptionalLong next, long now) {
        long wanted = next.orElse(Long.MAX_VALUE);
        if (wanted == at && (timer != -1 || wanted == Long.MAX_VALUE)) {
            return;
        }
        cancel();
        at = wanted;
        if (wanted != Long.MAX_VALUE) {
            timer = vertx.setTimer(Math.max(1, wanted - now), id -> {
                timer = -1;
                at = Long.MAX_VALUE;
                onWake.run();
            });
        }
    }

    public void cancel() {
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        at = Long.MAX_VALUE;
    }
}
