package org.anju.profiles.load;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.profiles.model.Floor;
import org.anju.profiles.model.Gate;
import org.anju.profiles.model.GpioInput;
import org.anju.profiles.model.Lift;
import org.anju.profiles.model.OccupancySettings;
import org.anju.profiles.model.OpenHours;
import org.anju.profiles.model.ReaderBinding;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.Broken;

/** Binds {@code floors[]}, {@code lifts[]}, {@code gates[]} and {@code occupancy}: how people move through the building. */
final class BuildingBinder {
    /** A range of room numbers: 301..320. */
    private static final Pattern RANGE = Pattern.compile("([0-9]+)\\.\\.([0-9]+)");
    private static final int MAX_RANGE = 1000;

    private final ProfileRefs refs;
    private final Broken broken;

    BuildingBinder(ProfileRefs refs, Broken broken) {
        this.refs = refs;
        this.broken = broken;
    }

    Optional<Floor> floor(SectionReader r) {
        List<String> rooms = new ArrayList<>();
        List<String> written = r.list("rooms", String.class);
        for (int i = 0; i < written.size(); i++) {
            String room = written.get(i).strip();
            Matcher m = RANGE.matcher(room);
            if (!m.matches()) {
                if (room.contains("..")) {
                    r.complain(r.itemAt("rooms", i), "rooms '" + room + "' is not a range of room numbers",
                            "write FIRST..LAST with digits on both sides, e.g. 301..320");
                    r.failQuietly();
                }
                rooms.add(room);
                continue;
            }
            String first = m.group(1);
            String last = m.group(2);
            long from = Long.parseLong(first);
            long to = first.length() > 18 || last.length() > 18 ? -1 : Long.parseLong(last);
            if (to < from || first.length() != last.length() || to - from >= MAX_RANGE) {
                r.complain(r.itemAt("rooms", i), "rooms '" + room + "' is not a range this gateway can expand",
                        "write the lower number first, both with the same number of digits, at most " + MAX_RANGE + " rooms apart");
                r.failQuietly();
                continue;
            }
            for (long n = from; n <= to; n++) {
                rooms.add(String.format("%0" + first.length() + "d", n));
            }
        }
        if (r.failed()) {
            r.textAsWritten("floor").ifPresent(broken.floors()::add);
            return Optional.empty();
        }
        return Optional.of(r.remember(new Floor(r.text("floor"), rooms)));
    }

    Optional<Lift> lift(SectionReader r) {
        Optional<ReaderBinding> reader = r.child("reader", SiteSections.READER, refs::reader);
        List<Lift.Stop> stops = r.items("floors", SiteSections.LIFT_FLOOR, f -> stop(f, r.text("relay")));
        if (r.failed()) {
            return Optional.empty();
        }
        String id = r.text("id");
        return Optional.of(r.remember(new Lift(id, r.optional("name", String.class).orElse(id), r.text("building"), reader,
                r.text("relay"), r.duration("enableFor"), r.list("alarmInputs", String.class), stops)));
    }

    private static Optional<Lift.Stop> stop(SectionReader f, String liftRelay) {
        if (f.failed() || liftRelay == null) {
            return Optional.empty();
        }
        OpenHours open = f.optional("open", String.class).map(BuildingBinder::hours).orElse(OpenHours.NEVER);
        for (OpenHours.Span span : open.spans()) {
            if (span.from().equals(span.until())) {
                f.reject("open", "open hours '" + f.text("open") + "' have a span that starts where it ends",
                        "write always for a floor open all day, or a span with two different times");
                return Optional.empty();
            }
        }
        return Optional.of(f.remember(new Lift.Stop(f.text("floor"), f.optional("relay", String.class).orElse(liftRelay),
                f.integer("channel"), open)));
    }

    /** {@code always} or {@code HH:MM-HH:MM[,...]}, already checked against the pattern of the key. */
    static OpenHours hours(String text) {
        if (text.equals("always")) {
            return OpenHours.ALWAYS;
        }
        List<OpenHours.Span> spans = new ArrayList<>();
        for (String span : text.split(",")) {
            String[] ends = span.split("-");
            spans.add(new OpenHours.Span(time(ends[0]), time(ends[1])));
        }
        return new OpenHours(false, spans);
    }

    private static LocalTime time(String hhmm) {
        return hhmm.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(hhmm);
    }

    Optional<Gate> gate(SectionReader r) {
        Optional<ReaderBinding> entry = r.child("entryReader", SiteSections.READER, refs::reader);
        Optional<ReaderBinding> exit = r.child("exitReader", SiteSections.READER, refs::reader);
        Optional<GpioInput> button = r.child("exitButton", GpioSections.INPUT_KEYS, GpioSections::input);
        if (!r.has("exitReader") && !r.has("exitButton")) {
            r.complain(r.anchor(), "gate " + r.textAsWritten("id").orElse("") + " has neither an exitReader nor an exitButton",
                    "add exitReader: {profile: ...} or exitButton: {pin: N}, so people inside can open it to leave");
            r.failQuietly();
        }
        if (r.failed() || entry.isEmpty()) {
            return Optional.empty();
        }
        String id = r.text("id");
        return Optional.of(r.remember(new Gate(id, r.optional("name", String.class).orElse(id), r.text("building"),
                r.text("device"), entry.get(), exit, button, r.choice("antiPassback", Gate.AntiPassback.class))));
    }

    static Optional<OccupancySettings> occupancy(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new OccupancySettings(LocalTime.parse(r.text("reconcileAt")),
                r.choice("reconcileTo", OccupancySettings.Reconcile.class))));
    }
}
