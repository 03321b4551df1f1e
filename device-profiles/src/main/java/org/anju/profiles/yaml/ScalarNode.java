package org.anju.profiles.yaml;

import org.anju.profiles.Location;

/**
 * A YAML scalar, kept as the text that was written. The parser's guess at its type is kept as a
 * hint only: values are converted by the schema, with YAML 1.2 rules (so {@code 0301} is the text
 * or the number 301, never octal, and {@code yes} is not a boolean).
 */
public record ScalarNode(Location location, String text, Style style) implements Node {

    /** What the YAML parser made of the scalar. */
    public enum Style {
        /** Quoted, or plain text the parser did not take for anything else. */
        TEXT,
        /** A plain scalar that reads as a number. */
        NUMBER,
        /** A plain scalar that reads as a YAML 1.1 boolean (true, yes, on, ...). */
        BOOLEAN,
        /** No value: {@code ~}, {@code null} or nothing after the colon. */
        NULL,
        /** An alias ({@code *name}): already reported by the reader, and not to be judged again. */
        ALIAS
    }

    public boolean isNull() {
        return style == Style.NULL;
    }

    public boolean isAlias() {
        return style == Style.ALIAS;
    }

    @Override
    public String describe() {
        return isNull() ? "empty" : "'" + text + "'";
    }
}
