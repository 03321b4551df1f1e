package org.anju.profiles.validate;

import org.anju.profiles.Problems;
import org.anju.profiles.model.DoorLockProfile;
import org.anju.profiles.schema.Origins;

/** Consistency of a door-lock profile: what needs a door sensor has one, and every signal has its own pin. */
public final class DoorLockRules {

    private DoorLockRules() {
    }

    public static void check(DoorLockProfile p, Origins origins, Problems problems) {
        if (p.doorSensor().isEmpty()) {
            for (String key : new String[] {"relock", "heldOpenAlarm"}) {
                if (origins.has(p, key)) {
                    problems.add(origins.at(p, key), key + " needs a doorSensor, and this lock has none",
                            "add doorSensor with the pin of the door-position switch, or remove " + key);
                }
            }
        }
        PinClaims pins = new PinClaims(problems, "give each signal its own GPIO");
        pins.claim(p.relay().pin(), "relay", origins.at(p.relay(), "pin"));
        p.doorSensor().ifPresent(s -> pins.claim(s.pin(), "doorSensor", origins.at(s, "pin")));
        p.exitButton().ifPresent(b -> pins.claim(b.pin(), "exitButton", origins.at(b, "pin")));
        pins.report();
    }
}
