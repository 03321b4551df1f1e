package org.anju.profiles.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.Location;

/** A YAML mapping; entries keep the order they were written in and where each key stands. */
public record MapNode(Location location, Map<String, Entry> entries) implements Node {

    /** One key and its value; {@code keyLocation} points at the key, the value knows its own place. */
    public record Entry(String key, Location keyLocation, Node value) {
    }

    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
