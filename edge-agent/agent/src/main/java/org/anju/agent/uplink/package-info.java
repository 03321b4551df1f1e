/**
 * The gateway's link to the park, made from the site file's {@code park} section
 * ({@link ParkUplink}): the link's {@code GatewayUplink} on its own thread, fed the outbox
 * ({@link OutboxFeed}) and woken by each commit, and the park's verified commands taking the same
 * paths as any other ({@link ParkCommands}). {@link GatewayIdentity} is the Ed25519 key that signs
 * all the gateway publishes; {@link ParkConfirmation} raises {@code park.unconfirmed} when the park
 * confirms nothing. The uplink retries forever, and nothing in the building waits for it.
 */
package org.anju.agent.uplink;
