package org.anju.bridge.park.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every port's latest reading for the consoles, kept once for all of them: a console's stream takes
 * what changed since it last looked, on its own timer, instead of being handed each reading. In a
 * park's drain the readings come by tens of thousands a second; handed one by one, they queued on
 * the console's event loop ahead of the next fire alarm (the park bench measured 10 to 17 s). Here a
 * console's loop does one bounded piece of work a second, so an alarm waits for that at most.
 *
 * <p>Each change gets the next version; a console keeps the version it has seen ({@link #since}).
 * A port appears once in what a console takes, with its latest reading, so a port reaches a
 * console at most once each time it looks. A reading older ({@code order}: the gateway's seq) than
 * the one kept for its port is dropped: batches are checked on several threads and instances share
 * the work, and a console must never go back to an older reading. What a console is sent is
 * written once ({@code text}), however many consoles take it, and only that is kept: a park of
 * 220,000 ports keeps one text for each (the park-scale bench measured 1.8 KB a port, 400 MB of a
 * 512 MB heap at 1,000 gateways, while each kept the message tree its text was to be written from).
 * Safe from any thread.
 */
public final class PortBoard {
    private record Entry(long version, long order, String text) {
    }

    /** What a console takes: the text of each changed port, in the order they changed, and where to look next. */
    public record Changes(List<String> texts, long version) {
    }

    private final Map<String, Entry> latest = new ConcurrentHashMap<>();
    /** Version of each port's latest change, to its port: what changed after a version, in order. */
    private final ConcurrentSkipListMap<Long, String> changed = new ConcurrentSkipListMap<>();
    private long version;

    /** Keeps {@code text} as port {@code key}'s latest, unless a newer one ({@code order}) is kept. */
    public void offer(String key, long order, String text) {
        synchronized (this) {
            Entry old = latest.get(key);
            if (old != null && order <= old.order()) {
                return;
            }
            long v = ++version;
            latest.put(key, new Entry(v, order, text));
            changed.put(v, key);
            if (old != null) {
                changed.remove(old.version());
            }
        }
    }

    /** The version now: a console opening takes what changes after it. */
    public synchronized long version() {
        return version;
    }

    /** At most {@code max} ports changed after {@code after}, oldest change first, each its latest. */
    public Changes since(long after, int max) {
        List<String> out = new ArrayList<>();
        long at = after;
        for (Map.Entry<Long, String> c : changed.tailMap(after, false).entrySet()) {
            if (out.size() >= max) {
                break;
            }
            Entry e = latest.get(c.getValue());
            at = c.getKey();
            if (e != null && e.version() == c.getKey()) {
                out.add(e.text());
            } // else changed again meanwhile: taken at its newer version
        }
        return new Changes(out, at);
    }

    /** Ports kept. */
    public int size() {
        return latest.size();
    }
}
