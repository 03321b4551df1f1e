/**
 * The gateway end of the link: {@link GatewayUplink} drains the durable outbox
 * ({@link OutboxSource}) to the broker on its own thread, to which MQTT callbacks and outbox
 * futures only post signals. What to read, publish and record is decided by {@link DrainBook}, a
 * pure state machine on the caller's time, as {@code DoorController} is for a door;
 * {@link Reconnect}, {@link Presence}, {@link ReceiptCheck} and {@link ReplySender} are its other
 * parts. An event leaves the outbox on the park's signed receipt, never on the broker's PUBACK.
 */
package org.anju.bridge.uplink;
