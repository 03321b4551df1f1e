package org.anju.bridge.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;

/**
 * What the park does with event batches of one gateway, reduced to what the tests check:
 * deduplication by {@code seq}, the order in which events first arrived (per priority and over
 * all), the duplicates counted, and gaps below the highest floor seen.
 */
public final class EventLedger {
    private final Map<Long, EventBatch.Event> events = new HashMap<>();
    private final List<EventBatch.Event> arrival = new ArrayList<>();
    private final Map<Priority, List<Long>> byPriority = new EnumMap<>(Priority.class);
    private long duplicates;
    private long batches;
    private long highestFloor;

    public synchronized void accept(EventBatch batch) {
        batches++;
        highestFloor = Math.max(highestFloor, batch.floor());
        for (EventBatch.Event e : batch.events()) {
            if (events.putIfAbsent(e.seq(), e) != null) {
                duplicates++;
                continue;
            }
            arrival.add(e);
            byPriority.computeIfAbsent(e.priority(), p -> new ArrayList<>()).add(e.seq());
        }
    }

    /** The highest seq up to which every event arrived. */
    public synchronized long upTo() {
        long s = 0;
        while (events.containsKey(s + 1)) {
            s++;
        }
        return s;
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized boolean has(long seq) {
        return events.containsKey(seq);
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long batches() {
        return batches;
    }

    public synchronized long highestFloor() {
        return highestFloor;
    }

    public synchronized EventBatch.Event event(long seq) {
        return events.get(seq);
    }

    /** Sequence numbers of one priority in the order they first arrived. */
    public synchronized List<Long> firstArrivals(Priority priority) {
        return List.copyOf(byPriority.getOrDefault(priority, List.of()));
    }

    /** Every event once, in the order it first arrived. */
    public synchronized List<EventBatch.Event> arrivalOrder() {
        return List.copyOf(arrival);
    }

    /** Sequence numbers below the highest floor that never arrived. */
    public synchronized TreeSet<Long> gapsBelowFloor() {
        TreeSet<Long> gaps = new TreeSet<>();
        for (long s = 1; s < highestFloor; s++) {
            if (!events.containsKey(s)) {
                gaps.add(s);
            }
        }
        return gaps;
    }
}
