package org.anju.agent.access;

/** Something a person presents at a door. */
public sealed interface Credential {

    /** The kind as stored in the roster's {@code credential.kind} column. */
    String kind();

    /**
     * A card read by a Wiegand reader: facility (site) code and card number, as decoded from a
     * 26-bit (8-bit facility, 16-bit number) or 34-bit (16-bit facility, 16-bit number) frame.
     */
    record Card(int facility, long number) implements Credential {
        public Card {
            if (facility < 0 || facility > 0xFFFF) {
                throw new IllegalArgumentException("facility code " + facility + " is outside 0..65535");
            }
            if (number < 0 || number > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("card number " + number + " is outside 0..4294967295");
            }
        }

        @Override
        public String kind() {
            return "card";
        }
    }

    /** A PIN typed on a keypad. Its digits never appear in {@link #toString()}, so never in a log. */
    record Pin(String digits) implements Credential {
        public Pin {
            if (digits == null || !digits.matches("[0-9]{4,12}")) {
                throw new IllegalArgumentException("a PIN is 4 to 12 digits");
            }
        }

        @Override
        public String kind() {
            return "pin";
        }

        @Override
        public String toString() {
            return "Pin[****]";
        }
    }
}
