package org.anju.bridge.uplink;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's durable outbox as the uplink sees it. The agent adapts its store to this (in
 * edge-agent, {@code Outbox.unacknowledged} and {@code Outbox.acknowledge} map one to one).
 *
 * <p>The uplink calls from its own thread and never has more than one call outstanding, so an
 * implementation needs no concurrency of its own; it must not block the calling thread for long
 * (run the query elsewhere and complete the future there). A failed future is retried later.
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
     * The broker has these events (it sent PUBACK for the batch that carried them): never send them
     * again. Complete the future once that is durable. Unknown or already acknowledged numbers are
     * ignored. If this is lost in a crash the events are sent again, which the park deduplicates.
     */
    CompletableFuture<?> acknowledge(List<Long> seqs);
}
