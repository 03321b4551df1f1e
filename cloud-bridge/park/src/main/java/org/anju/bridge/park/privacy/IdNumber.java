package org.anju.bridge.park.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A resident identity card number of the People's Republic of China (GB 11643-1999): 17 digits
 * (region, birth date, sequence) and a check digit (0-9 or X) computed with ISO 7064 MOD 11-2.
 * Landlords type these in for the floating-population registration; a typo caught here is a
 * registration the police station does not send back.
 *
 * <p>{@link #toString()} is the masked form: the number is personal data and never goes in a log.
 */
public final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String digits;

    private IdNumber(String digits) {
        this.digits = digits;
    }

    /** The number if {@code text} is one (spaces ignored, a lower-case x accepted), else why not. */
    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed.Invalid("an ID number is required", "landlord.id.required", 0);
        }
        String s = text.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (s.length() != 18) {
            return new Parsed.Invalid("an ID number has 18 characters, this one " + s.length(), "landlord.id.length", s.length());
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return new Parsed.Invalid("the first 17 characters of an ID number are digits", "landlord.id.digits", 0);
            }
        }
        char last = s.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return new Parsed.Invalid("the last character of an ID number is a digit or X", "landlord.id.last", 0);
        }
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
            if (born.getYear() < 1900 || born.isAfter(LocalDate.now())) {
                return new Parsed.Invalid("the birth date in the ID number is not possible", "landlord.id.birth", 0);
            }
        } catch (DateTimeException e) {
            return new Parsed.Invalid("the birth date in the ID number is not a date", "landlord.id.birth", 0);
        }
        if (checkDigit(s) != last) {
            return new Parsed.Invalid("the ID number's check digit does not match; a digit is mistyped", "landlord.id.check", 0);
        }
        return new Parsed.Valid(new IdNumber(s));
    }

    /**
     * The {@code n}th (0 to 999) of a series of valid numbers, of people born on 1990-03-07 in
     * Beijing's Dongcheng district: for the demo and tests, which register many people (one person
     * has one lease per building).
     */
    public static String sample(int n) {
        String first17 = "110101" + "19900307" + String.format(java.util.Locale.ROOT, "%03d", n);
        return first17 + checkDigit(first17);
    }

    /** The check character for the first 17 digits of {@code s}. */
    static char checkDigit(String s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The whole number: only for the cipher and the registration record. */
    public String digits() {
        return digits;
    }

    /** First 6 and last 4 characters, the rest hidden: {@code 110105********123X}. */
    public String masked() {
        return mask(digits);
    }

    /** Masks any stored ID text the same way, so what was saved before validation existed never leaks either. */
    public static String mask(String value) {
        if (value == null || value.length() <= 10) {
            return "*".repeat(value == null ? 0 : value.length());
        }
        return value.substring(0, 6) + "*".repeat(value.length() - 10) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    public sealed interface Parsed {
        record Valid(IdNumber id) implements Parsed {
        }

        /** Why not: {@code reason} in English, {@code code} the catalog's text of it ({@code given}: the length typed). */
        record Invalid(String reason, String code, int given) implements Parsed {
        }

        default Optional<IdNumber> valid() {
            return this instanceof Valid v ? Optional.of(v.id()) : Optional.empty();
        }
    }
}
