package org.anju.bridge.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One live MQTT 5 connection, the way the gateway's uplink and the park's bridge both use it: QoS 1
 * publishes answered with the broker's reason code, subscriptions answered with one per filter,
 * and incoming messages handed to a {@link Listener}. A connection is used once: after it is lost,
 * the owner opens a new one through its {@link MqttConnector}.
 */
public interface MqttSession {

    /** Called on the client's threads; must return at once. */
    interface Listener {
        /** A message; {@code ack} acknowledges it to the broker when the connection was opened with manual acks. */
        void message(String topic, byte[] payload, boolean retained, Runnable ack);

        /** The connection is gone, with a reason a person can act on. */
        void lost(String reason);
    }

    /**
     * Publishes at QoS 1. Completes with the broker's PUBACK reason code (refusals included, e.g.
     * {@code 0x87 not authorized}); completes exceptionally only when the connection failed first.
     *
     * @param expirySeconds the message expiry interval: how long the broker may keep it for a
     *                      subscriber that is away (0: no expiry)
     */
    CompletableFuture<Outcome> publish(String topic, byte[] payload, boolean retained, long expirySeconds);

    /** Subscribes at QoS 1; one outcome per filter, in order. */
    CompletableFuture<List<Outcome>> subscribe(List<String> filters);

    /** Disconnects in order (no will), within a few seconds. */
    CompletableFuture<Void> disconnect();

    /** Drops the connection without DISCONNECT, the way a crash does (the broker publishes the will); never blocks. */
    void drop();
}
