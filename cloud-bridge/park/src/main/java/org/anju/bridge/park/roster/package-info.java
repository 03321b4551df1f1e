/**
 * Rosters as a state the park drives each gateway to, not a message sent once: {@link RosterSync}
 * compares the version a building wants held with the one its gateway confirmed and sends the
 * changes since (a delta) or the whole roster (a snapshot), on a lease change, on the gateway's
 * birth, and from its own timer thread while a difference lasts, backing off after failures. What
 * came back is recorded, so each lease shows the landlord applied, pending or failing, and nothing
 * waits for the next change.
 */
package org.anju.bridge.park.roster;
