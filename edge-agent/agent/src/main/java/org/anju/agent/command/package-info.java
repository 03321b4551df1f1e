/**
 * Commands to the gateway, one JSON shape on one event-bus address ({@link CommandApi},
 * {@code anju.command}): the local API and the park's signed commands both come here, so every path
 * to a door or a port is one path. Each is answered with its id and what the devices report (opened
 * or sent, denied, done, already-off, pending and later a {@code command.completed} event, failed,
 * rejected); charging commands reach the rules as {@link ChargingCommand}s and return as
 * {@link ChargingAnswer}s. A stop or a cut never waits for a reading.
 */
package org.anju.agent.command;
