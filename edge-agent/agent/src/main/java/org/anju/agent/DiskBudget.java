package org.anju.agent;

import java.time.Duration;

import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.Retention;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Keeps the event store within the site's disk budget, checked every minute. When telemetry
 * had to be thinned, or only alarms and access events are left and the budget is still
 * exceeded, an alarm says so, with the range of sequence numbers thinned so the park can tell
 * thinning from loss.
 */
final class DiskBudget {
    static final Duration EVERY = Duration.ofMinutes(1);

    /** What the alarm carries. */
    record Report(long budgetBytes, long usedBytes, int thinned, long thinnedFromSeq, long thinnedToSeq,
                  boolean stillOverBudget) {
    }

    /** The contract's outbox.discarded payload: which sequence numbers will never be sent, and why. */
    record Discarded(long fromSeq, long toSeq, int count, String reason) {
    }

    private DiskBudget() {
    }

    static long watch(Vertx vertx, Outbox outbox, EventLog events, long budgetBytes) {
        return vertx.setPeriodic(EVERY.toMillis(), id -> check(vertx, outbox, events, budgetBytes));
    }

    static Future<Retention.Report> check(Vertx vertx, Outbox outbox, EventLog events, long budgetBytes) {
        return Future.fromCompletionStage(outbox.enforce(budgetBytes), vertx.getOrCreateContext()).onSuccess(r -> {
            if (r.thinned()) {
                // the park's gap detection reads this range as discarded on purpose, not lost
                events.record(Priority.STATE, "outbox.discarded",
                        new Discarded(r.thinnedFromSeq(), r.thinnedToSeq(), r.thinnedUnsent(), "disk budget"));
            }
            if (r.thinned() || r.stillOverBudget()) {
                events.record(Priority.ALARM, "store.disk_budget", new Report(budgetBytes, r.usedBytesAfter(),
                        r.thinnedUnsent(), r.thinnedFromSeq(), r.thinnedToSeq(), r.stillOverBudget()));
            }
        });
    }
}
