package org.anju.agent.uplink;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.uplink.OutboxSource;
import org.anju.bridge.uplink.UplinkEvent;

/**
 * The gateway's outbox as the uplink drains it. Both calls run on the outbox's writer thread, in
 * the order they arrive, so a read that follows an acknowledgement sees it, as the uplink needs.
 */
final class OutboxFeed implements OutboxSource {
    private final Outbox outbox;

    OutboxFeed(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public CompletableFuture<List<UplinkEvent>> unacknowledged(int limit) {
        return outbox.unacknowledged(limit).thenApply(events -> events.stream().map(OutboxFeed::toUplink).toList());
    }

    @Override
    public CompletableFuture<?> acknowledge(List<Long> seqs) {
        return outbox.acknowledge(seqs);
    }

    static UplinkEvent toUplink(OutboxEvent e) {
        return new UplinkEvent(e.seq(), e.timestampMillis(), e.priority(), e.type(), e.payload());
    }
}
