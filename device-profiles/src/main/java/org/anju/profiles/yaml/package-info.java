/**
 * YAML read into a tree of {@link Node}s that remember their line and column, so every later check
 * can point at the exact key or value. {@link YamlReader} takes only token locations from Jackson's
 * YAML parser: scalars stay text for the schema to convert by YAML 1.2 rules (no octal, {@code yes}
 * is no boolean), and reading never throws: broken syntax (one actionable line,
 * {@link YamlSyntax}), a key written twice and an alias become problems in the
 * {@link YamlDocument}.
 */
package org.anju.profiles.yaml;
