package org.anju.bridge.uplink;

import java.util.Iterator;

/** How many of the next events go into one batch: a run of one priority within the size limits. */
final class BatchPlanner {
    /** JSON around a payload in a batch: seq, ts, priority, type, field names. */
    static final int EVENT_OVERHEAD_BYTES = 96;

    private BatchPlanner() {
    }

    /**
     * The length of the batch at the head of {@code events}: at least one event (an oversized
     * event goes alone), all of the first event's priority, at most {@code maxEvents} and, past the
     * first, at most {@code maxBytes} of estimated JSON, seqs increasing (an outbox that answers out
     * of order splits batches rather than breaking the contract).
     */
    static int nextBatch(Iterable<UplinkEvent> events, int maxEvents, int maxBytes) {
        Iterator<UplinkEvent> it = events.iterator();
        if (!it.hasNext()) {
            return 0;
        }
        UplinkEvent first = it.next();
        int count = 1;
        long last = first.seq();
        long bytes = estimate(first);
        while (count < maxEvents && it.hasNext()) {
            UplinkEvent next = it.next();
            long size = estimate(next);
            if (next.priority() != first.priority() || bytes + size > maxBytes || next.seq() <= last) {
                break;
            }
            last = next.seq();
            bytes += size;
            count++;
        }
        return count;
    }

    static long estimate(UplinkEvent e) {
        return EVENT_OVERHEAD_BYTES + (e.payload() == null ? 0 : e.payload().length())
                + (e.type() == null ? 0 : e.type().length());
    }
}
