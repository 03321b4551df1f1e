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
        accessPointIds(site, origins, problems);
        uniqueIds("alarm input", site.alarmInputs(), a -> a.id(), origins, problems);
        uniqueIds("charging area", site.chargingAreas(), a -> a.id(), origins, problems);
        PinClaims pins = new PinClaims(problems, "wire each lock, sensor, button, reader and alarm to its own GPIO");
        RelayChannels relayChannels = new RelayChannels(new DeviceRefs(site, broken, problems), problems);
        BusRules.check(site, pins, origins, problems);
        DoorRules.check(site, broken, pins, origins, problems);
        AreaRules.check(site, broken, pins, relayChannels, origins, problems);
        LiftRules.check(site, broken, pins, relayChannels, origins, problems);
        GateRules.check(site, broken, pins, origins, problems);
        pins.report();
    }

    /**
     * Doors, lifts and gates share one set of ids: rosters grant them and commands name them by id
     * alone, so a lift called like a door would be ambiguous.
     */
    private static void accessPointIds(SiteDraft site, Origins origins, Problems problems) {
        Map<String, Location> seen = new HashMap<>();
        Map<String, String> kindOf = new HashMap<>();
        List<Map.Entry<String, Object>> all = new java.util.ArrayList<>();
        site.doors().forEach(d -> all.add(Map.entry("door", d)));
        site.lifts().forEach(l -> all.add(Map.entry("lift", l)));
        site.gates().forEach(g -> all.add(Map.entry("gate", g)));
        for (Map.Entry<String, Object> e : all) {
            String id = e.getValue() instanceof org.anju.profiles.model.Door d ? d.id()
                    : e.getValue() instanceof org.anju.profiles.model.Lift l ? l.id() : ((org.anju.profiles.model.Gate) e.getValue()).id();
            Location at = origins.at(e.getValue(), "id");
            Location first = seen.putIfAbsent(id, at);
            if (first != null) {
                String other = kindOf.get(id);
                problems.add(at, "the " + e.getKey() + " id '" + id + "' is already used" + (other.equals(e.getKey()) ? "" : " by a " + other)
                        + " (" + Where.relative(first, at) + ")", other.equals(e.getKey()) ? "give each " + other + " its own id"
                        : "give each door, lift and gate its own id: rosters and commands name them by id alone");
            } else {
                kindOf.put(id, e.getKey());
            }
        }
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
