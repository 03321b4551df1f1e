package org.anju.protocol.wiegand;

/** What a Wiegand frame says: a card, or why it is not one. */
public sealed interface WiegandResult {

    record Card(WiegandFormat format, int facility, int number) implements WiegandResult {
        public Card {
            if (format == null) {
                throw new IllegalArgumentException("format is required");
            }
            if (facility < 0 || facility > format.maxFacility()) {
                throw new IllegalArgumentException(
                        format + " facility must be 0-" + format.maxFacility() + ", not " + facility);
            }
            if (number < 0 || number > 0xFFFF) {
                throw new IllegalArgumentException("card number must be 0-65535, not " + number);
            }
        }
    }

    /** The frame had the wrong length or failed a parity check; {@code reason} says which. */
    record Rejected(String reason) implements WiegandResult {
    }
}
