package org.anju.bridge.contract;

import java.util.regex.Pattern;

/**
 * Constants of the MQTT contract between a gateway and the park ({@code cloud-bridge/CONTRACT.md}).
 *
 * <p>{@link #VERSION} is the major version: it is the {@code v} field of every payload and the
 * {@code v1} segment of every topic. Additions that an older reader can ignore (a new optional
 * field, a new event type, a new command kind) do not change it; anything else does, and moves
 * the traffic to new topics so that old and new gateways can share a broker during a rollout.
 */
public final class Contract {
    public static final int VERSION = 1;

    /** First topic levels of every message of this version. */
    public static final String ROOT = "anju/v" + VERSION;

    /** Parks, gateways, doors, piles, tenants: safe as one MQTT topic level and in a file name. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** Event types and command kinds: 1 to 4 dotted lower-case words such as {@code door.opened}. */
    public static final String TYPE_PATTERN = "[a-z][a-z0-9_]{0,31}(\\.[a-z][a-z0-9_]{0,31}){0,3}";

    private Contract() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** Whether {@code value} matches {@link #TYPE_PATTERN}; scanned by hand, it is checked for every event sent. */
    public static boolean isType(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int words = 1;
        int wordLength = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (wordLength == 0 || ++words > 4) {
                    return false;
                }
                wordLength = 0;
            } else if (c >= 'a' && c <= 'z' || wordLength > 0 && (c >= '0' && c <= '9' || c == '_')) {
                if (++wordLength > 32) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return wordLength > 0;
    }

    /** Returns {@code value} if it is an identifier, else throws naming {@code what}. */
    public static String requireId(String what, String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must be 1 to 64 letters, digits, '-' or '_' (starting with a"
                    + " letter or digit), not " + quote(value));
        }
        return value;
    }

    public static String requireType(String what, String value) {
        if (!isType(value)) {
            throw new IllegalArgumentException(what + " must be dotted lower-case words like door.opened, not "
                    + quote(value));
        }
        return value;
    }

    static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
