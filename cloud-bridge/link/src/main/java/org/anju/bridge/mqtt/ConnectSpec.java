package org.anju.bridge.mqtt;

import java.util.Map;
import java.util.Objects;


/**
 * One MQTT 5 connection as both ends open it.
 *
 * @param cleanStart            start without the broker's saved session (the gateway); the park keeps its own
 * @param sessionExpirySeconds  how long the broker keeps the session after the connection goes (0: with it)
 * @param receiveMaximum        QoS 1 messages the broker may have unacknowledged towards this client
 * @param will                  the message the broker publishes if the connection breaks, or null
 * @param manualAcks            incoming QoS 1 messages are acknowledged only when the handler says so
 * @param environment           where {@link CredentialSource.PasswordVariable} reads a password
 */
public record ConnectSpec(String uri, String clientId, CredentialSource credentials, TlsSettings tls, boolean cleanStart,
                          long sessionExpirySeconds, int keepAliveSeconds, int connectTimeoutSeconds,
                          int receiveMaximum, Will will, boolean manualAcks, Map<String, String> environment) {

    /** A retained or plain QoS 1 message left with the broker at connect. */
    public record Will(String topic, byte[] payload, boolean retained) {
    }

    public ConnectSpec {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credentials, "credentials");
        environment = Map.copyOf(environment);
    }
}
