package org.anju.bridge.uplink;

import java.time.Duration;
import java.util.Objects;

import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.TlsSettings;

/**
 * Everything the uplink needs to know that is not a collaborator. Start from {@link #of} and
 * change what differs with the {@code with...} methods.
 *
 * @param brokerUri      {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param topics         this gateway's park and id
 * @param clientId       the MQTT client id; one connection per gateway, so derived from the topics
 * @param tls            null for plain TCP; required for {@code ssl://} (checked when the uplink starts)
 * @param credentials    broker user name and password, or {@link CredentialSource.None}
 * @param keepAlive      MQTT keep-alive: how soon a dead link is noticed (and the will published)
 * @param connectTimeout how long one connection attempt may take (Paho's TCP connect timeout; an
 *                       attempt still unanswered after twice this is abandoned by the uplink)
 * @param ackTimeout     a batch not acknowledged within this while connected means a stuck link:
 *                       the uplink drops the connection and starts over
 * @param idlePoll       how often an idle uplink looks at the outbox without being woken, and how
 *                       soon a failed outbox call is tried again
 * @param closeTimeout   how long {@code close()} waits for batches in flight
 * @param software       the agent's version, for the birth message
 * @param delivery       how long the park may take to confirm what the broker took
 */
public record UplinkConfig(String brokerUri, Topics topics, String clientId, TlsSettings tls,
                           CredentialSource credentials, Duration keepAlive, Duration connectTimeout,
                           Duration ackTimeout, Duration idlePoll, Duration closeTimeout, Backoff backoff,
                           DrainSettings drain, String software, Delivery delivery) {

    /**
     * The park's side of delivery.
     *
     * @param resendAfter      an event the broker took and the park did not confirm within this is sent again
     *                         (the park drops the copy by seq and confirms it)
     * @param unconfirmedAlarm the broker takes events and the park confirms nothing for this long: the
     *                         uplink says so ({@link UplinkStatus#parkUnconfirmed()}), the agent raises
     *                         {@code park.unconfirmed} and is not ready
     * @param refusalPause     after the broker refused a batch (e.g. not authorized), publishing waits this long
     * @param alarmFirstResend an alarm the park has not confirmed is sent again after this, then after
     *                         twice as long each time up to {@code resendAfter}, or at once when the park
     *                         asks for its alarms ({@link org.anju.bridge.contract.DeliveryReceipt#resendAlarms()})
     */
    public record Delivery(Duration resendAfter, Duration unconfirmedAlarm, Duration refusalPause, Duration alarmFirstResend) {
        /**
         * An alarm the park has not confirmed is sent again after this, then after twice as long each
         * time up to {@code resendAfter}: the copy queued for the park's shared subscription may wait
         * behind a backlog, a copy sent again reaches the bridge's live subscription (CONTRACT.md).
         */
        public static final Duration ALARM_FIRST_RESEND = Duration.ofSeconds(5);

        /** Resend after a minute, an alarm after 5 s, unconfirmed alarm after five minutes, pause 5 s after a refusal. */
        public static Delivery standard() {
            return new Delivery(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(5), ALARM_FIRST_RESEND);
        }
    }

    public UplinkConfig {
        Objects.requireNonNull(brokerUri, "brokerUri");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(delivery, "delivery");
        if (!brokerUri.startsWith("tcp://") && !brokerUri.startsWith("ssl://")) {
            throw new IllegalArgumentException("brokerUri must start with tcp:// or ssl://, not " + brokerUri);
        }
        if (keepAlive.toSeconds() < 1 || connectTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("keepAlive and connectTimeout are whole seconds, at least 1");
        }
        if (software == null || software.isBlank()) {
            throw new IllegalArgumentException("software must name the agent's version");
        }
    }

    /** Plain TCP, anonymous, 30 s keep-alive, standard backoff and drain. */
    public static UplinkConfig of(String brokerUri, Topics topics, String software) {
        return new UplinkConfig(brokerUri, topics, "anju-" + topics.park() + "-" + topics.gateway(), null,
                new CredentialSource.None(), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Backoff.standard(), DrainSettings.standard(), software,
                Delivery.standard());
    }

    public UplinkConfig withTls(TlsSettings tls) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withCredentials(CredentialSource credentials) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withBackoff(Backoff backoff) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withDrain(DrainSettings drain) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withKeepAlive(Duration keepAlive) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withIdlePoll(Duration idlePoll) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withConnectTimeout(Duration connectTimeout) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withClientId(String clientId) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withBrokerUri(String brokerUri) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }

    public UplinkConfig withDelivery(Delivery delivery) {
        return new UplinkConfig(brokerUri, topics, clientId, tls, credentials, keepAlive, connectTimeout, ackTimeout,
                idlePoll, closeTimeout, backoff, drain, software, delivery);
    }
}
