package org.anju.bridge.park.ingest;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One thread taking work in order, except that urgent work (a fire alarm's check) goes ahead of
 * the rest waiting (births, a backlog's door batches). What waits is bounded by its callers: the
 * live connection's places and the ways in that take from it.
 */
final class UrgentFirst implements AutoCloseable {
    private final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    private final ArrayDeque<Runnable> rest = new ArrayDeque<>();
    private final Thread worker;
    private boolean closed;

    UrgentFirst(String name) {
        worker = new Thread(this::work, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Where urgent work goes. */
    Executor urgent() {
        return task -> add(urgent, task);
    }

    /** Where the rest goes, in order. */
    Executor inOrder() {
        return task -> add(rest, task);
    }

    private synchronized void add(ArrayDeque<Runnable> queue, Runnable task) {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException("the bridge is stopping");
        }
        queue.add(task);
        notifyAll();
    }

    private void work() {
        while (true) {
            Runnable next;
            synchronized (this) {
                while (urgent.isEmpty() && rest.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = urgent.isEmpty() ? rest.poll() : urgent.poll();
            }
            next.run(); // CompletableFuture's tasks catch what they throw
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        urgent.clear();
        rest.clear();
        notifyAll();
    }
}
