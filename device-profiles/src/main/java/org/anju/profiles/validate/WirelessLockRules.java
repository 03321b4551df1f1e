package org.anju.profiles.validate;

import org.anju.profiles.Problems;
import org.anju.profiles.model.WirelessLockProfile;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.schema.Scalars;

/** Consistency of a wireless-lock profile. */
public final class WirelessLockRules {

    private WirelessLockRules() {
    }

    public static void check(WirelessLockProfile p, Origins origins, Problems problems) {
        if (!p.commands().contains(WirelessLockProfile.Command.UNLOCK)) {
            problems.add(origins.at(p, "commands"), "commands has no unlock", "add unlock: a door lock the gateway cannot open is no use");
        }
        if (p.offlineAfter().compareTo(p.reportInterval()) <= 0) {
            problems.add(origins.at(p, "offlineAfter"),
                    "offlineAfter " + Scalars.formatDuration(p.offlineAfter()) + " is not longer than reportInterval "
                            + Scalars.formatDuration(p.reportInterval()),
                    "allow a few missed reports, e.g. offlineAfter: " + Scalars.formatDuration(p.reportInterval().multipliedBy(3)));
        }
        WirelessLockProfile.Resources r = p.resources();
        if (r.command().equals(r.state()) || r.battery().equals(r.state()) || r.battery().equals(r.command())) {
            String key = r.command().equals(r.state()) ? "command" : "battery";
            problems.add(origins.at(r, key), key + " uses the same path as another resource", "give state, command and battery their own paths");
        }
    }
}
