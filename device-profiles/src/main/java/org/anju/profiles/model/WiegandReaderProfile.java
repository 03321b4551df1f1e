package org.anju.profiles.model;

import java.time.Duration;

/** A card or keypad reader that sends Wiegand frames on two GPIO lines, DATA0 and DATA1. */
public record WiegandReaderProfile(String id, String protocol, String description, int d0Pin, int d1Pin,
                                   Duration frameGap) implements Profile {

    @Override
    public ProfileKind kind() {
        return ProfileKind.WIEGAND_READER;
    }

    /** Frame length in bits: 26 or 34, from the protocol name. */
    public int bits() {
        return Protocols.WIEGAND_34.equals(protocol) ? 34 : 26;
    }
}
