/**
 * The gateway's one SQLite file ({@link GatewayDatabase}: WAL, full fsync; a file that cannot be
 * opened is kept, never recreated). {@link Outbox}: appends from any thread are group-committed by
 * the one writer thread that owns its connection, each future completing once its event is on disk;
 * {@link Retention} keeps it in the disk budget without deleting unsent alarms or access events.
 * Other records go through a {@link SideConnection} with its own thread, and the rules' memory to
 * its own file ({@link RulesMemoryFile}). JDBC never runs on an event loop.
 */
package org.anju.agent.store;
