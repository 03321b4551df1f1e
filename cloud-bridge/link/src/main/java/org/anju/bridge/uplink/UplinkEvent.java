package org.anju.bridge.uplink;

import java.util.Objects;

import org.anju.bridge.contract.Priority;

/**
 * An event as the uplink reads it from the gateway's outbox.
 *
 * @param seq             unique on the gateway, strictly increasing, never reused
 * @param timestampMillis when it happened, gateway wall clock
 * @param type            dotted lower-case words, e.g. {@code door.opened}
 * @param payload         one JSON object as text
 */
public record UplinkEvent(long seq, long timestampMillis, Priority priority, String type, String payload) {
    public UplinkEvent {
        Objects.requireNonNull(priority, "priority");
    }

    @Override
    public String toString() {
        // payloads may name tenants; logs get the envelope only
        return "UplinkEvent[seq=" + seq + ", " + priority + ", " + type + "]";
    }
}
