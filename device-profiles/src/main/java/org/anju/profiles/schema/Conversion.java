package org.anju.profiles.schema;

/** The outcome of converting one scalar: its value, or what is wrong and what would be right. */
public sealed interface Conversion {

    record Ok(Object value) implements Conversion {
    }

    record Bad(String message, String hint) implements Conversion {
    }
}
