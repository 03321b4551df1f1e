package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.Map;

import org.anju.profiles.Problems;
import org.anju.profiles.model.Gate;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.ReaderBinding;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/** Rules of the entrance gates: a turnstile of their own, readers and an exit button on pins of their own. */
final class GateRules {

    private GateRules() {
    }

    static void check(SiteDraft site, Broken broken, PinClaims pins, Origins origins, Problems problems) {
        DeviceRefs devices = new DeviceRefs(site, broken, problems);
        Map<String, Gate> lanes = new HashMap<>();
        for (Gate gate : site.gates()) {
            Location deviceAt = origins.at(gate, "device");
            if (devices.find(gate.device(), ProfileKind.TURNSTILE, deviceAt).isPresent()) {
                Gate first = lanes.putIfAbsent(gate.device(), gate);
                if (first != null) {
                    problems.add(deviceAt, "turnstile " + gate.device() + " already serves gate " + first.id() + " ("
                            + Where.relative(origins.at(first, "device"), deviceAt) + ")", "give each gate its own turnstile device");
                }
            }
            claim(pins, "the entry reader of gate " + gate.id(), gate.entryReader(), origins);
            gate.exitReader().ifPresent(r -> claim(pins, "the exit reader of gate " + gate.id(), r, origins));
            gate.exitButton().ifPresent(b -> pins.claim(b.pin(), "the exitButton of gate " + gate.id(), origins.at(b, "pin")));
        }
    }

    private static void claim(PinClaims pins, String what, ReaderBinding r, Origins origins) {
        pins.claim(r.d0Pin(), "DATA0 of " + what, origins.at(r, "d0"));
        pins.claim(r.d1Pin(), "DATA1 of " + what, origins.at(r, "d1"));
    }
}
