/**
 * How the agent records what happened: {@link EventLog} turns a record into a JSON event in the
 * outbox and completes the caller's future on the caller's own Vert.x context once it is on disk;
 * the append runs on the outbox's thread, never on an event loop. {@link EventTypes} names each
 * event as the contract requires (dotted lower-case words, e.g. {@code door.forced_open}). Every
 * state change is an event before anything else sees it.
 */
package org.anju.agent.event;
