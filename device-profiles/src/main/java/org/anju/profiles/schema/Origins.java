package org.anju.profiles.schema;

import java.util.IdentityHashMap;
import java.util.Map;

import org.anju.profiles.Location;

/**
 * Where each bound model object was written. The model records stay free of YAML positions;
 * consistency rules that find two doors on one pin ask this map where to point the person.
 */
public final class Origins {
    private final Map<Object, SectionReader> readers = new IdentityHashMap<>();

    void remember(Object model, SectionReader reader) {
        readers.put(model, reader);
    }

    /** Where {@code key} of {@code model}'s mapping is written: its value, or the mapping itself when absent. */
    public Location at(Object model, String key) {
        return reader(model).at(key);
    }

    /** Where item {@code index} of the scalar list {@code key} of {@code model} is written. */
    public Location itemAt(Object model, String key, int index) {
        return reader(model).itemAt(key, index);
    }

    /** Where {@code model}'s mapping starts. */
    public Location of(Object model) {
        return reader(model).anchor();
    }

    public boolean has(Object model, String key) {
        return reader(model).has(key);
    }

    private SectionReader reader(Object model) {
        SectionReader r = readers.get(model);
        if (r == null) {
            throw new IllegalArgumentException("no origin recorded for " + model);
        }
        return r;
    }
}
