package org.anju.agent.door;

import java.util.Optional;

/**
 * What a person types at a door's keypad, key by key: digits until {@code #} completes the entry,
 * {@code *} starts over, and a pause of more than {@link #PAUSE_NANOS} or more than 12 digits
 * drops what was typed. Pure; one per keypad, fed on the reader's context.
 */
public final class KeypadEntry {
    static final long PAUSE_NANOS = 10_000_000_000L;
    private static final int MAX_DIGITS = 12;

    private final StringBuilder digits = new StringBuilder();
    private long lastKeyAt;

    /** The completed entry when {@code key} is {@code #} and digits were typed; empty otherwise. */
    public Optional<String> key(char key, long nanos) {
        if (digits.length() > 0 && nanos - lastKeyAt > PAUSE_NANOS) {
            digits.setLength(0);
        }
        lastKeyAt = nanos;
        if (key == '*') {
            digits.setLength(0);
        } else if (key == '#') {
            String entry = digits.toString();
            digits.setLength(0);
            return entry.isEmpty() ? Optional.empty() : Optional.of(entry);
        } else if (key >= '0' && key <= '9') {
            if (digits.length() == MAX_DIGITS) {
                digits.setLength(0);
            }
            digits.append(key);
        }
        return Optional.empty();
    }
}
