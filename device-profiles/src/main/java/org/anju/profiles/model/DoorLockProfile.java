package org.anju.profiles.model;

import java.time.Duration;
import java.util.Optional;

/**
 * A door lock driven straight from the gateway's GPIO: a relay that releases the lock, and
 * optionally a door-position sensor and an exit button. The pins are the profile's default wiring;
 * a door in the site file may move them.
 */
public record DoorLockProfile(String id, String protocol, String description, LockType lockType, GpioOutput relay,
                              Duration pulse, Optional<GpioInput> doorSensor, Optional<GpioInput> exitButton,
                              Duration heldOpenAlarm, Relock relock) implements Profile {

    /** What the lock does without power. */
    public enum LockType {
        /** An electric strike: stays locked without power. */
        FAIL_SECURE,
        /** A magnetic lock: opens without power, so fire codes favour it on escape routes. */
        FAIL_SAFE
    }

    /** When a released lock re-engages before its pulse ends (needs a door sensor). */
    public enum Relock {
        /** As soon as the door opens: one opening per release, against tailgating. */
        ON_OPEN,
        /** Once the door has opened and closed again. */
        ON_CLOSE
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.DOOR_LOCK;
    }
}
