package org.anju.bridge.park.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One console's view of fast-changing things (a port's readings): each key at most once per
 * interval, and always its latest value. A value offered within the interval of the last one sent
 * is held, replacing any held before it, and {@link #due} hands it over once the interval has
 * passed; nothing is lost but the values in between. Values may come out of order (batches are
 * checked on several threads, alarms and access overtake, two instances share the work): each
 * carries its place ({@code order}, the gateway's seq), and one older than the newest offered for
 * its key is dropped, so a console never goes back to an older reading. Not thread-safe: one per
 * console stream, used on its event loop. Time is the caller's, in milliseconds.
 */
public final class Throttle<T> {
    private final long intervalMillis;
    private final Map<String, Long> sentAt = new HashMap<>();
    private final Map<String, T> held = new HashMap<>();
    private final Map<String, Long> newest = new HashMap<>();

    public Throttle(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /**
     * The value to send now, or empty when it is held until its key's interval has passed or is
     * older ({@code order}) than one offered before.
     */
    public Optional<T> offer(String key, long order, T value, long now) {
        Long seen = newest.get(key);
        if (seen != null && order <= seen) {
            return Optional.empty();
        }
        newest.put(key, order);
        Long last = sentAt.get(key);
        if (last == null || now - last >= intervalMillis) {
            sentAt.put(key, now);
            held.remove(key);
            return Optional.of(value);
        }
        held.put(key, value);
        return Optional.empty();
    }

    /** The held values whose interval has passed, to send now. */
    public List<T> due(long now) {
        List<T> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, T>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, T> e = it.next();
            if (now - sentAt.get(e.getKey()) >= intervalMillis) {
                out.add(e.getValue());
                sentAt.put(e.getKey(), now);
                it.remove();
            }
        }
        return out;
    }

    /** Values held now. */
    public int held() {
        return held.size();
    }
}
