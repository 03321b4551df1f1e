package org.anju.bridge.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.anju.bridge.uplink.OutboxSource;
import org.anju.bridge.uplink.UplinkEvent;

/** An outbox whose every third call fails, the way a busy or briefly locked database does. */
public final class FlakyOutbox implements OutboxSource {
    private final OutboxSource inner;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    public FlakyOutbox(OutboxSource inner) {
        this.inner = inner;
    }

    private boolean fail() {
        if (calls.incrementAndGet() % 3 == 0) {
            failures.incrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public CompletableFuture<List<UplinkEvent>> unacknowledged(int limit) {
        return fail() ? CompletableFuture.failedFuture(new IllegalStateException("database is locked"))
                : inner.unacknowledged(limit);
    }

    @Override
    public CompletableFuture<?> acknowledge(List<Long> seqs) {
        if (fail()) {
            throw new IllegalStateException("database is locked"); // even a throwing source must not stop the drain
        }
        return inner.acknowledge(seqs);
    }

    public int failures() {
        return failures.get();
    }
}
