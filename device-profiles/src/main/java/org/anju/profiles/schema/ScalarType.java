package org.anju.profiles.schema;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.anju.profiles.yaml.ScalarNode;

/** A type that one YAML scalar converts to, with its range and its words for messages. */
public sealed interface ScalarType extends FieldType {

    /** Converts {@code node} (never a null node: the reader reports those) written under {@code key}. */
    Conversion convert(String key, ScalarNode node);

    /** What would be right, after "write ": "a whole number from 1 to 247". */
    String expectation();

    private static Conversion.Bad wrongType(String key, ScalarType type, ScalarNode node) {
        return new Conversion.Bad(key + " must be " + type.noun() + ", not " + node.describe(), "write " + type.expectation());
    }

    /** A whole number in decimal or 0x hex, from {@code min} to {@code max}. */
    record IntegerType(long min, long max) implements ScalarType {
        @Override
        public Conversion convert(String key, ScalarNode node) {
            OptionalLong value = node.style() == ScalarNode.Style.BOOLEAN ? OptionalLong.empty() : Scalars.parseInteger(node.text());
            if (value.isEmpty()) {
                return wrongType(key, this, node);
            }
            long v = value.getAsLong();
            if (v < min || v > max) {
                return new Conversion.Bad(key + " " + node.text() + " is out of range", "use " + min + " to " + max);
            }
            return new Conversion.Ok((int) v);
        }

        @Override
        public String doc() {
            return "integer " + min + "-" + max;
        }

        @Override
        public String noun() {
            return "a whole number";
        }

        @Override
        public String expectation() {
            return "a whole number from " + min + " to " + max;
        }
    }

    /** A whole number from a fixed set, such as the standard baud rates; {@code what} names the set ("a standard baud rate"). */
    record IntegerChoiceType(List<Integer> allowed, String what) implements ScalarType {
        public IntegerChoiceType {
            allowed = List.copyOf(allowed);
        }

        @Override
        public Conversion convert(String key, ScalarNode node) {
            OptionalLong value = node.style() == ScalarNode.Style.BOOLEAN ? OptionalLong.empty() : Scalars.parseInteger(node.text());
            if (value.isEmpty()) {
                return wrongType(key, this, node);
            }
            long v = value.getAsLong();
            if (allowed.stream().noneMatch(a -> a == v)) {
                return new Conversion.Bad(key + " " + node.text() + " is not " + what, "use one of " + list());
            }
            return new Conversion.Ok((int) v);
        }

        private String list() {
            return allowed.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }

        @Override
        public String doc() {
            return "one of " + list();
        }

        @Override
        public String noun() {
            return "a whole number";
        }

        @Override
        public String expectation() {
            return "one of " + list();
        }
    }

    /**
     * A GPIO line of the Raspberry Pi's 40-pin header, by its BCM number. GPIO 0 and 1 are on
     * the header but belong to the HAT ID EEPROM, so only 2-27 can be wired to doors and alarms.
     */
    record GpioType() implements ScalarType {
        public static final int FIRST = 2;
        public static final int LAST = 27;

        @Override
        public Conversion convert(String key, ScalarNode node) {
            OptionalLong value = node.style() == ScalarNode.Style.BOOLEAN ? OptionalLong.empty() : Scalars.parseInteger(node.text());
            if (value.isEmpty()) {
                return wrongType(key, this, node);
            }
            long v = value.getAsLong();
            if (v < FIRST || v > LAST) {
                String why = v == 0 || v == 1 ? " is reserved for the HAT ID EEPROM" : " is not on the Raspberry Pi header";
                return new Conversion.Bad(key + ": GPIO " + node.text() + why, "use a BCM GPIO number from " + FIRST + " to " + LAST);
            }
            return new Conversion.Ok((int) v);
        }

        @Override
        public String doc() {
            return "GPIO (BCM " + FIRST + "-" + LAST + ")";
        }

        @Override
        public String noun() {
            return "a GPIO number";
        }

        @Override
        public String expectation() {
            return "a BCM GPIO number from " + FIRST + " to " + LAST;
        }
    }

    /** A decimal number from {@code min} to {@code max}. */
    record NumberType(double min, double max) implements ScalarType {
        @Override
        public Conversion convert(String key, ScalarNode node) {
            Optional<Double> value = node.style() == ScalarNode.Style.BOOLEAN ? Optional.empty() : Scalars.parseNumber(node.text());
            if (value.isEmpty()) {
                return wrongType(key, this, node);
            }
            double v = value.get();
            if (v < min || v > max) {
                return new Conversion.Bad(key + " " + node.text() + " is out of range", "use " + range());
            }
            return new Conversion.Ok(v);
        }

        private String range() {
            return Scalars.formatNumber(min) + " to " + Scalars.formatNumber(max);
        }

        @Override
        public String doc() {
            return "number " + Scalars.formatNumber(min) + "-" + Scalars.formatNumber(max);
        }

        @Override
        public String noun() {
            return "a number";
        }

        @Override
        public String expectation() {
            return "a number from " + range();
        }
    }

    /** A duration written with its unit, from {@code min} to {@code max}. */
    record DurationType(Duration min, Duration max) implements ScalarType {
        @Override
        public Conversion convert(String key, ScalarNode node) {
            Optional<Duration> value = Scalars.parseDuration(node.text());
            if (value.isEmpty()) {
                return wrongType(key, this, node);
            }
            Duration v = value.get();
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                return new Conversion.Bad(key + " " + node.text() + " is out of range", "use " + range());
            }
            return new Conversion.Ok(v);
        }

        private String range() {
            return Scalars.formatDuration(min) + " to " + Scalars.formatDuration(max);
        }

        @Override
        public String doc() {
            return "duration " + Scalars.formatDuration(min) + "-" + Scalars.formatDuration(max);
        }

        @Override
        public String noun() {
            return "a duration";
        }

        @Override
        public String expectation() {
            return "a duration from " + range() + ", with its unit: ms, s, min or h";
        }
    }

    /**
     * Text, optionally of a shape: {@code pattern} must match, {@code noun} names the shape in
     * messages ("a valid id") and {@code rule} says how to write one.
     */
    record TextType(Pattern pattern, String noun, String rule) implements ScalarType {
        public static TextType any() {
            return new TextType(null, "text", "");
        }

        @Override
        public Conversion convert(String key, ScalarNode node) {
            String text = node.text();
            if (text.isBlank()) {
                return new Conversion.Bad(key + " is blank", "write " + expectation());
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                return new Conversion.Bad(key + " '" + text + "' is not " + noun, rule);
            }
            return new Conversion.Ok(text);
        }

        @Override
        public String doc() {
            return pattern == null ? "text" : "text (" + noun.replaceFirst("^an? ", "") + ")";
        }

        @Override
        public String noun() {
            return "text";
        }

        @Override
        public String expectation() {
            return pattern == null ? "some text" : noun + " (" + rule + ")";
        }
    }

    /** {@code true} or {@code false}; YAML 1.1's yes, no, on and off are refused as ambiguous. */
    record BooleanType() implements ScalarType {
        @Override
        public Conversion convert(String key, ScalarNode node) {
            String t = node.text().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return new Conversion.Ok(Boolean.valueOf(t));
            }
            return wrongType(key, this, node);
        }

        @Override
        public String doc() {
            return "boolean";
        }

        @Override
        public String noun() {
            return "true or false";
        }

        @Override
        public String expectation() {
            return "true or false";
        }
    }

    /** One word from a fixed list; values are kebab-case, e.g. {@code fail-secure}. */
    record ChoiceType(List<String> options) implements ScalarType {
        public ChoiceType {
            options = List.copyOf(options);
        }

        /** The choices of an enum: {@code FAIL_SECURE} is written {@code fail-secure}. */
        public static ChoiceType of(Class<? extends Enum<?>> type) {
            return new ChoiceType(java.util.Arrays.stream(type.getEnumConstants()).map(e -> yamlName(e)).toList());
        }

        public static String yamlName(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public Conversion convert(String key, ScalarNode node) {
            String text = node.text();
            if (options.contains(text)) {
                return new Conversion.Ok(text);
            }
            String hint = Spelling.closest(text, options).map(s -> "did you mean '" + s + "'?").orElse("use one of " + list());
            return new Conversion.Bad(key + " " + node.describe() + " is not one of " + list(), hint);
        }

        private String list() {
            return String.join(", ", options);
        }

        @Override
        public String doc() {
            return "one of " + options.stream().map(o -> "`" + o + "`").collect(Collectors.joining(", "));
        }

        @Override
        public String noun() {
            return "one of " + list();
        }

        @Override
        public String expectation() {
            return "one of " + list();
        }
    }
}
