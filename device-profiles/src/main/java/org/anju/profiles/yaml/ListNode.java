package org.anju.profiles.yaml;

import java.util.List;

import org.anju.profiles.Location;

/** A YAML sequence. */
public record ListNode(Location location, List<Node> items) implements Node {

    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
