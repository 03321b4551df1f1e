package org.anju.bridge.park.privacy;

import java.util.regex.Pattern;

/**
 * A mainland mobile number: 11 digits starting 13 to 19, with an optional +86 or 86 in front.
 * {@link #toString()} is masked ({@code 138****5678}); the number is personal data.
 */
public record PhoneNumber(String digits) {
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    public PhoneNumber {
        if (digits == null || !MOBILE.matcher(digits).matches()) {
            throw new IllegalArgumentException("a mobile number has 11 digits and starts with 13 to 19");
        }
    }

    /** The number in {@code text} (spaces, dashes and a +86 prefix allowed), or null with no way to tell; see {@link #problem}. */
    public static PhoneNumber parse(String text) {
        String s = normalise(text);
        return s != null && MOBILE.matcher(s).matches() ? new PhoneNumber(s) : null;
    }

    /** Why {@code text} is not a mobile number, or null if it is one. */
    public static String problem(String text) {
        return parse(text) == null ? "a mobile number has 11 digits and starts with 13 to 19, e.g. 138 0013 8000" : null;
    }

    private static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("[\\s-]", "");
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("86") && s.length() == 13) {
            s = s.substring(2);
        }
        return s;
    }

    public String masked() {
        return digits.substring(0, 3) + "****" + digits.substring(7);
    }

    @Override
    public String toString() {
        return masked();
    }
}
