package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.anju.profiles.Problems;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/**
 * The consistency rules of a site file: what no single key can show, such as two devices at one
 * address, two doors on one pin, or a door bound to a channel its board does not have.
 */
public final class SiteRules {

    private SiteRules() {
    }

    public static void check(SiteDraft site, Broken broken, Origins origins, Problems problems) {
        uniqueIds("bus", site.buses(), b -> b.id(), origins, problems);
        uniqueIds("device", site.devices(), d -> d.id(), origins, problems);
        uniqueIds("door", site.doors(), d -> d.id(), origins, problems);
        uniqueIds("alarm input", site.alarmInputs(), a -> a.id(), origins, problems);
        uniqueIds("charging area", site.chargingAreas(), a -> a.id(), origins, problems);
        PinClaims pins = new PinClaims(problems, "wire each lock, sensor, button, reader and alarm to its own GPIO");
        BusRules.check(site, pins, origins, problems);
        DoorRules.check(site, broken, pins, origins, problems);
        AreaRules.check(site, broken, pins, origins, problems);
        pins.report();
    }

    /** Reports every entry whose id an earlier entry of the same kind already has. */
    static <T> void uniqueIds(String what, List<T> entries, Function<T, String> id, Origins origins, Problems problems) {
        Map<String, Location> seen = new HashMap<>();
        for (T entry : entries) {
            Location at = origins.at(entry, "id");
            Location first = seen.putIfAbsent(id.apply(entry), at);
            if (first != null) {
                problems.add(at, "the " + what + " id '" + id.apply(entry) + "' is already used (" + Where.relative(first, at) + ")",
                        "give each " + what + " its own id");
            }
        }
    }
}
