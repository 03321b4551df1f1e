package org.anju.profiles.load;

import static org.anju.profiles.load.Types.choice;
import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.list;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.LockBoardProfile;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.LockBoardRules;

/** Reads {@code kind: lock-board} profiles. */
final class LockBoardProfiles {
    private static final int MAX = Protocols.LOCKBOARD_8A_MAX_CHANNELS;

    /** How a board's door-sensor inputs relate to its lock channels. */
    enum Sensors {
        /** Input n reports the door of channel n. */
        PER_CHANNEL,
        /** No inputs, except those sensorMap names. */
        NONE
    }

    static final Section SENSOR_MAP = Section.named("lock-board sensorMap item", "One exception to the board's sensor wiring.")
            .required("channel", integer(1, MAX), "", "the lock channel")
            .required("input", integer(1, MAX), "", "the sensor input that reports that channel's door")
            .build();

    static final Section SECTION = ProfileHeader.section(ProfileKind.LOCK_BOARD,
                    "A serial lock board: one bus address, up to " + MAX + " lock channels, and door-sensor inputs.",
                    Protocols.LOCKBOARD_8A)
            .required("channels", integer(1, MAX), "", "number of lock channels, counted from 1")
            .optional("sensors", choice(Sensors.class), "", "per-channel",
                    "per-channel: sensor input n reports the door of channel n; none: the board has no sensor inputs")
            .optionalWithout("sensorMap", list(SENSOR_MAP), "", "none", "exceptions: which input reports a channel's door")
            .build();

    private LockBoardProfiles() {
    }

    static Optional<LockBoardProfile> bind(SectionReader r) {
        List<LockBoardRules.Mapping> mappings = r.items("sensorMap", SENSOR_MAP,
                m -> m.failed() ? Optional.empty() : Optional.of(m.remember(new LockBoardRules.Mapping(m.integer("channel"), m.integer("input")))));
        if (r.failed()) {
            return Optional.empty();
        }
        int channels = r.integer("channels");
        Map<Integer, Integer> inputs = new HashMap<>();
        if (r.choice("sensors", Sensors.class) == Sensors.PER_CHANNEL) {
            for (int c = 1; c <= channels; c++) {
                inputs.put(c, c);
            }
        }
        List<LockBoardRules.Mapping> valid = LockBoardRules.checkSensorMap(channels, mappings, r.origins(), r.problems());
        valid.forEach(m -> inputs.put(m.channel(), m.input()));
        return Optional.of(r.remember(new LockBoardProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), channels, inputs)));
    }
}
