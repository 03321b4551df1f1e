package org.anju.profiles.load;

import static org.anju.profiles.load.Types.ID;
import static org.anju.profiles.load.Types.TEXT;
import static org.anju.profiles.load.Types.choice;

import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;

/** The keys every profile starts with. */
final class ProfileHeader {

    private ProfileHeader() {
    }

    static Section.Builder section(ProfileKind kind, String summary, String... protocols) {
        return Section.named("kind: " + kind.yamlName(), summary)
                .required("id", ID, "", "the name site files use for this profile")
                .required("kind", choice(ProfileKind.class), "", "which kind of device the profile describes")
                .required("protocol", choice(protocols), "", "the protocol the device speaks")
                .optionalWithout("description", TEXT, "", "—", "what the model is, for people");
    }

    static String id(SectionReader r) {
        return r.text("id");
    }

    static String protocol(SectionReader r) {
        return r.text("protocol");
    }

    static String description(SectionReader r) {
        return r.optional("description", String.class).orElse("");
    }
}
