package org.anju.profiles.model;

import java.time.Duration;

/**
 * A GPIO input (BCM numbering): the level it reads while active (door open, button pressed,
 * alarm on), its pull resistor and how long a change must last to count.
 */
public record GpioInput(int pin, Level activeLevel, Pull pull, Duration debounce) {

    /** The internal pull resistor; dry contacts to ground want {@code UP} and an active level of LOW. */
    public enum Pull {
        UP, DOWN, NONE
    }

    public GpioInput withPin(int newPin) {
        return new GpioInput(newPin, activeLevel, pull, debounce);
    }
}
