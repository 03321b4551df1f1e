package org.anju.agent.lift;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anju.profiles.model.Lift;
import org.anju.profiles.model.OpenHours;

/**
 * One lift's behaviour: the floors it serves in order, when each is open to everyone, and how long
 * a card or a phone keeps the rider's floors enabled.
 */
public record LiftConfig(String liftId, List<String> floors, Map<String, OpenHours> hours, Duration enableFor) {
    public LiftConfig {
        floors = List.copyOf(floors);
        hours = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hours));
        if (enableFor.isNegative() || enableFor.isZero()) {
            throw new IllegalArgumentException(liftId + ": enableFor must be positive");
        }
    }

    public static LiftConfig of(Lift lift) {
        Map<String, OpenHours> hours = new LinkedHashMap<>();
        lift.floors().forEach(f -> hours.put(f.floor(), f.open()));
        return new LiftConfig(lift.id(), lift.floors().stream().map(Lift.Stop::floor).toList(), hours, lift.enableFor());
    }
}
