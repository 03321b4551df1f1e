/**
 * Commands from the park to one gateway: {@link CommandSender} signs a command with the park's key,
 * publishes it and waits for that gateway's reply, matched by request id, up to a deadline. Every
 * instance hears every reply, so whichever sent a command sees its answer. After a reconnect, other
 * commands for a gateway are held until its roster attempt is over, so a lease ended while it was
 * away is applied before that gateway opens a door for anyone.
 */
package org.anju.bridge.park.command;
