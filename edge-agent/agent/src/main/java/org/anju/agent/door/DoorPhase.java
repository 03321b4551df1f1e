package org.anju.agent.door;

/** Where a door stands; lockdown is a mode on top of these, not a phase. */
public enum DoorPhase {
    /** Closed (or not yet reported) and locked. */
    LOCKED,
    /** Closed and unlocked for a pulse after a grant or an exit press. */
    UNLOCKED,
    /** Open after a grant or exit press (or found open at start); the held-open timer runs. */
    OPEN,
    /** Open for longer than allowed: alarm until it closes. */
    HELD_OPEN,
    /** Opened while locked: alarm until it closes. */
    FORCED_OPEN,
    /** Released by a fire alarm, until the alarm clears and someone acknowledges it. */
    FIRE_RELEASE
}
