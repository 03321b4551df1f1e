package org.anju.agent.gpio;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Accepts a new level only after it has stayed unchanged for a whole window, so contact bounce on
 * a door reed switch or a worn exit button never reaches the door logic as a burst of openings.
 *
 * <p>Pure: the caller passes timestamps (any monotonic nanosecond clock) and runs {@link
 * #settle(long)} at the deadline that {@link #raw(boolean, long)} returns. Not thread-safe; the
 * board serialises calls per pin. We do this ourselves because Pi4J's debounce setting is honoured
 * differently by each provider and not at all by the mock one.
 */
public final class Debouncer {
    private final long windowNanos;
    private boolean stable;
    private boolean pending;
    private boolean hasPending;
    private long pendingSince;

    public Debouncer(boolean initial, long windowNanos) {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("window must not be negative");
        }
        this.stable = initial;
        this.windowNanos = windowNanos;
    }

    public boolean stable() {
        return stable;
    }

    /**
     * A raw level seen at {@code nanos}. Returns when to call {@link #settle(long)}, or empty if
     * the level is back to the stable one (a bounce that came to nothing).
     */
    public OptionalLong raw(boolean level, long nanos) {
        if (level == stable) {
            hasPending = false;
            return OptionalLong.empty();
        }
        if (!hasPending || pending != level) {
            hasPending = true;
            pending = level;
            pendingSince = nanos;
        }
        return OptionalLong.of(pendingSince + windowNanos);
    }

    /** The new stable level if the pending one has held for the whole window by {@code nanos}. */
    public Optional<Boolean> settle(long nanos) {
        if (hasPending && nanos - pendingSince >= windowNanos) {
            hasPending = false;
            stable = pending;
            return Optional.of(stable);
        }
        return Optional.empty();
    }
}
