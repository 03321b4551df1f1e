package org.anju.profiles.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.anju.profiles.Problems;
import org.anju.profiles.yaml.ListNode;
import org.anju.profiles.Location;
import org.anju.profiles.yaml.MapNode;
import org.anju.profiles.yaml.Node;
import org.anju.profiles.yaml.ScalarNode;

/**
 * Reads one YAML mapping against its {@link Section}: on creation it reports unknown keys (with a
 * "did you mean"), missing keys, and scalars of the wrong type or out of range, all at once. The
 * binder then takes the converted values (or the defaults) and builds its record only when
 * {@link #failed()} is false, so no record is ever built from a broken value.
 */
public final class SectionReader {
    /** Keys that would hold a secret: these never belong in a file that is copied around. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|psk|private.?key|api.?key).*");

    private final Section section;
    private final MapNode node;
    private final Location anchor;
    private final Problems problems;
    private final Origins origins;
    private final Map<String, Object> values = new HashMap<>();
    private boolean failed;

    private SectionReader(Section section, MapNode node, Location anchor, Problems problems, Origins origins) {
        this.section = section;
        this.node = node;
        this.anchor = anchor;
        this.problems = problems;
        this.origins = origins;
        check();
    }

    /**
     * Reads the top of a file. A top that is not a mapping is reported at the start of the file
     * and gives no reader.
     */
    public static Optional<SectionReader> root(Section section, Node root, Problems problems, Origins origins) {
        if (root instanceof MapNode map) {
            return Optional.of(new SectionReader(section, map, map.location(), problems, origins));
        }
        problems.add(root.location(), "the file must hold a mapping of keys, not " + root.describe(),
                "start with the keys of " + section.name() + ": " + String.join(", ", requiredKeys(section)));
        return Optional.empty();
    }

    private void check() {
        for (MapNode.Entry entry : node.entries().values()) {
            Optional<Field> field = section.field(entry.key());
            if (field.isEmpty()) {
                unknownKey(entry);
            } else {
                checkValue(field.get(), entry);
            }
        }
        for (Field f : section.fields()) {
            if (f.required() && !node.has(f.key())) {
                fail(anchor, "missing key '" + f.key() + "'", "add " + f.key() + ": " + expectation(f.type()));
            }
        }
    }

    private void unknownKey(MapNode.Entry entry) {
        String key = entry.key();
        if (SECRET.matcher(key).matches()) {
            boolean hasRefs = section.field(key + "File").isPresent() && section.field(key + "Env").isPresent();
            problems.add(entry.keyLocation(), "'" + key + "' would put a secret in this file",
                    hasRefs ? "write " + key + "File: PATH or " + key + "Env: VARIABLE instead, so the secret stays out of the file"
                            : "keep secrets out of this file: the gateway reads them from a file or an environment variable");
            failed = true; // the section's other checks would only add noise to this one mistake
            return;
        }
        String hint = Spelling.closest(key, section.keys()).map(k -> "did you mean '" + k + "'?")
                .orElse("the keys here are: " + String.join(", ", section.keys()));
        problems.add(entry.keyLocation(), "unknown key '" + key + "'", hint);
    }

    private void checkValue(Field field, MapNode.Entry entry) {
        Node value = entry.value();
        String key = field.key();
        if (value instanceof ScalarNode alias && alias.isAlias()) {
            failed = true;
            return;
        }
        if (value instanceof ScalarNode s && s.isNull()) {
            fail(s.location(), key + " has no value", "write " + expectation(field.type()) + (field.required() ? "" : ", or remove the key"));
            return;
        }
        FieldType type = field.type();
        if (type instanceof ScalarType scalar) {
            if (!(value instanceof ScalarNode s)) {
                fail(value.location(), key + " must be " + scalar.noun() + ", not " + value.describe(), "write " + scalar.expectation());
                return;
            }
            Conversion c = scalar.convert(key, s);
            if (c instanceof Conversion.Bad bad) {
                fail(s.location(), bad.message(), bad.hint());
            } else {
                values.put(key, ((Conversion.Ok) c).value());
            }
        } else if (type instanceof FieldType.MapType) {
            if (!(value instanceof MapNode)) {
                fail(value.location(), key + " must be a mapping, not " + value.describe(), "write " + expectation(type));
            }
        } else if (type instanceof FieldType.ListType) {
            if (!(value instanceof ListNode)) {
                fail(value.location(), key + " must be a list, not " + value.describe(), "write " + expectation(type));
            }
        } else if (type instanceof FieldType.ScalarListType list) {
            checkScalarList(key, list, value);
        }
    }

    private void checkScalarList(String key, FieldType.ScalarListType list, Node value) {
        if (!(value instanceof ListNode items)) {
            fail(value.location(), key + " must be a list, not " + value.describe(), "write " + expectation(list));
            return;
        }
        List<Object> converted = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Node item : items.items()) {
            if (item instanceof ScalarNode alias && alias.isAlias()) {
                failed = true;
                continue;
            }
            if (!(item instanceof ScalarNode s) || s.isNull()) {
                fail(item.location(), "each item of " + key + " must be " + list.element().noun() + ", not " + item.describe(),
                        "write " + list.element().expectation());
                continue;
            }
            Conversion c = list.element().convert(key, s);
            if (c instanceof Conversion.Bad bad) {
                fail(s.location(), bad.message(), bad.hint());
            } else {
                Object v = ((Conversion.Ok) c).value();
                if (list.unique() && !seen.add(v)) {
                    problems.add(s.location(), s.text() + " is listed twice in " + key, "list it once");
                }
                converted.add(v);
            }
        }
        values.put(key, List.copyOf(converted));
    }

    private static String expectation(FieldType type) {
        if (type instanceof ScalarType s) {
            return s.expectation();
        }
        if (type instanceof FieldType.MapType m) {
            return "a mapping with " + String.join(", ", requiredOrAll(m.section()));
        }
        if (type instanceof FieldType.ListType l) {
            return "a list of mappings with " + String.join(", ", requiredOrAll(l.section()));
        }
        FieldType.ScalarListType list = (FieldType.ScalarListType) type;
        return "a list of " + list.element().noun() + " items, e.g. [a, b]";
    }

    private static List<String> requiredKeys(Section s) {
        return s.fields().stream().filter(Field::required).map(Field::key).toList();
    }

    private static List<String> requiredOrAll(Section s) {
        List<String> required = requiredKeys(s);
        return required.isEmpty() ? s.keys() : required;
    }

    private void fail(Location at, String message, String hint) {
        problems.add(at, message, hint);
        failed = true;
    }

    /** True when a value this section needs is missing or unusable, so its record must not be built. */
    public boolean failed() {
        return failed;
    }

    /** Reports a problem found by the binder at {@code key}'s value and marks the section failed. */
    public void reject(String key, String message, String hint) {
        fail(at(key), message, hint);
    }

    /**
     * Marks the section failed without a problem of its own, because it depends on something
     * broken elsewhere whose problem is already reported (e.g. a profile file that does not load).
     */
    public void failQuietly() {
        failed = true;
    }

    /** Reports a problem that does not stop the record from being built (the file is still invalid). */
    public void complain(Location at, String message, String hint) {
        problems.add(at, message, hint);
    }

    public Problems problems() {
        return problems;
    }

    /** Remembers that {@code model} was read from this mapping, for later messages; returns it. */
    public <T> T remember(T model) {
        origins.remember(model, this);
        return model;
    }

    public Origins origins() {
        return origins;
    }

    public boolean has(String key) {
        declared(key);
        return node.has(key);
    }

    /** Where the mapping starts: missing keys are reported here. */
    public Location anchor() {
        return anchor;
    }

    /** Where {@code key}'s value is written, or the mapping's anchor when the key is absent. */
    public Location at(String key) {
        return node.get(key).map(Node::location).orElse(anchor);
    }

    /** Where item {@code index} of list {@code key} is written, or the key's place. */
    public Location itemAt(String key, int index) {
        Optional<Node> list = node.get(key);
        if (list.isPresent() && list.get() instanceof ListNode l && index < l.items().size()) {
            return l.items().get(index).location();
        }
        return at(key);
    }

    /** The converted value of a scalar key, its default when absent, null when neither (or broken). */
    public <T> T get(String key, Class<T> type) {
        Field f = declared(key);
        Object v = values.containsKey(key) ? values.get(key) : node.has(key) ? null : f.defaultValue();
        return v == null ? null : type.cast(v);
    }

    public <T> Optional<T> optional(String key, Class<T> type) {
        return Optional.ofNullable(get(key, type));
    }

    public String text(String key) {
        return get(key, String.class);
    }

    public Integer integer(String key) {
        return get(key, Integer.class);
    }

    public Double number(String key) {
        return get(key, Double.class);
    }

    public Duration duration(String key) {
        return get(key, Duration.class);
    }

    public Boolean bool(String key) {
        return get(key, Boolean.class);
    }

    /** A choice key as the enum constant whose kebab-case name was written ({@code fail-secure} is FAIL_SECURE). */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String text = text(key);
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (ScalarType.ChoiceType.yamlName(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalStateException(section.name() + "." + key + ": choice " + text + " has no constant in " + type);
    }

    /** The converted items of a scalar list key; empty when absent or broken. */
    @SuppressWarnings("unchecked")
    public <T> List<T> list(String key, Class<T> type) {
        declared(key);
        Object v = values.get(key);
        return v == null ? List.of() : ((List<Object>) v).stream().map(type::cast).toList();
    }

    /**
     * Binds the mapping under {@code key} with {@code bind}; empty when the key is absent. A child
     * that is present but does not bind makes this section failed too, so no record is built
     * with a part silently missing.
     */
    public <T> Optional<T> child(String key, Section childSection, Function<SectionReader, Optional<T>> bind) {
        declared(key);
        Optional<Node> value = node.get(key);
        if (value.isEmpty() || !(value.get() instanceof MapNode map)) {
            return Optional.empty();
        }
        MapNode.Entry entry = node.entries().get(key);
        Optional<T> bound = bind.apply(new SectionReader(childSection, map, entry.keyLocation(), problems, origins));
        if (bound.isEmpty()) {
            failed = true;
        }
        return bound;
    }

    /**
     * Binds each mapping of the list under {@code key}. Items that do not bind are left out (their
     * problems are reported); the rest are still returned so later checks see them.
     */
    public <T> List<T> items(String key, Section itemSection, Function<SectionReader, Optional<T>> bind) {
        declared(key);
        Optional<Node> value = node.get(key);
        if (value.isEmpty() || !(value.get() instanceof ListNode list)) {
            return List.of();
        }
        List<T> bound = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof MapNode map) {
                bind.apply(new SectionReader(itemSection, map, map.location(), problems, origins)).ifPresent(bound::add);
            } else {
                problems.add(item.location(), "each item of " + key + " must be a mapping, not " + item.describe(),
                        "write the keys of each item after its '- ': " + String.join(", ", requiredOrAll(itemSection)));
            }
        }
        return bound;
    }

    /** The text of {@code key} even when this section failed, e.g. the id of a broken device. */
    public Optional<String> textAsWritten(String key) {
        declared(key);
        return node.get(key).filter(n -> n instanceof ScalarNode s && !s.isNull()).map(n -> ((ScalarNode) n).text());
    }

    private Field declared(String key) {
        return section.field(key).orElseThrow(() -> new IllegalArgumentException(section.name() + " declares no key " + key));
    }
}
