package org.anju.agent.door;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a GPIO door is wired, as the site file says: the relay, and optionally a door-position
 * sensor and an exit button. Each "...High" says whether the condition (relay on, door open,
 * button pressed) is a high level on its pin.
 *
 * @param debounce how long the sensor and button must hold a level before it counts (20-50 ms suits reed
 *                 switches and push buttons)
 */
public record GpioDoorPins(int relayPin, boolean relayOnHigh, OptionalInt doorSensorPin, boolean doorOpenHigh,
                           OptionalInt exitButtonPin, boolean exitPressedHigh, Duration debounce) {
    public GpioDoorPins {
        Objects.requireNonNull(doorSensorPin, "doorSensorPin");
        Objects.requireNonNull(exitButtonPin, "exitButtonPin");
        Objects.requireNonNull(debounce, "debounce");
    }
}
