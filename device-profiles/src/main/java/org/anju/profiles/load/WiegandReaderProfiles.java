package org.anju.profiles.load;

import static org.anju.profiles.load.Types.GPIO;
import static org.anju.profiles.load.Types.duration;

import java.util.Optional;

import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.model.WiegandReaderProfile;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;

/** Reads {@code kind: wiegand-reader} profiles. */
final class WiegandReaderProfiles {

    static final Section SECTION = ProfileHeader.section(ProfileKind.WIEGAND_READER,
                    "A card or keypad reader on two GPIO lines; wiegand-26 frames carry a facility code and a 16-bit card "
                            + "number, wiegand-34 frames a 32-bit card number.",
                    Protocols.WIEGAND_26, Protocols.WIEGAND_34)
            .required("d0", GPIO, "", "BCM number of the GPIO wired to DATA0 (a door's reader may move it)")
            .required("d1", GPIO, "", "BCM number of the GPIO wired to DATA1 (a door's reader may move it)")
            .optional("frameGap", duration("5ms", "500ms"), "", "25ms", "silence on both lines that ends a frame")
            .build();

    private WiegandReaderProfiles() {
    }

    static Optional<WiegandReaderProfile> bind(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        WiegandReaderProfile profile = r.remember(new WiegandReaderProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), r.integer("d0"), r.integer("d1"), r.duration("frameGap")));
        if (profile.d0Pin() == profile.d1Pin()) {
            r.complain(r.at("d1"), "d1 uses GPIO " + profile.d1Pin() + " like d0", "wire DATA0 and DATA1 to two different GPIOs");
        }
        return Optional.of(profile);
    }
}
