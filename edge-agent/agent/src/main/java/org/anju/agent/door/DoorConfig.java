package org.anju.agent.door;

import java.time.Duration;
import java.util.Objects;

/**
 * One door's behaviour, as the wiring maps it from the site file's door profile.
 *
 * @param pulse         how long a grant or exit press keeps a closed door unlocked (profile default 5 s)
 * @param heldOpenAfter how long an authorised opening may last before the held-open alarm (default 30 s)
 * @param egress        an escape-route door: with a fail-safe lock, a fire alarm releases it
 */
public record DoorConfig(String doorId, LockType lockType, Duration pulse, Duration heldOpenAfter,
                         RelockOn relockOn, boolean egress) {
    public static final Duration DEFAULT_PULSE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HELD_OPEN = Duration.ofSeconds(30);

    public DoorConfig {
        Objects.requireNonNull(doorId, "doorId");
        Objects.requireNonNull(lockType, "lockType");
        Objects.requireNonNull(relockOn, "relockOn");
        if (pulse == null || pulse.isNegative() || pulse.isZero()) {
            throw new IllegalArgumentException(doorId + ": the unlock pulse must be positive");
        }
        if (heldOpenAfter == null || heldOpenAfter.isNegative() || heldOpenAfter.isZero()) {
            throw new IllegalArgumentException(doorId + ": the held-open time must be positive");
        }
    }

    /** The profile defaults: 5 s pulse, held-open alarm after 30 s, relock on open, not an egress door. */
    public static DoorConfig of(String doorId, LockType lockType) {
        return new DoorConfig(doorId, lockType, DEFAULT_PULSE, DEFAULT_HELD_OPEN, RelockOn.DOOR_OPEN, false);
    }

    public DoorConfig withPulse(Duration p) {
        return new DoorConfig(doorId, lockType, p, heldOpenAfter, relockOn, egress);
    }

    public DoorConfig withHeldOpenAfter(Duration h) {
        return new DoorConfig(doorId, lockType, pulse, h, relockOn, egress);
    }

    public DoorConfig withRelockOn(RelockOn r) {
        return new DoorConfig(doorId, lockType, pulse, heldOpenAfter, r, egress);
    }

    public DoorConfig withEgress(boolean e) {
        return new DoorConfig(doorId, lockType, pulse, heldOpenAfter, relockOn, e);
    }

    /**
     * Only fail-safe egress doors are released by a fire alarm: a fail-secure lock has mechanical
     * free egress from inside already, and releasing it would open the building from outside too.
     */
    public boolean releasesOnFire() {
        return lockType == LockType.FAIL_SAFE && egress;
    }
}
