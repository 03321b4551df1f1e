package org.anju.profiles.schema;

/**
 * What a key holds. Scalar types convert and range-check a value; the structured types name the
 * {@link Section} that describes their content. Each type describes itself for the reference page
 * and for messages, so the two always agree.
 */
public sealed interface FieldType permits ScalarType, FieldType.MapType, FieldType.ListType, FieldType.ScalarListType {

    /** The type column of the reference page, e.g. "integer 1-247". */
    String doc();

    /** What a value of this type is, for "must be ..." messages: "a whole number", "a mapping". */
    String noun();

    /** A mapping whose keys are described by {@code section}. */
    record MapType(Section section) implements FieldType {
        @Override
        public String doc() {
            return "mapping: [" + section.name() + "](#" + section.anchor() + ")";
        }

        @Override
        public String noun() {
            return "a mapping";
        }
    }

    /** A list of mappings, each described by {@code section}. */
    record ListType(Section section) implements FieldType {
        @Override
        public String doc() {
            return "list of [" + section.name() + "](#" + section.anchor() + ")";
        }

        @Override
        public String noun() {
            return "a list";
        }
    }

    /** A list of scalars of one type, e.g. device ids; {@code unique} forbids an item written twice. */
    record ScalarListType(ScalarType element, boolean unique) implements FieldType {
        @Override
        public String doc() {
            return "list of " + element.doc();
        }

        @Override
        public String noun() {
            return "a list";
        }
    }
}
