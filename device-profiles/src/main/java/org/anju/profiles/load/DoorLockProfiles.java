package org.anju.profiles.load;

import static org.anju.profiles.load.Types.choice;
import static org.anju.profiles.load.Types.duration;
import static org.anju.profiles.load.Types.map;

import java.util.Optional;

import org.anju.profiles.model.DoorLockProfile;
import org.anju.profiles.model.GpioInput;
import org.anju.profiles.model.GpioOutput;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.DoorLockRules;

/** Reads {@code kind: door-lock} profiles: a lock on the gateway's own GPIO. */
final class DoorLockProfiles {

    static final Section SECTION = ProfileHeader.section(ProfileKind.DOOR_LOCK,
                    "A door lock wired to the gateway's GPIO: a relay that releases it, and optionally a door sensor and an exit button.",
                    Protocols.GPIO)
            .required("lockType", choice(DoorLockProfile.LockType.class), "",
                    "fail-secure (electric strike): stays locked without power; fail-safe (maglock): opens without power")
            .required("relay", map(GpioSections.OUTPUT), "", "the output that releases the lock")
            .optional("pulse", duration("100ms", "1min"), "", "5s", "how long the lock stays released after an open command")
            .optionalWithout("doorSensor", map(GpioSections.INPUT_KEYS), "", "none",
                    "door-position switch; needed for relock and the held-open alarm")
            .optionalWithout("exitButton", map(GpioSections.INPUT_KEYS), "", "none",
                    "request-to-exit button inside the door; pressing it releases the lock")
            .optional("heldOpenAlarm", duration("5s", "1h"), "", "30s",
                    "a door open longer than this raises the held-open alarm (needs doorSensor)")
            .optional("relock", choice(DoorLockProfile.Relock.class), "", "on-open",
                    "when a released lock re-engages before its pulse ends: when the door opens, or once it has closed again (needs doorSensor)")
            .build();

    private DoorLockProfiles() {
    }

    static Optional<DoorLockProfile> bind(SectionReader r) {
        Optional<GpioOutput> relay = r.child("relay", GpioSections.OUTPUT, GpioSections::output);
        Optional<GpioInput> sensor = r.child("doorSensor", GpioSections.INPUT_KEYS, GpioSections::input);
        Optional<GpioInput> exit = r.child("exitButton", GpioSections.INPUT_KEYS, GpioSections::input);
        if (r.failed() || relay.isEmpty()) {
            return Optional.empty();
        }
        DoorLockProfile profile = r.remember(new DoorLockProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), r.choice("lockType", DoorLockProfile.LockType.class), relay.get(),
                r.duration("pulse"), sensor, exit, r.duration("heldOpenAlarm"),
                r.choice("relock", DoorLockProfile.Relock.class)));
        DoorLockRules.check(profile, r.origins(), r.problems());
        return Optional.of(profile);
    }
}
