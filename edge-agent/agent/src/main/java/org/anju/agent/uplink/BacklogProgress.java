package org.anju.agent.uplink;

import java.lang.System.Logger.Level;
import java.time.Duration;

import org.anju.agent.store.Outbox;

import io.vertx.core.Vertx;

/**
 * Says how a backlog drains, once a minute while there is one: how many events wait, how fast
 * they go and about how long is left; and once when it is gone. A quiet link logs nothing.
 */
final class BacklogProgress {
    private static final System.Logger LOG = System.getLogger(BacklogProgress.class.getName());
    /** Fewer waiting events than this is a link keeping up, not a backlog. */
    static final long BACKLOG = 1_000;

    private long lastPending;
    private long lastAt;
    private boolean draining;

    static void watch(Vertx vertx, Outbox outbox, Duration every) {
        BacklogProgress progress = new BacklogProgress();
        vertx.setPeriodic(every.toMillis(), t -> outbox.pending().thenAccept(p -> {
            String line = progress.next(p.events(), System.nanoTime());
            if (line != null) {
                LOG.log(Level.INFO, line);
            }
        }));
    }

    /** The line to log for this observation, or null. */
    String next(long pending, long nowNanos) {
        String line = null;
        if (pending >= BACKLOG) {
            boolean wasDraining = draining;
            draining = true;
            if (wasDraining) {
                double seconds = (nowNanos - lastAt) / 1e9;
                double rate = (lastPending - pending) / seconds;
                line = rate > 0
                        ? String.format("uplink backlog: %d events to send, draining at %.0f events/s, about %.0f s left",
                                pending, rate, pending / rate)
                        : String.format("uplink backlog: %d events to send, not draining (is the park's broker reachable?)",
                                pending);
            } else {
                line = "uplink backlog: " + pending + " events to send";
            }
        } else if (draining) {
            draining = false;
            line = "uplink backlog drained: " + pending + " events left, the link is keeping up";
        }
        lastPending = pending;
        lastAt = nowNanos;
        return line;
    }
}
