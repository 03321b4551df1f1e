/**
 * The park bridge's broker connection ({@link ParkMqtt}), over the same {@code MqttConnector} as
 * the gateway's uplink: a persistent session with a stable client id per instance, so messages wait
 * at the broker while the bridge restarts, and a message acknowledged only once its handler's
 * future completes (the store committed), so a crash means redelivery, not loss. It reconnects with
 * the uplink's jittered {@code Backoff}; a subscription the broker refuses keeps the bridge not
 * ready, named with its reason.
 */
package org.anju.bridge.park.mqtt;
