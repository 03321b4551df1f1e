/**
 * The park's store: {@link ParkDatabase} on SQLite (one instance) or PostgreSQL (several), one
 * schema ({@link ParkSchema}, steps only appended), each call on the store's own thread and
 * connection in one transaction: no JDBC on an event loop. Events are kept once by gateway and seq,
 * move state only forward and are believed only so far ({@link IngestStore}, {@link Believed});
 * lease changes check before they write ({@link LeaseChanges}); personal data is sealed. It never
 * reaches up into the API.
 */
package org.anju.bridge.park.store;
