package org.anju.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small JSON Schema (2020-12) checker for the keywords the contract's schemas use, written here
 * because no validator library is available offline. A schema using any other keyword is refused,
 * so a schema can never silently say more than is checked.
 */
public final class SchemaChecker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$comment",
            "examples", "$defs", "contentMediaType", "contentSchema", "format");
    private static final Set<String> CHECKED = Set.of("type", "properties", "required", "additionalProperties",
            "enum", "const", "pattern", "minimum", "maximum", "minLength", "maxLength", "items", "minItems",
            "maxItems", "$ref", "oneOf");

    private final JsonNode root;
    private final String name;

    private SchemaChecker(String name, JsonNode root) {
        this.name = name;
        this.root = root;
        checkKeywords(root, "#");
    }

    /** The schema at {@code resource} on the class path, e.g. {@code contract/event-batch.schema.json}. */
    public static SchemaChecker load(String resource) {
        try (InputStream in = SchemaChecker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource);
            }
            return new SchemaChecker(resource, JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalArgumentException(resource + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** Every way {@code json} breaks the schema; empty when it conforms. */
    public List<String> problems(byte[] json) {
        try {
            return problems(JSON.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    public List<String> problems(JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(root, value, "$", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path, problems);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(path + ": expected " + schema.get("type") + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": expected " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
            }
            int length = text.codePointCount(0, text.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(path + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(path + ": longer than " + schema.get("maxLength"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(path + ": below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(path + ": above " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.get("properties");
            if (schema.has("required")) {
                for (JsonNode required : schema.get("required")) {
                    if (!value.has(required.asText())) {
                        problems.add(path + ": missing '" + required.asText() + "'");
                    }
                }
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String at = path + "." + field.getKey();
                if (properties != null && properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at, problems);
                } else if (schema.has("additionalProperties")) {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional.isBoolean() && !additional.asBoolean()) {
                        problems.add(at + ": not allowed");
                    } else if (additional.isObject()) {
                        check(additional, field.getValue(), at, problems);
                    }
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(path + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
                }
            }
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> optionProblems = new ArrayList<>();
                check(option, value, path, optionProblems);
                if (optionProblems.isEmpty()) {
                    matching++;
                } else {
                    why.addAll(optionProblems);
                }
            }
            if (matching != 1) {
                problems.add(path + ": matches " + matching + " of oneOf, not exactly one " + why);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object":
                return value.isObject();
            case "array":
                return value.isArray();
            case "string":
                return value.isTextual();
            case "integer":
                return value.isIntegralNumber();
            case "number":
                return value.isNumber();
            case "boolean":
                return value.isBoolean();
            case "null":
                return value.isNull();
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException(name + ": only local $refs are supported, not " + ref);
        }
        JsonNode node = root.at(ref.substring(1));
        if (node.isMissingNode()) {
            throw new IllegalArgumentException(name + ": $ref " + ref + " points nowhere");
        }
        return node;
    }

    private void checkKeywords(JsonNode schema, String path) {
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> f : schema.properties()) {
            String key = f.getKey();
            if (!ANNOTATIONS.contains(key) && !CHECKED.contains(key)) {
                throw new IllegalArgumentException(name + " " + path + ": keyword '" + key + "' is not checked here");
            }
            if (key.equals("properties") || key.equals("$defs")) {
                f.getValue().properties().forEach(p -> checkKeywords(p.getValue(), path + "/" + key + "/" + p.getKey()));
            } else if (key.equals("items") || key.equals("additionalProperties") || key.equals("contentSchema")) {
                checkKeywords(f.getValue(), path + "/" + key);
            } else if (key.equals("oneOf")) {
                for (JsonNode option : f.getValue()) {
                    checkKeywords(option, path + "/oneOf");
                }
            }
        }
    }
}
