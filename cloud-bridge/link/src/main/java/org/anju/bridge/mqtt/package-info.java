/**
 * The one broker connection both ends use: an {@link MqttConnector} opens an {@link MqttSession}
 * (QoS 1 publishes answered with the broker's reason code), used once and replaced after a loss.
 * {@link Paho5} is MQTT 5 on a fresh Paho client per connection (a reused one can hang);
 * {@link Paho3} is 3.1.1, for Moquette only. {@link TlsSettings} and {@link CredentialSource} are
 * read at every attempt, so renewed certificates and rotated passwords need no restart; a password
 * is never logged. {@link NoDelaySockets} turns Nagle off: a person at a door waits for the reply.
 */
package org.anju.bridge.mqtt;
