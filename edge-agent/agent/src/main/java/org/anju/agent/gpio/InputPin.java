package org.anju.agent.gpio;

import java.time.Duration;
import java.util.Objects;

/**
 * An input pin and how it is wired. "Active" is the logical state (door open, button pressed);
 * {@code activeHigh} says whether that is a high level on the pin. A level must stay unchanged for
 * {@code debounce} before it is reported (zero reports every edge, as a Wiegand data line needs).
 */
public record InputPin(String name, int pin, boolean activeHigh, Duration debounce, Pull pull) {

    /** The pin's bias resistor, where the driver supports one. */
    public enum Pull { OFF, UP, DOWN }

    public InputPin {
        PinNumbers.check(name, pin);
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(pull, "pull");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException(name + ": debounce must not be negative");
        }
    }

    public InputPin(String name, int pin, boolean activeHigh, Duration debounce) {
        this(name, pin, activeHigh, debounce, Pull.OFF);
    }
}
