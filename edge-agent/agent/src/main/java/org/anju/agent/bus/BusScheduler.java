package org.anju.agent.bus;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives one RS-485 bus from its own thread: one outstanding request at a time, the line's
 * inter-frame silence kept, commands ahead of routine polls (a command waits at most for the one
 * exchange already on the line), timeouts and retries per request, and device health.
 *
 * <p>A device that stops answering is marked offline after a few failed exchanges; from then on
 * it is probed once per probe period without retries, so its timeouts cost the bus a bounded
 * share and the other devices keep their poll rate. A bus that cannot be reached reports
 * {@link BusOutcome.BusDown} at once and is reopened after a back-off; it never blocks anything
 * but its own thread.
 */
public final class BusScheduler implements AutoCloseable {
    private final BusSettings settings;
    private final ByteTransport transport;
    private final Consumer<DeviceStatus> statusListener;
    private final BlockingQueue<Job<?>> commands = new LinkedBlockingQueue<>();
    private final List<Poll<?>> polls = new CopyOnWriteArrayList<>();
    private final Map<String, DeviceHealth> health = new ConcurrentHashMap<>();
    private final Thread thread;
    private final BusExchange exchange;
    private volatile boolean running = true;
    private long lastOpenFailure = Long.MIN_VALUE / 2;
    private volatile String lastOpenError = "";
    /** Since when (System.nanoTime) the line could not be opened or broke and has not been open since; {@link #UP} if not. */
    private volatile long downSince = UP;
    private static final long UP = Long.MIN_VALUE;

    public BusScheduler(BusSettings settings, ByteTransport transport, Consumer<DeviceStatus> statusListener) {
        this.settings = settings;
        this.transport = transport;
        this.statusListener = statusListener;
        this.exchange = new BusExchange(transport, settings);
        this.thread = new Thread(this::run, "bus-" + settings.name());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A command (open a lock, cut a relay): goes before every routine poll waiting. */
    public <T> CompletableFuture<BusOutcome<T>> command(BusRequest<T> request) {
        Job<T> job = new Job<>(request, new CompletableFuture<>());
        commands.add(job);
        LockSupport.unpark(thread);
        return job.done();
    }

    /** Reads {@code request} every {@code period}, handing each outcome to {@code onOutcome} on the bus thread. */
    public <T> AutoCloseable poll(Duration period, Supplier<BusRequest<T>> request, Consumer<BusOutcome<T>> onOutcome) {
        Poll<T> poll = new Poll<>(period.toNanos(), request, onOutcome);
        polls.add(poll);
        LockSupport.unpark(thread);
        return () -> polls.remove(poll);
    }

    public boolean isOnline(String device) {
        DeviceHealth h = health.get(device);
        return h == null || h.online;
    }

    public String name() {
        return settings.name();
    }

    private void run() {
        while (running) {
            Job<?> command = commands.poll();
            if (command != null) {
                execute(command);
                continue;
            }
            long now = System.nanoTime();
            Poll<?> next = null;
            long nextAt = Long.MAX_VALUE;
            for (Poll<?> p : polls) {
                long at = dueAt(p);
                if (at < nextAt) {
                    nextAt = at;
                    next = p;
                }
            }
            if (next != null && nextAt - now <= 0) {
                next.nextDue = Math.max(next.nextDue + next.periodNanos, now);
                runPoll(next);
                continue;
            }
            long wait = next == null ? TimeUnit.SECONDS.toNanos(1) : nextAt - now;
            try {
                command = commands.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (command != null) {
                execute(command);
            }
        }
    }

    /** An offline device's poll waits for its probe period, however often it is scheduled. */
    private long dueAt(Poll<?> p) {
        BusRequest<?> peek = p.current();
        DeviceHealth h = health.get(peek.device());
        if (h != null && !h.online) {
            return Math.max(p.nextDue, h.lastAttempt + settings.offlineProbe().toNanos());
        }
        return p.nextDue;
    }

    private <T> void runPoll(Poll<T> poll) {
        BusRequest<T> request = poll.current();
        poll.pending = null;
        BusOutcome<T> outcome = transact(request);
        try {
            poll.onOutcome.accept(outcome);
        } catch (RuntimeException e) {
            System.err.println("bus " + settings.name() + ": poll handler for " + request.device() + " failed: " + e);
        }
    }

    private <T> void execute(Job<T> job) {
        job.done().complete(transact(job.request()));
    }

    private <T> BusOutcome<T> transact(BusRequest<T> request) {
        if (!ensureOpen()) {
            return new BusOutcome.BusDown<>(settings.name(), lastOpenError);
        }
        DeviceHealth h = health.computeIfAbsent(request.device(), d -> new DeviceHealth());
        boolean wasOnline = h.online;
        int attempts = wasOnline && request.repeatable() ? 1 + settings.retries() : 1;
        BusOutcome<T> outcome;
        try {
            outcome = exchange.run(request, attempts);
        } catch (IOException e) {
            transport.close();
            lastOpenFailure = System.nanoTime();
            lastOpenError = transport.describe() + ": " + e.getMessage();
            lineDown(lastOpenFailure);
            return new BusOutcome.BusDown<>(settings.name(), lastOpenError);
        }
        h.lastAttempt = System.nanoTime();
        h.exchanges.incrementAndGet();
        if (outcome instanceof BusOutcome.Answered) {
            h.failures = 0;
            if (!h.online) {
                h.online = true;
                h.reason = null;
                statusListener.accept(new DeviceStatus(settings.name(), request.device(), true, "answering again"));
            }
            return outcome;
        }
        h.failures++;
        h.unanswered.incrementAndGet();
        if (h.online && h.failures >= settings.offlineAfter()) {
            h.offlineSince = h.lastAttempt;
            h.reason = "no answer to " + h.failures + " exchanges in a row";
            h.online = false;
            statusListener.accept(new DeviceStatus(settings.name(), request.device(), false, h.reason));
        }
        return h.online ? outcome : new BusOutcome.Offline<>(request.device());
    }

    private boolean ensureOpen() {
        if (transport.isOpen()) {
            return true;
        }
        if (System.nanoTime() - lastOpenFailure < settings.reopenBackoff().toNanos()) {
            return false;
        }
        try {
            transport.open();
            downSince = UP;
            return true;
        } catch (IOException e) {
            lastOpenFailure = System.nanoTime();
            lastOpenError = "cannot open " + transport.describe() + ": " + e.getMessage();
            lineDown(lastOpenFailure);
            return false;
        }
    }

    private void lineDown(long at) {
        if (downSince == UP) {
            downSince = at;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        Job<?> left;
        while ((left = commands.poll()) != null) {
            stopped(left);
        }
    }

    private <T> void stopped(Job<T> job) {
        job.done().complete(new BusOutcome.BusDown<>(settings.name(), "bus stopped"));
    }

    private record Job<T>(BusRequest<T> request, CompletableFuture<BusOutcome<T>> done) {
    }

    private static final class Poll<T> {
        final long periodNanos;
        final Supplier<BusRequest<T>> request;
        final Consumer<BusOutcome<T>> onOutcome;
        long nextDue = System.nanoTime();
        BusRequest<T> pending;

        Poll(long periodNanos, Supplier<BusRequest<T>> request, Consumer<BusOutcome<T>> onOutcome) {
            this.periodNanos = periodNanos;
            this.request = request;
            this.onOutcome = onOutcome;
        }

        /** The request this poll will send next, built once per round so its device is known in advance. */
        BusRequest<T> current() {
            if (pending == null) {
                pending = request.get();
            }
            return pending;
        }
    }

    /** Exchanges with a device and how many went unanswered (after retries), for metrics. */
    public record DeviceCounts(String device, long exchanges, long unanswered, boolean online) {
    }

    /** Counts per device since the bus started; safe from any thread. */
    public java.util.List<DeviceCounts> counts() {
        java.util.List<DeviceCounts> out = new java.util.ArrayList<>();
        health.forEach((device, h) -> out.add(new DeviceCounts(device, h.exchanges.get(), h.unanswered.get(), h.online)));
        return out;
    }

    /**
     * The bus as its status shows it: whether its line is down (it could not be opened, or broke,
     * and has not been open since), since when ({@link System#nanoTime()}) and why; and the devices
     * that stopped answering, each since when and why. Safe from any thread.
     */
    public Health health() {
        long down = downSince;
        java.util.List<DeviceDown> offline = new java.util.ArrayList<>();
        health.forEach((device, h) -> {
            if (!h.online) {
                offline.add(new DeviceDown(device, h.offlineSince, java.util.Objects.requireNonNullElse(h.reason, "")));
            }
        });
        return down == UP ? new Health(settings.name(), false, 0, null, offline)
                : new Health(settings.name(), true, down, lastOpenError, offline);
    }

    /** A bus's health; {@code downSinceNanos} and {@code lineProblem} only when {@code lineDown}. */
    public record Health(String bus, boolean lineDown, long downSinceNanos, String lineProblem, java.util.List<DeviceDown> offline) {
        public Health {
            offline = java.util.List.copyOf(offline);
        }
    }

    /** A device (as the bus names it, e.g. {@code unit 3}) that does not answer, since when and why. */
    public record DeviceDown(String device, long sinceNanos, String reason) {
    }

    /** Whether the line itself is open (a serial device present, a serial server reachable). */
    public boolean lineUp() {
        return transport.isOpen();
    }

    private static final class DeviceHealth {
        final java.util.concurrent.atomic.AtomicLong exchanges = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong unanswered = new java.util.concurrent.atomic.AtomicLong();
        volatile boolean online = true;
        volatile long offlineSince;
        volatile String reason;
        int failures;
        long lastAttempt;
    }
}
