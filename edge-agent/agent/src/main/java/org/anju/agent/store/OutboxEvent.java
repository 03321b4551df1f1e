package org.anju.agent.store;

import org.anju.bridge.contract.Priority;

/**
 * An event as committed to the outbox: {@code seq} is unique on this gateway and strictly
 * increasing, never reused, whatever the wall clock does; {@code timestampMillis} is the wall clock.
 */
public record OutboxEvent(long seq, long timestampMillis, Priority priority, String type, String payload) {

    /** An event to append; the outbox gives it its sequence number and time. */
    public record New(Priority priority, String type, String payload) {
        public New {
            if (type == null || type.isBlank() || payload == null) {
                throw new IllegalArgumentException("an event needs a type and a payload");
            }
        }
    }
}
