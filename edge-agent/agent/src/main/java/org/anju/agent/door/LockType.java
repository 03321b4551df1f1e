package org.anju.agent.door;

/**
 * How a lock behaves without power, which decides what "locked" means for its relay and what the
 * relay does when the agent stops.
 *
 * <p>At start the relay is driven to the locked state. At shutdown it is de-energised for both
 * types, i.e. the lock does exactly what it would do in a power cut: a fail-secure strike stays
 * locked; a fail-safe maglock releases. That is deliberate for fail-safe locks: they are fitted
 * on egress doors precisely so that losing control frees the door, and once the agent has stopped
 * nothing is left to honour the exit button or a fire alarm, so holding the magnet would trap
 * people. The price, a fail-safe door open for the seconds of an agent restart, is the same
 * price the site accepted for every power cut when it chose that lock.
 */
public enum LockType {
    /** Power unlocks (electric strike): relay off = locked. */
    FAIL_SECURE,
    /** Power locks (maglock): relay on = locked. */
    FAIL_SAFE;

    /** Whether the relay is energised while the door is locked. */
    public boolean relayOnWhenLocked() {
        return this == FAIL_SAFE;
    }

    /** The relay state the agent leaves behind: de-energised, as in a power cut (see class comment). */
    public boolean relayOnAtShutdown() {
        return false;
    }
}
