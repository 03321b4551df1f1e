package org.anju.bridge.events;

import java.util.List;
import java.util.regex.Pattern;

import org.anju.bridge.contract.Contract;

/** The checks the building events share: a site id, a floor, a building, a count. */
final class Fields {
    /** Ids of a gateway's site file (doors, lifts, gates): lower-case letters, digits, '-' and '.'. */
    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    private Fields() {
    }

    static void siteId(String what, String value) {
        if (value == null || !SITE_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a site id (lower-case letters, digits, '-' and '.'), not "
                    + (value == null ? "missing" : "'" + value + "'"));
        }
    }

    static void text(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(what + " must be 1 to " + max + " characters");
        }
    }

    static void tenant(String what, String value) {
        if (value != null) {
            Contract.requireId(what, value);
        }
    }

    static List<String> floors(List<String> floors) {
        List<String> copy = List.copyOf(floors == null ? List.of() : floors);
        copy.forEach(f -> text("a floor", f, 16));
        return copy;
    }

    static void oneOf(String what, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(what + " must be one of " + allowed + ", not " + value);
        }
    }
}
