package org.anju.bridge.uplink;

/**
 * A snapshot of the uplink for the agent's health page and tests.
 *
 * @param link               where the connection is
 * @param session            the session of the current or last connection (0 before the first)
 * @param connects           successful connections so far
 * @param inflightEvents     events published and not yet acknowledged by the broker (PUBACK)
 * @param eventsPublished    events published, resends included
 * @param eventsAcknowledged events the park confirmed (receipt) and the outbox recorded as delivered
 * @param floor              the highest floor sent (see {@code EventBatch})
 * @param lastProblem        the latest connection, broker or outbox problem, for a person; null if none
 * @param unconfirmedEvents  events the broker took that the park has not confirmed yet
 * @param eventsRefused      events whose batch the broker refused (e.g. not authorized)
 * @param eventsResent       events sent again because the park did not confirm them in time, or asked for them (alarms)
 * @param parkConfirmedSeq   the highest seq up to which the park confirmed every event (its receipts' {@code upTo})
 * @param lastReceiptAgeMillis how long ago the park's last receipt came; -1 if none yet
 * @param parkUnconfirmed    the broker has taken events and the park has confirmed nothing for longer
 *                           than {@link UplinkConfig.Delivery#unconfirmedAlarm()}
 * @param brokerRefuses      the broker refused the latest batch (e.g. not authorized) and took none since
 */
public record UplinkStatus(Link link, long session, long connects, int inflightEvents, long eventsPublished,
                           long eventsAcknowledged, long floor, String lastProblem, int unconfirmedEvents,
                           long eventsRefused, long eventsResent, long parkConfirmedSeq, long lastReceiptAgeMillis,
                           boolean parkUnconfirmed, boolean brokerRefuses) {
    public enum Link {
        /** Waiting for the next connection attempt (backoff). */
        WAITING,
        CONNECTING,
        CONNECTED,
        /** Closed or aborted. */
        STOPPED
    }
}
