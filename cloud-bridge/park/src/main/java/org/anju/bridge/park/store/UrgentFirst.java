package org.anju.bridge.park.store;

import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thread taking work in the order it came, except that urgent work goes ahead of the rest
 * waiting (and after what runs), each kind in its order: the store's lanes ({@link ParkDatabase},
 * where a fire alarm's numbering for the consoles passes a drain's births and roster states) and
 * the live connection's checks (a fire alarm's ahead of births and door batches). What waits is
 * bounded by its callers. Work offered after {@link #close} is refused (RejectedExecutionException).
 */
public final class UrgentFirst implements AutoCloseable {
    private final ThreadPoolExecutor thread;
    private final AtomicLong arrivals = new AtomicLong();

    public UrgentFirst(String name) {
        thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Where urgent work goes. */
    public Executor urgent() {
        return task -> thread.execute(new Ranked(0, arrivals.incrementAndGet(), task));
    }

    /** Where the rest goes, in order. */
    public Executor inOrder() {
        return task -> thread.execute(new Ranked(1, arrivals.incrementAndGet(), task));
    }

    /** A unit of work in its place: urgent ones first, each kind in the order it came. */
    private record Ranked(int rank, long arrival, Runnable task) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            task.run(); // CompletableFuture's tasks catch what they throw
        }

        @Override
        public int compareTo(Ranked other) {
            return rank != other.rank ? Integer.compare(rank, other.rank) : Long.compare(arrival, other.arrival);
        }
    }

    /** Finishes what was offered, taking nothing more, for up to {@code seconds}. */
    void finish(long seconds) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** Drops what waits; what runs ends on its own. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
