package org.anju.agent.enroll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A site file's text with its {@code park} section replaced by what enrollment gave and its
 * gateway id set, everything else kept as written (comments, order, the other sections). Pure:
 * text in, text out. The park keys enrollment does not give (the CA file, the offline PIN key,
 * the drain rate ...) are kept from the old section; the broker's user and password too when the
 * park issued none.
 */
public final class SiteParkSection {
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)\\s*:.*");
    /** The park keys enrollment writes; any other key of the old section is kept. */
    private static final Set<String> GIVEN = Set.of("id", "broker", "protocol", "commandKeys");
    private static final Set<String> CREDENTIALS = Set.of("username", "passwordFile", "passwordEnv");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What enrollment gave, as the site file names it. */
    public record Given(String park, String gateway, String brokerUri, String protocol, Credentials credentials,
                        List<CommandKey> commandKeys) {
    }

    /** The broker user and the file with its password, or none (the park issued none: keep what the file had). */
    public record Credentials(String username, String passwordFile) {
    }

    /** A command key and the file (relative to the site file) its PEM is written to. */
    public record CommandKey(String id, String file) {
    }

    private SiteParkSection() {
    }

    /** The site file's top level as read, or an empty mapping for a file that does not exist yet ({@code text} null). */
    public static ObjectNode read(String text) throws JsonProcessingException {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode root = YAML.readTree(text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("it is not a mapping with gateway, park and the rest");
        }
        return (ObjectNode) root;
    }

    /** {@code text} (null: no file yet) with the park section and the gateway id from {@code given}. */
    public static String rewrite(String text, Given given) throws JsonProcessingException {
        ObjectNode root = read(text);
        List<String> lines = new ArrayList<>(text == null ? List.of() : text.lines().toList());
        JsonNode gateway = root.path("gateway");
        if (!gateway.isObject()) {
            lines.add(0, "gateway:");
            lines.add(1, "  id: " + quoted(given.gateway()));
        } else if (!given.gateway().equals(gateway.path("id").asText(null))) {
            replaceBlock(lines, "gateway", gatewayBlock((ObjectNode) gateway, given.gateway()));
        }
        List<String> park = parkBlock(root.path("park"), given);
        if (!replaceBlock(lines, "park", park)) {
            int after = blockEnd(lines, blockStart(lines, "gateway"));
            lines.addAll(after, park);
        }
        return String.join("\n", lines) + "\n";
    }

    private static List<String> gatewayBlock(ObjectNode old, String id) throws JsonProcessingException {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        entries.put("id", JsonNodeFactory.instance.textNode(id));
        old.fields().forEachRemaining(e -> entries.putIfAbsent(e.getKey(), e.getValue()));
        List<String> out = new ArrayList<>(List.of("gateway:"));
        for (var e : entries.entrySet()) {
            out.add("  " + e.getKey() + ": " + flow(e.getValue()));
        }
        return out;
    }

    private static List<String> parkBlock(JsonNode old, Given given) throws JsonProcessingException {
        List<String> out = new ArrayList<>();
        out.add("park:");
        out.add("  id: " + quoted(given.park()));
        out.add("  broker: " + quoted(given.brokerUri()));
        out.add("  protocol: " + quoted(given.protocol()));
        if (given.credentials() != null) {
            out.add("  username: " + quoted(given.credentials().username()));
            out.add("  passwordFile: " + quoted(given.credentials().passwordFile()));
        }
        if (old.isObject()) {
            var fields = old.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                boolean credential = CREDENTIALS.contains(e.getKey());
                if (!GIVEN.contains(e.getKey()) && !(credential && given.credentials() != null)) {
                    out.add("  " + e.getKey() + ": " + flow(e.getValue()));
                }
            }
        }
        out.add("  commandKeys:");
        for (CommandKey k : given.commandKeys()) {
            out.add("    - {id: " + quoted(k.id()) + ", file: " + quoted(k.file()) + "}");
        }
        return out;
    }

    /** A value on one line: JSON is YAML's flow style. */
    private static String flow(JsonNode value) throws JsonProcessingException {
        return JSON.writeValueAsString(value);
    }

    private static String quoted(String s) throws JsonProcessingException {
        return JSON.writeValueAsString(s);
    }

    /** Replaces the top-level block {@code key} (its line and every line up to the next top-level key); false if none. */
    private static boolean replaceBlock(List<String> lines, String key, List<String> block) {
        int start = blockStart(lines, key);
        if (start < 0) {
            return false;
        }
        int end = blockEnd(lines, start);
        lines.subList(start, end).clear();
        lines.addAll(start, block);
        return true;
    }

    private static int blockStart(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            var m = TOP_KEY.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The line after the block that starts at {@code start}: the next top-level key, or the end (trailing comments stay below). */
    private static int blockEnd(List<String> lines, int start) {
        if (start < 0) {
            return 0;
        }
        int end = start + 1;
        while (end < lines.size() && !TOP_KEY.matcher(lines.get(end)).matches() && !lines.get(end).startsWith("---")) {
            end++;
        }
        while (end > start + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
            end--;
        }
        return end;
    }
}
