package org.anju.profiles.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A lift car whose floor buttons a relay board enables: a card at its reader or a phone enables
 * the floors of the renter's rooms (and a guest's host's) for {@code enableFor}; floors open to
 * everyone follow their hours; a fire input releases every floor.
 *
 * @param alarmInputs the fire inputs that release every floor; empty: every alarm input of the site
 */
public record Lift(String id, String name, String building, Optional<ReaderBinding> reader, String relay,
                   Duration enableFor, List<String> alarmInputs, List<Stop> floors) {

    /** A floor the car serves: the relay channel in series with its button, and when it is open to all. */
    public record Stop(String floor, String relay, int channel, OpenHours open) {
    }

    public Lift {
        alarmInputs = List.copyOf(alarmInputs);
        floors = List.copyOf(floors);
    }
}
