/**
 * Wireless room locks over CoAP and DTLS-PSK (Californium, Scandium): {@link LockEndpoint} gives a
 * handshake key only to locks a door of the site names ({@link LockKeyFile}; a key is never
 * quoted), {@link LockRoutes} lets each DTLS identity speak only for its own lock, and
 * {@link LockPayloads} refuses a bad field with a 4.xx and one sentence, acting on nothing.
 * Commands wait on a resource the lock observes ({@link WirelessLock}), so a lock that slept finds
 * them; {@link LockHealth} turns reports into offline and battery notices at the caller's clock.
 */
package org.anju.agent.coap;
