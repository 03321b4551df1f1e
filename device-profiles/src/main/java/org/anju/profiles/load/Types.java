package org.anju.profiles.load;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.anju.profiles.schema.FieldType;
import org.anju.profiles.schema.ScalarType;
import org.anju.profiles.schema.Section;

/** Short names for the field types the sections use, so section declarations read like the reference page. */
final class Types {
    static final ScalarType GPIO = new ScalarType.GpioType();
    static final ScalarType TEXT = ScalarType.TextType.any();
    /** Ids that other entries refer to: lower-case letters, digits, '-' and '.', as in file names and MQTT topics. */
    static final ScalarType ID = new ScalarType.TextType(Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}"), "a valid id",
            "use lower-case letters, digits, '-' and '.', e.g. pile-01");
    /** A reference to an id: any text, so a near miss gets "did you mean" from the lookup instead of a shape error. */
    static final ScalarType REF = ScalarType.TextType.any();
    static final ScalarType REGISTER_ADDRESS = integer(0, 0xFFFF);
    static final ScalarType READ_FUNCTION = integer(1, 4);

    private Types() {
    }

    static ScalarType integer(long min, long max) {
        return new ScalarType.IntegerType(min, max);
    }

    static ScalarType number(double min, double max) {
        return new ScalarType.NumberType(min, max);
    }

    static ScalarType duration(String min, String max) {
        return new ScalarType.DurationType(parse(min), parse(max));
    }

    static ScalarType choice(Class<? extends Enum<?>> type) {
        return ScalarType.ChoiceType.of(type);
    }

    static ScalarType choice(String... options) {
        return new ScalarType.ChoiceType(List.of(options));
    }

    static FieldType map(Section section) {
        return new FieldType.MapType(section);
    }

    static FieldType list(Section section) {
        return new FieldType.ListType(section);
    }

    static FieldType refs() {
        return new FieldType.ScalarListType(REF, true);
    }

    private static Duration parse(String text) {
        return org.anju.profiles.schema.Scalars.parseDuration(text)
                .orElseThrow(() -> new IllegalArgumentException("not a duration: " + text));
    }
}
