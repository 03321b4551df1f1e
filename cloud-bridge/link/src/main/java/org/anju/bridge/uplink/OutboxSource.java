package org.anju.bridge.uplink;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's durable outbox as the uplink sees it. The agent adapts its store to this (in
 * edge-agent, {@code Outbox.unacknowledged} and {@code Outbox.acknowledge} map one to one).
 *
 * <p>The uplink calls from its own thread, with at most one read and one acknowledgement
 * outstanding at a time; an implementation may serve them on one thread in order (the edge-agent
 * outbox does). It must not block the calling thread (run the query elsewhere and complete the
 * future there), and a read that starts after an acknowledgement completed must see it. A failed
 * future, or a call that throws, is retried after the uplink's idle poll interval.
 */
public interface OutboxSource {

    /**
     * Up to {@code limit} events not yet acknowledged: every {@code ALARM} first, then
     * {@code ACCESS}, {@code STATE}, {@code TELEMETRY}, in {@code seq} order within each priority.
     * Events already handed out but not yet acknowledged are included again; the uplink skips
     * those it has in flight.
     */
    CompletableFuture<List<UplinkEvent>> unacknowledged(int limit);

    /**
     * The park has stored these events (its signed receipt named them): never send them
     * again. Complete the future once that is durable. Unknown or already acknowledged numbers are
     * ignored. If this is lost in a crash the events are sent again, which the park deduplicates.
     */
    CompletableFuture<?> acknowledge(List<Long> seqs);
}
