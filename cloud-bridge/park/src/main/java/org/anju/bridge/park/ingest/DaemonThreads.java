package org.anju.bridge.park.ingest;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest's threads: daemons, so a bridge that stops is never held up by one, named for what
 * they do (they are what a thread dump or {@code /proc} shows of the bridge's work).
 */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread named {@code name}: for a pool of one. */
    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** {@code name-1}, {@code name-2}, ...: for a pool of several. */
    static ThreadFactory numbered(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> named(name + "-" + n.incrementAndGet()).newThread(r);
    }
}
