package org.anju.bridge.park.buildings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.i18n.Catalog;
import org.anju.bridge.park.store.BuildingStore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A building as the admin sends it ({@code {id, name, gateway, village, gatewayKey, doors: [{id,
 * room, kind}], areas: [{id, piles}], lifts}}), checked by the rules park.yaml's buildings are
 * held to (ids, door kinds, one room to a room's door, a village's length) and those the store
 * needs (an Ed25519 public key, nothing twice within the building): either the building, or every
 * problem, each naming its field (the request's key, {@code doors[2].kind}) and the catalog's code
 * of why. Whether the id and the gateway are free is the store's to say. Pure: no I/O.
 */
public final class BuildingForm {
    static final int MAX_TEXT = 64;
    static final int MAX_DOORS = 500;
    static final int MAX_AREAS = 64;
    static final int MAX_PILES = 64;
    static final int MAX_LIFTS = 32;
    private static final Set<String> KEYS = Set.of("id", "name", "gateway", "village", "gatewayKey", "doors", "areas",
            "lifts", "version");
    private static final Set<String> DOOR_KEYS = Set.of("id", "room", "kind");
    private static final Set<String> AREA_KEYS = Set.of("id", "piles");
    private static final Pattern ITEM = Pattern.compile("(doors|areas|lifts)\\[(\\d+)](?:\\.(id|room|kind|piles)(?:\\[(\\d+)])?)?");

    /** One problem: the field's key, the catalog's code of why, its placeholders' names and values. */
    public record Problem(String field, String code, Object... args) {
    }

    public sealed interface Checked {
        /** {@code version}: the version the change was made from (0 when the request gave none). */
        record Valid(ParkConfig.Building building, long version) implements Checked {
        }

        record Invalid(List<Problem> problems) implements Checked {
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    private BuildingForm() {
    }

    /**
     * Checks {@code body}; {@code kept} is the building as stored when this changes it (its key
     * file from park.yaml stays), empty when it adds one.
     */
    public static Checked check(JsonObject body, Optional<ParkConfig.Building> kept) {
        return new BuildingForm().read(body, kept);
    }

    private Checked read(JsonObject body, Optional<ParkConfig.Building> kept) {
        unknown(body, "", KEYS);
        String id = id(body.getValue("id"), "id");
        String name = body.getValue("name") == null && id != null ? id : text(body.getValue("name"), "name");
        String gateway = id(body.getValue("gateway"), "gateway");
        Optional<String> village = body.getValue("village") == null || "".equals(body.getValue("village"))
                ? Optional.empty() : Optional.ofNullable(text(body.getValue("village"), "village"));
        Optional<String> key = key(body.getValue("gatewayKey"));
        long version = 0;
        Object v = body.getValue("version");
        if (v != null) {
            if (!(v instanceof Number n) || n.longValue() < 1 || n.doubleValue() != n.longValue()) {
                problems.add(new Problem("version", "buildings.err.version"));
            } else {
                version = n.longValue();
            }
        }
        List<ParkConfig.Door> doors = doors(body.getValue("doors"));
        List<ParkConfig.Area> areas = areas(body.getValue("areas"));
        List<String> lifts = new ArrayList<>();
        JsonArray liftList = list(body.getValue("lifts"), "lifts", MAX_LIFTS);
        Set<String> liftIds = new HashSet<>();
        for (int i = 0; i < liftList.size(); i++) {
            String lift = id(liftList.getValue(i), "lifts[" + i + "]");
            if (lift != null && !liftIds.add(lift)) {
                problems.add(new Problem("lifts[" + i + "]", "buildings.err.twice", "id", lift));
            } else if (lift != null) {
                lifts.add(lift);
            }
        }
        if (!problems.isEmpty()) {
            return new Checked.Invalid(List.copyOf(problems));
        }
        return new Checked.Valid(new ParkConfig.Building(id, name, gateway, doors, areas,
                kept.flatMap(ParkConfig.Building::gatewayKeyFile), lifts, village, key), version);
    }

    private List<ParkConfig.Door> doors(Object value) {
        List<ParkConfig.Door> out = new ArrayList<>();
        JsonArray list = list(value, "doors", MAX_DOORS);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "doors[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject d)) {
                problems.add(new Problem(at, "buildings.err.item"));
                continue;
            }
            unknown(d, at + ".", DOOR_KEYS);
            String id = id(d.getValue("id"), at + ".id");
            if (id != null && !ids.add(id)) {
                problems.add(new Problem(at + ".id", "buildings.err.twice", "id", id));
            }
            Optional<String> room = d.getValue("room") == null || "".equals(d.getValue("room"))
                    ? Optional.empty() : Optional.ofNullable(text(d.getValue("room"), at + ".room"));
            Object k = d.getValue("kind");
            String kind = k == null || "".equals(k) ? room.isPresent() ? "room" : "entrance" : k instanceof String s ? s : "?";
            if (kind.equals("room") && (d.getValue("room") == null || "".equals(d.getValue("room")))) {
                problems.add(new Problem(at + ".room", "buildings.err.roomless")); // the room is what is missing
            } else if (!ParkConfig.Door.KINDS.contains(kind) || room.isPresent() != kind.equals("room")) {
                problems.add(new Problem(at + ".kind", "buildings.err.kind"));
            }
            out.add(new ParkConfig.Door(id, room, kind));
        }
        return out;
    }

    private List<ParkConfig.Area> areas(Object value) {
        List<ParkConfig.Area> out = new ArrayList<>();
        JsonArray list = list(value, "areas", MAX_AREAS);
        Set<String> ids = new HashSet<>();
        Map<String, String> areaOfPile = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "areas[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject a)) {
                problems.add(new Problem(at, "buildings.err.item"));
                continue;
            }
            unknown(a, at + ".", AREA_KEYS);
            String id = id(a.getValue("id"), at + ".id");
            if (id != null && !ids.add(id)) {
                problems.add(new Problem(at + ".id", "buildings.err.twice", "id", id));
            }
            List<String> piles = new ArrayList<>();
            JsonArray pileList = list(a.getValue("piles"), at + ".piles", MAX_PILES);
            for (int j = 0; j < pileList.size(); j++) {
                String pile = id(pileList.getValue(j), at + ".piles[" + j + "]");
                if (pile == null) {
                    continue;
                }
                String other = areaOfPile.putIfAbsent(pile, String.valueOf(id));
                if (other != null) {
                    problems.add(new Problem(at + ".piles[" + j + "]", "buildings.err.pileTwice", "pile", pile, "area", other));
                } else {
                    piles.add(pile);
                }
            }
            out.add(new ParkConfig.Area(id, piles));
        }
        return out;
    }

    private Optional<String> key(Object value) {
        if (value == null || "".equals(value)) {
            return Optional.empty();
        }
        if (!(value instanceof String pem) || pem.length() > 1_000) {
            problems.add(new Problem("gatewayKey", "buildings.err.key"));
            return Optional.empty();
        }
        try {
            Ed25519Keys.publicFromPem(pem, "gatewayKey");
            return Optional.of(pem.strip() + "\n");
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("gatewayKey", "buildings.err.key"));
            return Optional.empty();
        }
    }

    private JsonArray list(Object value, String field, int max) {
        if (value == null) {
            return new JsonArray();
        }
        if (!(value instanceof JsonArray list)) {
            problems.add(new Problem(field, "buildings.err.list"));
            return new JsonArray();
        }
        if (list.size() > max) {
            problems.add(new Problem(field, "buildings.err.tooMany", "max", max));
            return new JsonArray();
        }
        return list;
    }

    private String id(Object value, String field) {
        if (value == null || "".equals(value)) {
            problems.add(new Problem(field, "buildings.err.required"));
            return null;
        }
        if (!(value instanceof String s) || !ParkConfig.Building.ID.matcher(s).matches()) {
            problems.add(new Problem(field, "buildings.err.id"));
            return null;
        }
        return s;
    }

    private String text(Object value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            problems.add(new Problem(field, "buildings.err.required"));
            return null;
        }
        if (!(value instanceof String s) || s.strip().length() > MAX_TEXT || s.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Problem(field, "buildings.err.text", "max", MAX_TEXT));
            return null;
        }
        return s.strip();
    }

    private void unknown(JsonObject o, String prefix, Set<String> keys) {
        for (String k : o.fieldNames()) {
            if (!keys.contains(k)) {
                problems.add(new Problem(prefix + k, "buildings.err.unknown", "keys", String.join(", ", keys.stream().sorted().toList())));
            }
        }
    }

    /**
     * The problems of park.yaml's buildings by these rules, one line each in English naming the key
     * ({@code buildings[1].doors[0].id: ...}); none when every building may be imported.
     */
    public static List<String> problemsOf(List<ParkConfig.Building> fromYaml) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fromYaml.size(); i++) {
            ParkConfig.Building b = fromYaml.get(i);
            JsonObject json = new JsonObject().put("id", b.id()).put("name", b.name()).put("gateway", b.gateway())
                    .put("village", b.village().orElse(null)).put("gatewayKey", b.gatewayKey().orElse(null))
                    .mergeIn(BuildingStore.layout(b));
            if (check(json, Optional.of(b)) instanceof Checked.Invalid invalid) {
                for (Problem p : invalid.problems()) {
                    out.add("buildings[" + i + "]." + p.field() + ": " + text(Catalog.Lang.EN, p, p.field()));
                }
            }
        }
        return out;
    }

    /**
     * A problem as people read it, in {@code lang}: "第 3 扇门的类型：须为入口、闸机或车棚；…", the field
     * named as people know it ({@code unnamed} for a key the form does not know).
     */
    public static String text(Catalog.Lang lang, Problem p, String unnamed) {
        Catalog catalog = Catalog.park();
        Problem label = label(p.field());
        String field = label.code() == null ? unnamed : catalog.text(lang, label.code(), label.args());
        return catalog.text(lang, "buildings.problem", "field", field, "problem", catalog.text(lang, p.code(), p.args()));
    }

    /**
     * The catalog's name for people of a field ({@code buildings.field.*}) and its placeholders:
     * {@code doors[2].kind} is "the 3rd door's kind"; a key the form does not know is named as sent.
     */
    public static Problem label(String field) {
        Matcher m = ITEM.matcher(field);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(2)) + 1;
            String what = m.group(1).substring(0, m.group(1).length() - 1);
            if (m.group(4) != null) {
                return new Problem(field, "buildings.field.pile", "n", n, "m", Integer.parseInt(m.group(4)) + 1);
            }
            return new Problem(field, "buildings.field." + what + (m.group(3) == null ? "" : "." + m.group(3)), "n", n);
        }
        return KEYS.contains(field) || Set.of("doors", "areas", "lifts").contains(field)
                ? new Problem(field, "buildings.field." + field) : new Problem(field, null);
    }
}
