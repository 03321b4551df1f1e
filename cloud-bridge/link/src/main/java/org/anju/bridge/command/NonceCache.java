package org.anju.bridge.command;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The nonces of accepted commands that have not expired yet, bounded in number, backed by a
 * {@link NonceStore} so a restart does not forget them. It fails closed: when the store cannot
 * record a nonce, or the cache is full of live nonces, the command is refused rather than risk a
 * replay. A nonce is forgotten once its command could no longer pass the expiry check anyway.
 */
public final class NonceCache {

    public enum Outcome {
        /** First time seen; now remembered durably. */
        FRESH,
        /** Seen before and not yet forgotten. */
        REPLAYED,
        /** Full of live nonces: refused, not remembered. */
        FULL,
        /** The store failed: refused, not remembered. */
        STORE_FAILED
    }

    private record Entry(long keepUntil, String nonce) {
    }

    private final NonceStore store;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Long> live = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.keepUntil, b.keepUntil));
    private int forgottenSinceCompaction;

    /** Loads the store's nonces; an unreadable store is an {@link IOException}: do not accept commands without it. */
    public NonceCache(NonceStore store, int capacity, Clock clock) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.store = store;
        this.capacity = capacity;
        this.clock = clock;
        long now = clock.millis();
        store.load().forEach((nonce, until) -> {
            if (until >= now) {
                live.put(nonce, until);
                byExpiry.add(new Entry(until, nonce));
            }
        });
    }

    /** Checks {@code nonce} and, if fresh, remembers it until {@code keepUntilMillis}. */
    public synchronized Outcome check(String nonce, long keepUntilMillis) {
        long now = clock.millis();
        purge(now);
        Long until = live.get(nonce);
        if (until != null) {
            return Outcome.REPLAYED;
        }
        if (live.size() >= capacity) {
            return Outcome.FULL;
        }
        try {
            store.remember(nonce, keepUntilMillis);
        } catch (IOException | RuntimeException e) {
            return Outcome.STORE_FAILED;
        }
        live.put(nonce, keepUntilMillis);
        byExpiry.add(new Entry(keepUntilMillis, nonce));
        return Outcome.FRESH;
    }

    public synchronized int size() {
        return live.size();
    }

    private void purge(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().keepUntil < now) {
            live.remove(byExpiry.poll().nonce);
            forgottenSinceCompaction++;
        }
        if (forgottenSinceCompaction >= 256) {
            forgottenSinceCompaction = 0;
            try {
                store.forgetBefore(now);
            } catch (IOException | RuntimeException e) {
                // the store keeps a few more lines until next time; nothing is lost
            }
        }
    }
}
