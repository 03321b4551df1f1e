package org.anju.profiles.load;

import java.util.List;
import java.util.Optional;

import org.anju.profiles.model.Door;
import org.anju.profiles.model.DoorLockProfile;
import org.anju.profiles.model.GpioInput;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.ReaderBinding;
import org.anju.profiles.model.WirelessLockProfile;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.Broken;

/** Binds {@code doors[]}: where each door is and the hardware its lock and reader are bound to. */
final class DoorBinder {
    private static final List<String> LOCK_KINDS = List.of("gpio", "lockBoard", "wireless");

    private final ProfileRefs refs;
    private final Broken broken;

    DoorBinder(ProfileRefs refs, Broken broken) {
        this.refs = refs;
        this.broken = broken;
    }

    Optional<Door> door(SectionReader r) {
        Optional<LockBinding> lock = r.child("lock", SiteSections.LOCK, this::lock);
        Optional<ReaderBinding> reader = r.child("reader", SiteSections.READER, refs::reader);
        Optional<Door.Place> place = place(r);
        if (r.failed() || lock.isEmpty() || place.isEmpty()) {
            r.textAsWritten("id").ifPresent(broken.doors()::add);
            return Optional.empty();
        }
        String id = r.text("id");
        return Optional.of(r.remember(new Door(id, r.optional("name", String.class).orElse(id), r.text("building"),
                r.text("floor"), place.get(), lock.get(), reader)));
    }

    private static Optional<Door.Place> place(SectionReader r) {
        boolean room = r.has("room");
        boolean entrance = r.has("entrance");
        if (room && entrance) {
            r.reject("entrance", "a door is a room door or an entrance, not both", "keep room or entrance");
            return Optional.empty();
        }
        if (!room && !entrance) {
            r.complain(r.anchor(), "the door has neither room nor entrance", "add room: NUMBER for a room door, or entrance: NAME for a building entrance");
            r.failQuietly();
            return Optional.empty();
        }
        String name = room ? r.text("room") : r.text("entrance");
        return name == null ? Optional.empty() : Optional.of(new Door.Place(room ? Door.Place.Kind.ROOM : Door.Place.Kind.ENTRANCE, name));
    }

    private Optional<LockBinding> lock(SectionReader l) {
        List<String> given = LOCK_KINDS.stream().filter(l::has).toList();
        if (given.isEmpty()) {
            l.reject("gpio", "the lock names no hardware", "add one of gpio, lockBoard or wireless");
            return Optional.empty();
        }
        if (given.size() > 1) {
            l.reject(given.get(1), "the lock names both " + given.get(0) + " and " + given.get(1),
                    "a lock is bound to one piece of hardware: keep one of them");
            return Optional.empty();
        }
        return switch (given.get(0)) {
            case "gpio" -> l.child("gpio", SiteSections.GPIO_LOCK, this::gpio);
            case "lockBoard" -> l.child("lockBoard", SiteSections.BOARD_LOCK,
                    b -> b.failed() ? Optional.empty() : Optional.of(b.remember(new LockBinding.Board(b.text("device"), b.integer("channel")))));
            default -> l.child("wireless", SiteSections.WIRELESS_LOCK, this::wireless);
        };
    }

    private Optional<LockBinding> gpio(SectionReader g) {
        Optional<DoorLockProfile> profile = refs.resolve(g, "profile", DoorLockProfile.class, ProfileKind.DOOR_LOCK);
        if (g.failed() || profile.isEmpty()) {
            return Optional.empty();
        }
        DoorLockProfile p = profile.get();
        Optional<GpioInput> sensor = moved(g, "doorSensor", "a door sensor", p.id(), p.doorSensor());
        Optional<GpioInput> exit = moved(g, "exitButton", "an exit button", p.id(), p.exitButton());
        if (g.failed()) {
            return Optional.empty();
        }
        return Optional.of(g.remember(new LockBinding.Gpio(p, p.relay().withPin(g.optional("relay", Integer.class).orElse(p.relay().pin())),
                sensor, exit)));
    }

    /** The profile's input, on the pin the site moves it to; moving an input the profile lacks is a mistake. */
    private static Optional<GpioInput> moved(SectionReader g, String key, String what, String profileId, Optional<GpioInput> input) {
        if (g.has(key) && input.isEmpty()) {
            g.reject(key, "profile '" + profileId + "' has no " + key, "remove " + key + ", or use a door-lock profile with " + what);
            return Optional.empty();
        }
        return input.map(i -> i.withPin(g.optional(key, Integer.class).orElse(i.pin())));
    }

    private Optional<LockBinding> wireless(SectionReader w) {
        Optional<WirelessLockProfile> profile = refs.resolve(w, "profile", WirelessLockProfile.class, ProfileKind.WIRELESS_LOCK);
        if (w.failed() || profile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(w.remember(new LockBinding.Wireless(profile.get(), w.text("endpoint"))));
    }

}
