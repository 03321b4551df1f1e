package org.anju.agent.access;

/** Why a door was not opened, in words the park and a landlord both act on. */
public enum DenyReason {
    /** No tenant holds this card or PIN at this gateway. */
    UNKNOWN_CREDENTIAL,
    /** A phone open for a tenant this gateway's roster does not hold (never registered, or removed). */
    UNKNOWN_TENANT,
    /** The tenant's stay has not started yet. */
    NOT_YET_VALID,
    /** The tenant's stay has ended. */
    EXPIRED,
    /** The tenant is valid but may not use this door. */
    NOT_THIS_DOOR,
    /** A keypad entry that is neither a PIN of the roster nor a current offline PIN of a tenant of this door. */
    WRONG_PIN,
    /** The keypad refuses entries for a while after too many wrong ones in a row. */
    KEYPAD_LOCKED,
    /** The building is in lockdown: no one is let in (leaving is never blocked). */
    LOCKDOWN,
    /** A lift: none of the tenant's rooms is on a floor this lift serves. */
    NO_FLOOR,
    /** A lift: the guest's host is not in the roster or their stay is not running. */
    HOST_NOT_VALID,
    /** A gate with hard anti-passback: the card entered and has not left since. */
    ANTI_PASSBACK,
    /** A guest pass whose opens are all used. */
    USES_SPENT
}
