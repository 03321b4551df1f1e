package org.anju.profiles.validate;

import java.util.List;
import java.util.Optional;

import org.anju.profiles.Problems;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.schema.Spelling;
import org.anju.profiles.Location;

/** Resolves a device id a door or a charging area names, reporting a missing device or one of the wrong kind. */
final class DeviceRefs {
    private final SiteDraft site;
    private final Broken broken;
    private final Problems problems;

    DeviceRefs(SiteDraft site, Broken broken, Problems problems) {
        this.site = site;
        this.broken = broken;
        this.problems = problems;
    }

    /** The device {@code id}, if it exists and has a profile of {@code kind}. */
    Optional<Device> find(String id, ProfileKind kind, Location at) {
        if (broken.devices().contains(id)) {
            return Optional.empty();
        }
        Optional<Device> device = site.device(id);
        List<String> ofKind = site.devices().stream().filter(d -> d.profile().kind() == kind).map(Device::id).toList();
        if (device.isEmpty()) {
            String hint = Spelling.closest(id, ofKind).map(s -> "did you mean '" + s + "'?")
                    .orElse(ofKind.isEmpty() ? "declare it under buses[].devices with a " + kind.yamlName() + " profile"
                            : "the " + kind.yamlName() + " devices are: " + String.join(", ", ofKind));
            problems.add(at, "there is no device '" + id + "'", hint);
            return Optional.empty();
        }
        if (device.get().profile().kind() != kind) {
            problems.add(at, "device '" + id + "' is " + device.get().profile().kind().withArticle() + ", not " + kind.withArticle(), ofKind.isEmpty() ? "declare " + kind.withArticle() + " device" : "use one of: " + String.join(", ", ofKind));
            return Optional.empty();
        }
        return device;
    }

    /** Reports an id that names no entry of {@code what} ("door", "alarm input") among {@code ids}. */
    static void requireKnown(String id, String what, List<String> ids, java.util.Set<String> brokenIds, Location at, Problems problems) {
        if (ids.contains(id) || brokenIds.contains(id)) {
            return;
        }
        String hint = Spelling.closest(id, ids).map(s -> "did you mean '" + s + "'?")
                .orElse(ids.isEmpty() ? "declare it first" : "the " + what + "s are: " + String.join(", ", ids));
        problems.add(at, "there is no " + what + " '" + id + "'", hint);
    }
}
