/**
 * Access decided at the gateway, so doors work with the park unreachable: {@link AccessDecider}
 * judges cards and PINs against an immutable {@link Roster} in memory, never waiting on a database,
 * and {@link PassCheck} judges park-signed passes, on an {@link AccessClock} anchored to the park's
 * time, so a clock set back never revives an ended lease. {@link RosterService} commits a change to
 * disk ({@link RosterStore}, on its own thread) before the doors see it. PINs are kept only as
 * keyed hashes ({@link PinHasher}); no name or room goes into a log.
 */
package org.anju.agent.access;
