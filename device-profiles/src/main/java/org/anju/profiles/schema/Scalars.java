package org.anju.profiles.schema;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalar syntax shared by every file, in one place: whole numbers in decimal or {@code 0x} hex
 * (register maps are published in hex), decimal numbers, and durations written with their unit.
 * Leading zeros are decimal, never octal: an installer who writes {@code 010} means ten.
 */
public final class Scalars {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern DURATION = Pattern.compile("([-+]?[0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|min|h)");

    private Scalars() {
    }

    public static OptionalLong parseInteger(String text) {
        String t = text.strip();
        try {
            if (DECIMAL.matcher(t).matches()) {
                return OptionalLong.of(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
            }
            if (HEX.matcher(t).matches()) {
                return OptionalLong.of(Long.parseLong(t.substring(2), 16));
            }
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    public static Optional<Double> parseNumber(String text) {
        String t = text.strip();
        OptionalLong whole = parseInteger(t);
        if (whole.isPresent()) {
            return Optional.of((double) whole.getAsLong());
        }
        if (!NUMBER.matcher(t).matches()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(t);
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }

    /** {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 10min}, {@code 8h}; whole milliseconds only. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = amount * switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "min" -> 60_000;
            default -> 3_600_000;
        };
        if (Math.abs(millis) > Long.MAX_VALUE / 2 || millis != Math.rint(millis)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) millis));
    }

    /** A duration the way a person would write it: the largest unit that divides it. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    /** A number without a trailing {@code .0}: 80 rather than 80.0, 0.1 stays 0.1. */
    public static String formatNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Register addresses are published in hex by every maker; messages use the same form. */
    public static String hex(int address) {
        return String.format("0x%04X", address);
    }
}
