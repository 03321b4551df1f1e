package org.anju.agent.site;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A new site file on trial: the gateway's readiness is asked every half second until it is ready
 * (then {@code confirmed}) or the time is up (then {@code timedOut} with the last reasons it was not).
 * Timed with the steady clock from when it starts, so a wall clock set during the trial does not
 * shorten or stretch it. Runs on its own thread: asking the gateway never waits on an event loop.
 */
public final class Probation implements AutoCloseable {
    private static final long CHECK_MILLIS = 500;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "site-probation");
        t.setDaemon(true);
        return t;
    });
    private final long endNanos;
    private final Supplier<CompletableFuture<List<String>>> notReadyBecause;
    private final Runnable confirmed;
    private final Consumer<String> timedOut;
    private volatile List<String> lastReasons = List.of("no readiness answer yet");
    private boolean done;

    /**
     * @param notReadyBecause the reasons the gateway is not ready; empty when it is
     */
    public Probation(Duration left, Supplier<CompletableFuture<List<String>>> notReadyBecause, Runnable confirmed,
                     Consumer<String> timedOut) {
        this.endNanos = System.nanoTime() + Math.max(0, left.toNanos());
        this.notReadyBecause = notReadyBecause;
        this.confirmed = confirmed;
        this.timedOut = timedOut;
    }

    public Probation start() {
        timer.schedule(this::check, 0, TimeUnit.MILLISECONDS);
        return this;
    }

    private void check() {
        List<String> reasons;
        try {
            reasons = notReadyBecause.get().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            reasons = List.of("the gateway did not answer whether it is ready: " + e);
        }
        boolean expired = System.nanoTime() - endNanos >= 0;
        synchronized (this) {
            if (done) {
                return;
            }
            if (!reasons.isEmpty()) {
                lastReasons = reasons;
            }
            done = reasons.isEmpty() || expired;
        }
        if (reasons.isEmpty()) {
            confirmed.run();
        } else if (expired) {
            timedOut.accept(String.join("; ", lastReasons));
        } else {
            timer.schedule(this::check, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        timer.shutdownNow();
    }
}
