package org.anju.agent.gpio;

/**
 * An output pin and how it is wired. "On" is the logical state (relay energised); {@code
 * activeHigh} says whether on is a high or a low level on the pin, because many relay boards
 * switch on a low level. The pin is driven to {@code initialOn} when claimed and to {@code
 * shutdownOn} when the board closes, so the hardware is never in an undefined state at either end.
 */
public record OutputPin(String name, int pin, boolean activeHigh, boolean initialOn, boolean shutdownOn) {
    public OutputPin {
        PinNumbers.check(name, pin);
    }
}
