package org.anju.agent.gpio;

import java.util.Objects;

final class PinNumbers {
    /** Generous upper bound: gpiod line offsets on common boards stay well below this. */
    static final int MAX_PIN = 511;

    private PinNumbers() {
    }

    static void check(String name, int pin) {
        Objects.requireNonNull(name, "name");
        if (pin < 0 || pin > MAX_PIN) {
            throw new IllegalArgumentException(name + ": GPIO pin " + pin + " is outside 0.." + MAX_PIN);
        }
    }
}
