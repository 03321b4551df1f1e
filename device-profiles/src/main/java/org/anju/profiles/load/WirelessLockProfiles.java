package org.anju.profiles.load;

import static org.anju.profiles.load.Types.choice;
import static org.anju.profiles.load.Types.duration;
import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.map;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.model.WirelessLockProfile;
import org.anju.profiles.schema.FieldType;
import org.anju.profiles.schema.ScalarType;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.WirelessLockRules;

/** Reads {@code kind: wireless-lock} profiles. */
final class WirelessLockProfiles {
    private static final ScalarType PATH = new ScalarType.TextType(Pattern.compile("/[A-Za-z0-9._~/-]*"),
            "a resource path", "start it with '/', e.g. /lock/state");

    static final Section RESOURCES = Section.named("wireless-lock resources", "CoAP resource paths at the gateway that this lock uses.")
            .required("state", PATH, "", "the lock PUTs its door (open, closed), bolt (locked, unlocked, jammed) and battery here")
            .required("command", PATH, "", "the lock observes this for commands (unlock, lock)")
            .required("battery", PATH, "", "the lock PUTs its battery level in percent here")
            .build();

    static final Section SECTION = ProfileHeader.section(ProfileKind.WIRELESS_LOCK,
                    "A battery room lock that talks CoAP over DTLS to the gateway's CoAP endpoint.", Protocols.COAP)
            .optional("security", choice(WirelessLockProfile.Security.class), "", "dtls-psk",
                    "how the lock and the gateway authenticate; plain CoAP is not offered for a lock")
            .optional("contentFormat", choice(WirelessLockProfile.ContentFormat.class), "", "json", "payload encoding; the gateway's CoAP endpoint speaks JSON (application/json, 50)")
            .required("resources", map(RESOURCES), "", "where the lock's state, commands and battery live")
            .required("commands", new FieldType.ScalarListType(choice(WirelessLockProfile.Command.class), true), "",
                    "the commands the lock accepts; unlock is needed")
            .optional("reportInterval", duration("10s", "24h"), "", "10min", "the lock reports state and battery at least this often")
            .optional("offlineAfter", duration("30s", "72h"), "", "30min", "no report for this long marks the lock offline")
            .optional("batteryLow", integer(1, 100), "%", "20", "battery level that raises a low-battery warning")
            .build();

    private WirelessLockProfiles() {
    }

    static Optional<WirelessLockProfile> bind(SectionReader r) {
        Optional<WirelessLockProfile.Resources> resources = r.child("resources", RESOURCES,
                m -> m.failed() ? Optional.empty() : Optional.of(m.remember(new WirelessLockProfile.Resources(
                        m.text("state"), m.text("command"), m.text("battery")))));
        if (r.failed() || resources.isEmpty()) {
            return Optional.empty();
        }
        List<WirelessLockProfile.Command> commands = r.list("commands", String.class).stream()
                .map(c -> WirelessLockProfile.Command.valueOf(c.toUpperCase(java.util.Locale.ROOT))).toList();
        WirelessLockProfile profile = r.remember(new WirelessLockProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), r.choice("security", WirelessLockProfile.Security.class),
                r.choice("contentFormat", WirelessLockProfile.ContentFormat.class), resources.get(), commands,
                r.duration("reportInterval"), r.duration("offlineAfter"), r.integer("batteryLow")));
        WirelessLockRules.check(profile, r.origins(), r.problems());
        return Optional.of(profile);
    }
}
