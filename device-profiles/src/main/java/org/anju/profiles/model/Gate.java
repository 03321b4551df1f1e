package org.anju.profiles.model;

import java.util.Optional;

/**
 * A turnstile or pedestrian gate at a building's entrance: a turnstile device on a bus, a card
 * reader outside, and a reader or an exit button inside. Its passages, counted with their
 * direction, tell the gateway who is inside.
 */
public record Gate(String id, String name, String building, String device, ReaderBinding entryReader,
                   Optional<ReaderBinding> exitReader, Optional<GpioInput> exitButton, AntiPassback antiPassback) {

    /** What a card that entered and presents itself to enter again meets. */
    public enum AntiPassback {
        /** Nothing: let in. */
        OFF,
        /** Let in, and the entry is logged as a violation. */
        SOFT,
        /** Refused until the card leaves or an officer resets it. */
        HARD
    }
}
