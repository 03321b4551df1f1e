package org.anju.profiles.model;

/** A GPIO output (BCM numbering) and the level that makes it act. */
public record GpioOutput(int pin, Level activeLevel) {

    public GpioOutput withPin(int newPin) {
        return new GpioOutput(newPin, activeLevel);
    }
}
