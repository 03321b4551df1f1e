package org.anju.bridge.park.auth;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Password hashing on a few threads of its own with a short queue ordered by priority (lower
 * first, then first come): a sign-in flood fills the queue, and one more try either takes the
 * place of the queue's worst (which is answered {@link Busy}) or is itself refused at once. A
 * person whose address has not been failing has priority 0 and so never waits behind the flood;
 * with two threads or more, one is kept for such people ({@link #submit}). And while a person's
 * hash runs or waits, no thread starts anyone else's: the flood's hashes already running finish
 * (at most one hash's time, beside the person's), then the cores are the person's. So a person
 * signs in in one hash's time plus at most one more, however hard the flood pushes. The flood's
 * hashes already running stand aside too, at their next {@link #checkpoint} (every few
 * milliseconds of hashing), until no person's runs: so the person's hash has a core to itself
 * and the other is left to the park's HTTP and store. The slow hash never runs on an event loop.
 */
public final class HashPool implements AutoCloseable {
    /** The queue was full of tries at least as deserving: answer 503 with Retry-After. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("sign-ins are busy", null, false, false);
        }
    }

    /** The priority of work for nobody in particular (a login that does not exist): after everyone's. */
    public static final int LAST = Integer.MAX_VALUE;

    private record Job(int priority, long seq, Callable<?> work, CompletableFuture<Object> done) {
    }

    /** The pool and job a worker thread is running, for {@link #checkpoint}. */
    private record Running(HashPool pool, Job job) {
    }

    private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

    private final TreeSet<Job> queue = new TreeSet<>(Comparator.comparingInt(Job::priority).thenComparingLong(Job::seq));
    private final int capacity;
    private final AtomicLong seq = new AtomicLong();
    private final Thread[] workers;
    /** Priority-0 jobs running now; guarded by {@code queue}. */
    private int peopleRunning;
    private volatile boolean closed;

    public HashPool(int threads, int capacity) {
        this.capacity = capacity;
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            boolean reserved = threads > 1 && i == 0;
            workers[i] = new Thread(() -> work(reserved), "password-hash-" + i + (reserved ? "-people" : ""));
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** As many threads as cores, a queue of twice as many. */
    public static HashPool forThisMachine() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new HashPool(cores, 2 * cores);
    }

    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(int priority, Callable<T> work) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        Job job = new Job(priority, seq.incrementAndGet(), work, done);
        Job evicted = null;
        synchronized (queue) {
            if (queue.size() >= capacity) {
                Job worst = queue.last();
                if (worst.priority() <= priority) {
                    return CompletableFuture.failedFuture(new Busy());
                }
                queue.pollLast();
                evicted = worst;
            }
            queue.add(job);
            queue.notifyAll();   // the thread kept for people may not take it; one that may must wake
        }
        if (evicted != null) {
            evicted.done().completeExceptionally(new Busy());
        }
        return (CompletableFuture<T>) done;
    }

    /**
     * {@code forPeople}: this thread takes only priority-0 work, the tries of people not failing.
     * Any thread holds back other work while a person's runs or waits.
     */
    private void work(boolean forPeople) {
        while (!closed) {
            Job job;
            synchronized (queue) {
                while (!mayStart(forPeople) && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = queue.pollFirst();
                if (job.priority() == 0) {
                    peopleRunning++;
                }
            }
            RUNNING.set(new Running(this, job));
            try {
                job.done().complete(job.work().call());
            } catch (Exception | Error e) {
                job.done().completeExceptionally(e);
            } finally {
                RUNNING.remove();
                if (job.priority() == 0) {
                    synchronized (queue) {
                        peopleRunning--;
                        queue.notifyAll();   // the flood's work may start again
                    }
                }
            }
        }
    }

    /**
     * Called by long work between its steps: on a pool thread running anyone's but a person's
     * work, waits while a person's work runs; elsewhere returns at once.
     */
    public static void checkpoint() {
        Running running = RUNNING.get();
        if (running != null && running.job().priority() > 0) {
            running.pool().standAside();
        }
    }

    private void standAside() {
        synchronized (queue) {
            while (peopleRunning > 0 && !closed) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Guarded by {@code queue}: whether this thread may take the queue's first job now. */
    private boolean mayStart(boolean forPeople) {
        if (queue.isEmpty()) {
            return false;
        }
        // the queue is ordered by priority: its first is a person's if any person waits
        return queue.first().priority() == 0 || !forPeople && peopleRunning == 0;
    }

    /** Tries waiting now. */
    public int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (queue) {
            queue.notifyAll();
            queue.forEach(j -> j.done().completeExceptionally(new Busy()));
            queue.clear();
        }
    }
}
