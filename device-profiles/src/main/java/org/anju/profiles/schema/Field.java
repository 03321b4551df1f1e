package org.anju.profiles.schema;

/**
 * One key of a section: its type, the unit of its value, whether it must be written, its default
 * and what it means. The same description drives the reader (unknown keys, types, ranges, defaults)
 * and the reference page in the README, so the two cannot disagree.
 *
 * @param defaultValue the converted default, or null when the key has none or it is computed elsewhere
 * @param defaultDoc   the default as the reference page shows it ("5s", "the profile's", "—")
 */
public record Field(String key, FieldType type, String unit, boolean required, Object defaultValue, String defaultDoc,
                    String meaning) {

    public Field {
        if (key == null || key.isBlank() || meaning == null || meaning.isBlank()) {
            throw new IllegalArgumentException("a field needs a key and a meaning");
        }
        unit = unit == null ? "" : unit;
        defaultDoc = required ? "required" : defaultDoc == null || defaultDoc.isBlank() ? "—" : defaultDoc;
    }
}
