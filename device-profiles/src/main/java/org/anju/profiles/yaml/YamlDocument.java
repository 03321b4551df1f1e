package org.anju.profiles.yaml;

import java.util.List;
import java.util.Optional;

import org.anju.profiles.Problem;

/**
 * The result of reading a YAML file: its root node (empty for an empty file or when the syntax
 * is broken) and the problems found while reading it (syntax, duplicate keys, aliases).
 */
public record YamlDocument(String file, Optional<Node> root, List<Problem> problems) {

    public YamlDocument {
        problems = List.copyOf(problems);
    }
}
