package org.anju.profiles.yaml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.anju.profiles.Location;
import org.anju.profiles.Problem;

/**
 * Reads YAML text into a tree of {@link Node}s that remember their line and column. Jackson's
 * YAML parser gives the location of every token; the tree keeps it, so every later message can
 * point at the exact key or value. Reading never throws: broken syntax, a key written twice and
 * an alias (which would hide where a value really comes from) become problems.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    private YamlReader(String file) {
        this.file = file;
    }

    /** Reads {@code text}, naming it {@code file} in every location and problem. */
    public static YamlDocument read(String file, String text) {
        return new YamlReader(file).readDocument(text);
    }

    private YamlDocument readDocument(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlDocument(file, Optional.empty(), problems);
            }
            Node root = readNode(parser, first);
            if (parser.nextToken() != null) {
                problem(location(parser.currentTokenLocation()), "a second YAML document starts here",
                        "keep one document per file and remove the '---' line before this one");
            }
            return new YamlDocument(file, Optional.of(root), problems);
        } catch (JsonProcessingException e) {
            problems.add(YamlSyntax.problem(file, e));
            return new YamlDocument(file, Optional.empty(), problems);
        } catch (IOException e) {
            // The text is already in memory, so Jackson only throws the processing exceptions above.
            throw new IllegalStateException("reading YAML from a string failed", e);
        }
    }

    private Node readNode(JsonParser parser, JsonToken token) throws IOException {
        Location at = location(parser.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> readMap(parser, at);
            case START_ARRAY -> readList(parser, at);
            case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> readText(parser, at);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new ScalarNode(at, parser.getText(), ScalarNode.Style.NUMBER);
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(at, parser.getText(), ScalarNode.Style.BOOLEAN);
            case VALUE_NULL -> new ScalarNode(at, "", ScalarNode.Style.NULL);
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + at);
        };
    }

    private ScalarNode readText(JsonParser parser, Location at) throws IOException {
        String text = parser.getText();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problem(at, "the alias '*" + text + "' is not supported",
                    "write the value out in full, so each entry says what it is where it stands");
            return new ScalarNode(at, text, ScalarNode.Style.ALIAS);
        }
        return new ScalarNode(at, text, ScalarNode.Style.TEXT);
    }

    private MapNode readMap(JsonParser parser, Location at) throws IOException {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = location(parser.currentTokenLocation());
            Node value = readNode(parser, parser.nextToken());
            MapNode.Entry first = entries.get(key);
            if (first != null) {
                problem(keyAt, "the key '" + key + "' is written twice (first at line " + first.keyLocation().line() + ")",
                        "keep one of them");
            } else {
                entries.put(key, new MapNode.Entry(key, keyAt, value));
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected YAML token " + token + " in a mapping at " + at);
        }
        return new MapNode(at, entries);
    }

    private ListNode readList(JsonParser parser, Location at) throws IOException {
        List<Node> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(readNode(parser, token));
        }
        return new ListNode(at, items);
    }

    private Location location(JsonLocation where) {
        return new Location(file, where.getLineNr(), where.getColumnNr());
    }

    private void problem(Location at, String message, String hint) {
        problems.add(new Problem(file, at.line(), at.column(), message, hint));
    }
}
