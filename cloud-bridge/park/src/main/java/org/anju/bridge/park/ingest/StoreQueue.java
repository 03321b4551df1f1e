package org.anju.bridge.park.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.store.IngestStore;

/**
 * Verified batches on their way into the store, by lane: alarms first, then the rest of the
 * events topic (access, state), then telemetry. One group at a time goes to the store's ingest
 * lane as one transaction: the alarms waiting, alone, so their transaction is short; else the
 * events, then the readings, up to a bound. An alarm waits for at most the group being written,
 * never for a backlog of readings; where the store writes alarms beside the other batches
 * (PostgreSQL: {@link IngestStore#alarmsBeside}), alarm groups have a writer of their own, one
 * group at a time, and do not wait for the other's group at all.
 * A group is also kept to about {@value #TARGET_MILLIS} ms of the store's work, judged by how fast
 * it wrote the last one, since that is how long an alarm may wait for it.
 * A group the store refuses is written again batch by batch, so one bad batch fails alone.
 */
final class StoreQueue {
    /** Where a batch came from, most urgent first. */
    enum Lane { ALARM, EVENTS, TELEMETRY }

    private record Item(Lane lane, IngestStore.Prepared prepared, Consumer<IngestStore.Stored> then,
                        CompletableFuture<Void> done) {
        EventBatch batch() {
            return prepared.batch();
        }

        /** Runs {@code then} on its lane's follow-up thread, which takes the items in the order they were committed. */
        void committed(Function<Lane, Executor> after, IngestStore.Stored stored) {
            after.apply(lane).execute(() -> {
                try {
                    then.accept(stored);
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        }
    }

    private final IngestStore store;
    private final Function<Lane, Executor> after;
    private final Believed believed;
    private final int maxBatches;
    private final int maxEvents;
    private final Map<Lane, ArrayDeque<Item>> waiting = new EnumMap<>(Lane.class);
    /** Alarm groups have a writer of their own, beside the other groups' one (the store writes them beside: PostgreSQL). */
    private final boolean alarmsAside;
    private boolean writing;
    private boolean writingAside;
    /** Events the next group may hold: what the store writes in {@link #TARGET_MILLIS}, within bounds. */
    private int eventCap = MIN_EVENTS;

    /** How long one group should keep the store, at most about: what an alarm waits for it. */
    static final long TARGET_MILLIS = 200;
    /** The fewest events a group may be capped to (a batch larger than the cap still goes, alone). */
    static final int MIN_EVENTS = 500;

    /**
     * @param after a lane's follow-up thread: what follows each commit of the lane runs there, in the
     *              order of the commits (alarms have their own, so an alarm's is not queued behind a
     *              group of readings' receipts and feed)
     */
    StoreQueue(IngestStore store, Function<Lane, Executor> after, Believed believed, int maxBatches, int maxEvents) {
        this.store = store;
        this.after = after;
        this.believed = believed;
        this.maxBatches = maxBatches;
        this.maxEvents = maxEvents;
        this.alarmsAside = store.alarmsBeside();
        for (Lane lane : Lane.values()) {
            waiting.put(lane, new ArrayDeque<>());
        }
    }

    /**
     * Stores the batch; once it is committed, {@code then} is told what it changed, after what was
     * committed before it. Completes when {@code then} has run.
     */
    CompletableFuture<Void> submit(Lane lane, IngestStore.Prepared batch, Consumer<IngestStore.Stored> then) {
        Item item = new Item(lane, batch, then, new CompletableFuture<>());
        synchronized (this) {
            waiting.get(lane).add(item);
        }
        next();
        return item.done();
    }

    /** Batches waiting in a lane, for the metrics. */
    synchronized int waiting(Lane lane) {
        return waiting.get(lane).size();
    }

    private void next() {
        if (alarmsAside) {
            write(take(true), true);
        }
        write(take(false), false);
    }

    /**
     * The next group for a writer ({@code aside}: the alarms' own), which is then busy until
     * {@link #finished}; empty while it is busy or when nothing waits for it.
     */
    private synchronized List<Item> take(boolean aside) {
        if (aside ? writingAside : writing) {
            return List.of();
        }
        List<Item> group = new ArrayList<>();
        int events = 0;
        for (Lane lane : Lane.values()) {
            if (alarmsAside && (lane == Lane.ALARM) != aside) {
                continue; // the other writer's
            }
            if (lane != Lane.ALARM && !group.isEmpty() && group.get(0).lane() == Lane.ALARM) {
                break; // alarms go alone
            }
            ArrayDeque<Item> queue = waiting.get(lane);
            while (!queue.isEmpty() && group.size() < maxBatches
                    && (group.isEmpty() || events + queue.peek().batch().events().size() <= Math.min(maxEvents, eventCap))) {
                Item item = queue.poll();
                events += item.batch().events().size();
                group.add(item);
            }
        }
        if (!group.isEmpty()) {
            if (aside) {
                writingAside = true;
            } else {
                writing = true;
            }
        }
        return group;
    }

    private void write(List<Item> group, boolean aside) {
        if (group.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int events = group.stream().mapToInt(item -> item.batch().events().size()).sum();
        boolean alarms = group.get(0).lane() == Lane.ALARM;
        store.storeAll(group.stream().map(Item::prepared).toList(), believed, alarms).whenComplete((stored, failure) -> {
            if (failure == null) {
                if (!aside) {
                    paced(events, System.nanoTime() - started); // the other groups' pace, which the alarms' own writer does not share
                }
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).committed(after, stored.get(i));
                }
                finished(aside);
            } else if (group.size() == 1) {
                group.get(0).done().completeExceptionally(failure);
                finished(aside);
            } else {
                oneByOne(group, 0, aside);
            }
        });
    }

    /** The next group's cap from how fast the store wrote {@code events} just now. */
    private synchronized void paced(int events, long nanos) {
        double perMilli = events / Math.max(1e-3, nanos / 1e6);
        eventCap = (int) Math.max(MIN_EVENTS, Math.min(maxEvents, perMilli * TARGET_MILLIS));
    }

    private void oneByOne(List<Item> group, int at, boolean aside) {
        if (at == group.size()) {
            finished(aside);
            return;
        }
        Item item = group.get(at);
        store.storeAll(List.of(item.prepared()), believed, item.lane() == Lane.ALARM).thenApply(stored -> stored.get(0)).whenComplete((stored, failure) -> {
            if (failure == null) {
                item.committed(after, stored);
            } else {
                item.done().completeExceptionally(failure);
            }
            oneByOne(group, at + 1, aside);
        });
    }

    private void finished(boolean aside) {
        synchronized (this) {
            if (aside) {
                writingAside = false;
            } else {
                writing = false;
            }
        }
        next();
    }
}
