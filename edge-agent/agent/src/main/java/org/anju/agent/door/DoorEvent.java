package org.anju.agent.door;

import org.anju.agent.access.DenyReason;

/**
 * Every decision a door makes, for the outbox and the park. Events name people only by opaque
 * ids ({@code who}: a tenant or operator id), never by name, room or phone number.
 */
public sealed interface DoorEvent {

    String door();

    /**
     * A credential was judged at this door from the local roster and let through. A guest's open
     * has {@code credentialKind} {@code guest} and {@code host}, the tenant whose guest they are
     * (absent for a tenant's own).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record AccessGranted(String door, String requestId, String tenantId, String credentialKind, String host)
            implements DoorEvent {
        public AccessGranted(String door, String requestId, String tenantId, String credentialKind) {
            this(door, requestId, tenantId, credentialKind, null);
        }
    }

    /**
     * A credential was judged at this door from the local roster and refused. {@code tenantId} names
     * the renter when the roster knows whose credential it was (their card at a door not theirs, a
     * stay not started or over, a phone open for them); null for a card or PIN nobody holds.
     */
    record AccessDenied(String door, String requestId, DenyReason reason, String credentialKind, String tenantId)
            implements DoorEvent {
        public AccessDenied(String door, String requestId, DenyReason reason, String credentialKind) {
            this(door, requestId, reason, credentialKind, null);
        }
    }

    /**
     * A grant was honoured: the lock was told to release for a pulse, or the door was already open
     * or released. An {@link UnlockFailed} follows if the lock could not do it.
     */
    record Unlocked(String door, String requestId, String who) implements DoorEvent {
    }

    /** A grant was refused by the door itself (lockdown). */
    record GrantRefused(String door, String requestId, String who, DenyReason reason) implements DoorEvent {
    }

    /** The exit button was honoured: the lock released for a pulse, or an open door's held-open time restarted. */
    record ExitGranted(String door) implements DoorEvent {
    }

    /** The lock could not be released; {@code detail} says why (device offline, no answer). */
    record UnlockFailed(String door, String detail) implements DoorEvent {
    }

    /** The lock could not be secured: the door may be unlocked. */
    record RelockFailed(String door, String detail) implements DoorEvent {
    }

    enum RelockReason { PULSE_ENDED, DOOR_OPENED, DOOR_CLOSED, LOCKDOWN, FIRE_RELEASE_ENDED, UNLOCK_FAILED }

    record Relocked(String door, RelockReason reason) implements DoorEvent {
    }

    /** The door opened; {@code authorised} is false for a forced opening. */
    record Opened(String door, boolean authorised) implements DoorEvent {
    }

    record Closed(String door) implements DoorEvent {
    }

    /** Alarm: open longer than the held-open time. */
    record HeldOpen(String door) implements DoorEvent {
    }

    /** Alarm: opened while locked, without a grant or an exit press. */
    record ForcedOpen(String door) implements DoorEvent {
    }

    enum Alarm { HELD_OPEN, FORCED_OPEN }

    /** The door alarm ended (door closed, or superseded by a fire release). */
    record AlarmCleared(String door, Alarm alarm) implements DoorEvent {
    }

    /** A fire alarm released this egress door; it stays released until cleared and acknowledged. */
    record FireReleased(String door) implements DoorEvent {
    }

    /** The fire alarm cleared; the door stays released until someone acknowledges. */
    record FireAlarmCleared(String door) implements DoorEvent {
    }

    record FireReleaseEnded(String door, String acknowledgedBy) implements DoorEvent {
    }

    record LockdownStarted(String door, String by) implements DoorEvent {
    }

    record LockdownEnded(String door, String by) implements DoorEvent {
    }
}
