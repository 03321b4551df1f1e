package org.anju.profiles.model;

import java.util.List;

/**
 * A place where e-bikes charge: its piles and metered ports, the alarm inputs that mean fire
 * there (each pile's own smoke detector always counts too), and what a fire alarm does.
 *
 * @param piles         ids of charging-pile devices
 * @param alarmInputs   ids of the site's alarm inputs
 * @param safetyLimits  stricter limits for this area; what it leaves empty comes from each pile's profile
 */
public record ChargingArea(String id, String name, List<String> piles, List<MeteredPort> meteredPorts,
                           List<Feeder> feeders, List<String> alarmInputs, FireResponse onFireAlarm,
                           SafetyOverride safetyLimits) {

    public ChargingArea {
        piles = List.copyOf(piles);
        meteredPorts = List.copyOf(meteredPorts);
        feeders = List.copyOf(feeders);
        alarmInputs = List.copyOf(alarmInputs);
    }

    /** A charging port made of an energy meter and a relay-board channel, both devices on buses. */
    public record MeteredPort(String meter, String relay, int channel) {
    }

    /** The relay-board channel that switches a pile's supply, the last resort when a port relay is welded. */
    public record Feeder(String pile, String relay, int channel) {
        /** How alarms and events name it: {@code relay-board-1#3}. */
        public String name() {
            return relay + "#" + channel;
        }
    }

    /** The feeder of {@code pileId}, if the site has one. */
    public java.util.Optional<Feeder> feederOf(String pileId) {
        return feeders.stream().filter(f -> f.pile().equals(pileId)).findFirst();
    }

    /**
     * What a fire alarm in this area does: which ports lose power, which doors are released so
     * people can get out, and whether power comes back by itself once the alarm clears.
     */
    public record FireResponse(Cut cut, List<String> release, Restore restore) {
        public enum Cut {
            /** Every port of this area. */
            AREA,
            /** Every port of the site. */
            SITE
        }

        public enum Restore {
            /** Power stays off until a person restores it from the console. */
            MANUAL,
            /** Power returns when the alarm clears. */
            WHEN_CLEAR
        }

        public FireResponse {
            release = List.copyOf(release);
        }
    }
}
