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
 * events topic (access, state), then telemetry. Each of the store's ingest writers takes one group
 * at a time as one transaction: the alarms waiting, alone, so their transaction is short; else the
 * events, then the readings, up to a bound. An alarm waits for at most the group being written,
 * never for a backlog of readings; where the store writes alarms beside the other batches
 * (PostgreSQL: {@link IngestStore#alarmsBeside}), alarm groups have a writer of their own, one
 * group at a time, and do not wait for the other groups at all. Where the store has several ingest
 * writers (PostgreSQL), each gateway's batches go to one of them, always the same, so a gateway's
 * batches are still written in the order they came, and the writers never wait on each other's rows.
 * A group is also kept to about {@value #TARGET_MILLIS} ms of its writer's work, judged by how fast
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

    /** One writer of the store and the batches waiting for it. */
    private static final class Writer {
        /** The store's ingest writer it uses; -1: the alarms' own. */
        final int store;
        final Map<Lane, ArrayDeque<Item>> waiting = new EnumMap<>(Lane.class);
        boolean writing;
        /** When the group being written was taken ({@link System#nanoTime}), and its events. */
        long writingSince;
        int writingEvents;
        /** Events the next group may hold: what the store writes in {@link #TARGET_MILLIS}, within bounds. */
        int eventCap = MIN_EVENTS;

        Writer(int store) {
            this.store = store;
            for (Lane lane : Lane.values()) {
                waiting.put(lane, new ArrayDeque<>());
            }
        }
    }

    private final IngestStore store;
    private final Function<Lane, Executor> after;
    private final Believed believed;
    private final int maxBatches;
    private final int maxEvents;
    /** The ingest writers', by the store's number. */
    private final List<Writer> writers = new ArrayList<>();
    /** Alarm groups' writer of their own, beside the others (the store writes them beside: PostgreSQL); null where they share. */
    private final Writer alarms;

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
        for (int i = 0; i < Math.max(1, store.ingestWriters()); i++) {
            writers.add(new Writer(i));
        }
        this.alarms = store.alarmsBeside() ? new Writer(-1) : null;
    }

    /**
     * Stores the batch; once it is committed, {@code then} is told what it changed, after what was
     * committed before it. Completes when {@code then} has run.
     */
    CompletableFuture<Void> submit(Lane lane, IngestStore.Prepared batch, Consumer<IngestStore.Stored> then) {
        Item item = new Item(lane, batch, then, new CompletableFuture<>());
        Writer writer = lane == Lane.ALARM && alarms != null ? alarms
                : writers.get(Math.floorMod(batch.batch().gateway().hashCode(), writers.size()));
        synchronized (this) {
            writer.waiting.get(lane).add(item);
        }
        write(writer, take(writer));
        return item.done();
    }

    /**
     * What one writer is doing: {@code writer} "1", "2"... or "alarms"; the group it writes (its
     * events, 0 when idle, and for how long so far) and the batches waiting for it. A writer long on
     * one group waits for a lock (another instance's, or a query's): its gateways' batches wait too.
     */
    record WriterState(String writer, int groupEvents, long writingMillis, int waitingBatches) {
    }

    /** Each writer's state, for the bridge's health. */
    synchronized List<WriterState> writers() {
        List<WriterState> out = new ArrayList<>();
        List<Writer> all = new ArrayList<>(writers);
        if (alarms != null) {
            all.add(alarms);
        }
        long now = System.nanoTime();
        for (Writer w : all) {
            int waiting = w.waiting.values().stream().mapToInt(ArrayDeque::size).sum();
            out.add(new WriterState(w.store < 0 ? "alarms" : String.valueOf(w.store + 1), w.writing ? w.writingEvents : 0,
                    w.writing ? (now - w.writingSince) / 1_000_000 : 0, waiting));
        }
        return out;
    }

    /** Batches waiting in a lane, for the metrics. */
    synchronized int waiting(Lane lane) {
        int n = alarms == null ? 0 : alarms.waiting.get(lane).size();
        for (Writer w : writers) {
            n += w.waiting.get(lane).size();
        }
        return n;
    }

    /** The next group for {@code writer}, which is then busy until {@link #finished}; empty while it is busy or when nothing waits for it. */
    private synchronized List<Item> take(Writer writer) {
        if (writer.writing) {
            return List.of();
        }
        List<Item> group = new ArrayList<>();
        int events = 0;
        for (Lane lane : Lane.values()) {
            if (lane != Lane.ALARM && !group.isEmpty() && group.get(0).lane() == Lane.ALARM) {
                break; // alarms go alone
            }
            ArrayDeque<Item> queue = writer.waiting.get(lane);
            while (!queue.isEmpty() && group.size() < maxBatches
                    && (group.isEmpty() || events + queue.peek().batch().events().size() <= Math.min(maxEvents, writer.eventCap))) {
                Item item = queue.poll();
                events += item.batch().events().size();
                group.add(item);
            }
        }
        writer.writing = !group.isEmpty();
        writer.writingSince = System.nanoTime();
        writer.writingEvents = events;
        return group;
    }

    private void write(Writer writer, List<Item> group) {
        if (group.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int events = writer.writingEvents; // counted as the group was taken; the writer is this group's until finished
        boolean alarmGroup = group.get(0).lane() == Lane.ALARM;
        store.storeAll(group.stream().map(Item::prepared).toList(), believed, alarmGroup, storeWriter(writer))
                .whenComplete((stored, failure) -> {
                    if (failure == null) {
                        paced(writer, events, System.nanoTime() - started); // each writer's own pace: its groups, its gateways
                        for (int i = 0; i < group.size(); i++) {
                            group.get(i).committed(after, stored.get(i));
                        }
                        finished(writer);
                    } else if (group.size() == 1) {
                        group.get(0).done().completeExceptionally(failure);
                        finished(writer);
                    } else {
                        oneByOne(writer, group, 0);
                    }
                });
    }

    /** The store's ingest writer for this writer's groups; the alarms' own writes only alarm groups, which the store's alarm lane takes. */
    private static int storeWriter(Writer writer) {
        return Math.max(0, writer.store);
    }

    /** The writer's next group's cap from how fast the store wrote {@code events} just now. */
    private synchronized void paced(Writer writer, int events, long nanos) {
        double perMilli = events / Math.max(1e-3, nanos / 1e6);
        writer.eventCap = (int) Math.max(MIN_EVENTS, Math.min(maxEvents, perMilli * TARGET_MILLIS));
    }

    private void oneByOne(Writer writer, List<Item> group, int at) {
        if (at == group.size()) {
            finished(writer);
            return;
        }
        Item item = group.get(at);
        store.storeAll(List.of(item.prepared()), believed, item.lane() == Lane.ALARM, storeWriter(writer))
                .thenApply(stored -> stored.get(0)).whenComplete((stored, failure) -> {
                    if (failure == null) {
                        item.committed(after, stored);
                    } else {
                        item.done().completeExceptionally(failure);
                    }
                    oneByOne(writer, group, at + 1);
                });
    }

    private void finished(Writer writer) {
        synchronized (this) {
            writer.writing = false;
        }
        write(writer, take(writer));
    }
}
