package org.anju.profiles.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.Location;
import org.anju.profiles.yaml.ScalarNode;

/**
 * The keys one YAML mapping may hold, in the order the reference page lists them. Sections are
 * built once, as constants next to the code that binds them.
 */
public final class Section {
    private final String name;
    private final String summary;
    private final Map<String, Field> fields;

    private Section(String name, String summary, Map<String, Field> fields) {
        this.name = name;
        this.summary = summary;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Builder named(String name, String summary) {
        return new Builder(name, summary);
    }

    /** The heading of this section on the reference page, e.g. {@code doors[].lock.gpio}. */
    public String name() {
        return name;
    }

    /** One sentence on what the mapping describes. */
    public String summary() {
        return summary;
    }

    /** The markdown anchor of the heading. */
    public String anchor() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    public List<Field> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<Field> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    public List<String> keys() {
        return List.copyOf(fields.keySet());
    }

    /** A copy of this section under another name where every key is optional, as for overrides. */
    public Section allOptional(String newName, String newSummary, String defaultDoc) {
        Map<String, Field> copy = new LinkedHashMap<>();
        fields.values().forEach(f -> copy.put(f.key(), new Field(f.key(), f.type(), f.unit(), false, null, defaultDoc, f.meaning())));
        return new Section(newName, newSummary, copy);
    }

    @Override
    public String toString() {
        return name;
    }

    public static final class Builder {
        private final String name;
        private final String summary;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        /** Adds all keys of {@code other}, e.g. the header every profile shares. */
        public Builder include(Section other) {
            other.fields().forEach(this::add);
            return this;
        }

        public Builder required(String key, FieldType type, String unit, String meaning) {
            return add(new Field(key, type, unit, true, null, null, meaning));
        }

        /** An optional key whose default is written as a value of its type and converted like one. */
        public Builder optional(String key, ScalarType type, String unit, String defaultText, String meaning) {
            Conversion c = type.convert(key, new ScalarNode(new Location("schema", 0, 0), defaultText, ScalarNode.Style.TEXT));
            if (!(c instanceof Conversion.Ok ok)) {
                throw new IllegalStateException(name + "." + key + ": default " + defaultText + " is not valid: " + c);
            }
            return add(new Field(key, type, unit, false, ok.value(), defaultText, meaning));
        }

        /** An optional key with no default value, or one computed elsewhere and described by {@code defaultDoc}. */
        public Builder optionalWithout(String key, FieldType type, String unit, String defaultDoc, String meaning) {
            return add(new Field(key, type, unit, false, null, defaultDoc, meaning));
        }

        private Builder add(Field field) {
            if (fields.putIfAbsent(field.key(), field) != null) {
                throw new IllegalStateException(name + ": key " + field.key() + " declared twice");
            }
            return this;
        }

        public Section build() {
            return new Section(name, summary, new ArrayList<>(fields.values()).stream()
                    .collect(LinkedHashMap::new, (m, f) -> m.put(f.key(), f), Map::putAll));
        }
    }
}
