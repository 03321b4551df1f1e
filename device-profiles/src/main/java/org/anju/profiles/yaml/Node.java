package org.anju.profiles.yaml;

import org.anju.profiles.Location;

/**
 * A YAML node that remembers where it was written, so every later check can name the file, the
 * line and the column of what it complains about.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

    Location location();

    /** How the node reads in a message: "a mapping", "a list", or the scalar as written. */
    String describe();
}
