package org.anju.bridge.uplink;

/**
 * A snapshot of the uplink for the agent's health page and tests.
 *
 * @param link               where the connection is
 * @param session            the session of the current or last connection (0 before the first)
 * @param connects           successful connections so far
 * @param inflightEvents     events published and not yet acknowledged by the broker
 * @param eventsPublished    events published, resends included
 * @param eventsAcknowledged events the broker acknowledged and the outbox recorded as sent
 * @param floor              the highest floor sent (see {@code EventBatch})
 * @param lastProblem        the latest connection or outbox problem, for a person; null if none
 */
public record UplinkStatus(Link link, long session, long connects, int inflightEvents, long eventsPublished,
                           long eventsAcknowledged, long floor, String lastProblem) {
    public enum Link {
        /** Waiting for the next connection attempt (backoff). */
        WAITING,
        CONNECTING,
        CONNECTED,
        /** Closed or aborted. */
        STOPPED
    }
}
