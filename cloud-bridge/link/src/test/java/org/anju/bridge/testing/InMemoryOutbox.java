package org.anju.bridge.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.anju.bridge.contract.Priority;
import org.anju.bridge.uplink.OutboxSource;
import org.anju.bridge.uplink.UplinkEvent;

/**
 * The agent's outbox as the uplink sees it, in memory, answering on its own thread like the real
 * one (whose queries run on its writer thread). It outlives the uplinks that use it, which is what
 * a restarted agent finds on disk. It also checks the uplink keeps its promise of at most one read
 * and one acknowledgement outstanding.
 */
public final class InMemoryOutbox implements OutboxSource, AutoCloseable {
    private final TreeMap<Long, UplinkEvent> events = new TreeMap<>();
    private final TreeMap<Long, Boolean> acked = new TreeMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger readsOut = new AtomicInteger();
    private final AtomicInteger acksOut = new AtomicInteger();
    private volatile boolean overlapSeen;
    private long nextSeq = 1;
    private int acknowledgeCalls;
    private int reads;

    public synchronized UplinkEvent append(Priority priority, String type, String payload) {
        UplinkEvent e = new UplinkEvent(nextSeq++, System.currentTimeMillis(), priority, type, payload);
        events.put(e.seq(), e);
        acked.put(e.seq(), false);
        return e;
    }

    /** {@code count} events of {@code priority} with a small JSON payload naming their index. */
    public List<UplinkEvent> appendMany(int count, Priority priority, String type) {
        List<UplinkEvent> appended = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            appended.add(append(priority, type, "{\"n\":" + i + ",\"door\":\"entrance-1\",\"result\":\"granted\"}"));
        }
        return appended;
    }

    @Override
    public CompletableFuture<List<UplinkEvent>> unacknowledged(int limit) {
        enter(readsOut);
        return CompletableFuture.supplyAsync(() -> {
            try {
                synchronized (this) {
                    reads++;
                    return events.values().stream().filter(e -> !acked.get(e.seq()))
                            .sorted(Comparator.comparing(UplinkEvent::priority).thenComparingLong(UplinkEvent::seq))
                            .limit(limit).toList();
                }
            } finally {
                readsOut.decrementAndGet();
            }
        }, thread);
    }

    @Override
    public CompletableFuture<Integer> acknowledge(List<Long> seqs) {
        enter(acksOut);
        List<Long> copy = List.copyOf(seqs);
        return CompletableFuture.supplyAsync(() -> {
            try {
                synchronized (this) {
                    acknowledgeCalls++;
                    int n = 0;
                    for (Long seq : copy) {
                        if (acked.containsKey(seq) && !acked.put(seq, true)) {
                            n++;
                        }
                    }
                    return n;
                }
            } finally {
                acksOut.decrementAndGet();
            }
        }, thread);
    }

    private void enter(AtomicInteger outstanding) {
        if (outstanding.incrementAndGet() > 1) {
            overlapSeen = true;
        }
    }

    public synchronized long unacknowledgedCount() {
        return acked.values().stream().filter(a -> !a).count();
    }

    public synchronized long acknowledgedCount() {
        return acked.values().stream().filter(a -> a).count();
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized List<UplinkEvent> all() {
        return List.copyOf(events.values());
    }

    public synchronized int acknowledgeCalls() {
        return acknowledgeCalls;
    }

    public synchronized int reads() {
        return reads;
    }

    /** True if the uplink ever had two reads, or two acknowledgements, outstanding at once. */
    public boolean overlapSeen() {
        return overlapSeen;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
