package org.anju.bridge.park.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads {@code park.yaml} into a {@link ParkConfig}, or says what is wrong: each problem names the
 * file, the key's path and what would be right. Relative paths are resolved against the file's
 * folder. Nothing is opened or created here.
 */
public final class ParkConfigLoader {
    private static final Pattern ID = ParkConfig.Building.ID;
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}");
    private static final Pattern PUBLIC_URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?/?");

    public sealed interface Result {
        record Loaded(ParkConfig config) implements Result {
        }

        record Invalid(List<String> problems) implements Result {
        }
    }

    private final Path file;
    private final Path dir;
    private final List<String> problems = new ArrayList<>();

    private ParkConfigLoader(Path file) {
        this.file = file;
        this.dir = file.toAbsolutePath().getParent();
    }

    public static Result load(Path file) {
        return new ParkConfigLoader(file).read();
    }

    private Result read() {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            return new Result.Invalid(List.of(file + ": cannot read it as YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (root == null || !root.isObject()) {
            return new Result.Invalid(List.of(file + ": expected a mapping with park, broker, store, http, keys"));
        }
        known(root, "", ParkYamlKeys.children(""));
        String park = id(root, "park");
        String instance = root.has("instance") ? id(root, "instance") : "bridge-1";
        java.time.ZoneId zone = timeZone(root);
        java.time.Duration retention = retention(root);
        ParkConfig.Broker broker = broker(object(root, "broker"));
        ParkConfig.Store store = store(object(root, "store"));
        ParkConfig.Http http = http(root.path("http"));
        ParkConfig.Keys keys = keys(object(root, "keys"));
        List<ParkConfig.Building> buildings = buildings(root.path("buildings"));
        JsonNode admin = root.has("admin") ? object(root, "admin") : null;
        if (admin != null) {
            known(admin, "admin.", ParkYamlKeys.children("admin"));
        }
        ParkConfig.Admin first = admin == null ? null
                : new ParkConfig.Admin(id(admin, "admin.login"), path(admin, "admin.passwordFile"));
        if (!problems.isEmpty()) {
            return new Result.Invalid(List.copyOf(problems));
        }
        return new Result.Loaded(new ParkConfig(park, instance, broker, store, http, keys, buildings, first, zone,
                retention));
    }

    private java.time.Duration retention(JsonNode root) {
        if (!root.has("retention")) {
            return java.time.Duration.ofDays(ParkConfig.DEFAULT_ACCESS_HISTORY_DAYS);
        }
        JsonNode r = object(root, "retention");
        if (r == null) {
            return java.time.Duration.ofDays(ParkConfig.DEFAULT_ACCESS_HISTORY_DAYS);
        }
        known(r, "retention.", ParkYamlKeys.children("retention"));
        JsonNode days = r.path("accessHistoryDays");
        if (days.isMissingNode()) {
            return java.time.Duration.ofDays(ParkConfig.DEFAULT_ACCESS_HISTORY_DAYS);
        }
        if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > 3650) {
            problem("retention.accessHistoryDays", "must be a whole number of days from 1 to 3650",
                    "e.g. 180 (the default) keeps an ended renter's access history half a year");
            return java.time.Duration.ofDays(ParkConfig.DEFAULT_ACCESS_HISTORY_DAYS);
        }
        return java.time.Duration.ofDays(days.asInt());
    }

    private java.time.ZoneId timeZone(JsonNode root) {
        if (!root.has("timeZone")) {
            return ParkConfig.DEFAULT_TIME_ZONE;
        }
        String name = root.path("timeZone").asText("");
        try {
            return java.time.ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            problem("timeZone", "'" + name + "' is not a time zone", "write a region such as Asia/Shanghai");
            return ParkConfig.DEFAULT_TIME_ZONE;
        }
    }

    private ParkConfig.Broker broker(JsonNode b) {
        if (b == null) {
            return null;
        }
        known(b, "broker.", ParkYamlKeys.children("broker"));
        if (b.has("shared") && !b.path("shared").isBoolean()) {
            problem("broker.shared", "must be true or false", "true (the default) lets several instances share the load");
        }
        String protocol = b.path("protocol").asText("mqtt5");
        if (!protocol.equals("mqtt5") && !protocol.equals("mqtt311")) {
            problem("broker.protocol", "'" + protocol + "' is not mqtt5 or mqtt311",
                    "mqtt5 (the default); mqtt311 only for Moquette, which speaks nothing newer");
        }
        if (protocol.equals("mqtt311") && b.path("shared").asBoolean(true)) {
            problem("broker.shared", "MQTT 3.1.1 has no shared subscriptions (a broker takes $share/ literally and"
                    + " delivers nothing)", "write shared: false and run one instance, or use MQTT 5");
        }
        String uri = text(b, "broker.uri");
        if (uri != null && !uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            problem("broker.uri", "'" + uri + "' is not a tcp:// or ssl:// URL", "write e.g. ssl://mqtt.park.example:8883");
        }
        if (b.has("passwordFile") && !b.has("username")) {
            problem("broker.passwordFile", "a password needs a username", "add broker.username");
        }
        ParkConfig.Live live = new ParkConfig.Live(Optional.empty(), Optional.empty());
        if (b.has("live")) {
            JsonNode l = object(b, "live");
            if (l != null) {
                known(l, "broker.live.", ParkYamlKeys.children("broker.live"));
                live = new ParkConfig.Live(optionalText(l, "username"), optionalPath(l, "passwordFile"));
            }
        }
        int receiveMaximum = b.path("receiveMaximum").asInt(ParkConfig.Broker.DEFAULT_RECEIVE_MAXIMUM);
        if (b.has("receiveMaximum") && (!b.path("receiveMaximum").isInt() || receiveMaximum < 1 || receiveMaximum > 65_535)) {
            problem("broker.receiveMaximum", "must be a whole number from 1 to 65535",
                    ParkConfig.Broker.DEFAULT_RECEIVE_MAXIMUM + " (the default) keeps the store busy and the heap small");
        }
        Optional<String> gatewayUri = optionalText(b, "gatewayUri");
        if (gatewayUri.isPresent() && !gatewayUri.get().startsWith("tcp://") && !gatewayUri.get().startsWith("ssl://")) {
            problem("broker.gatewayUri", "'" + gatewayUri.get() + "' is not a tcp:// or ssl:// URL",
                    "write the address gateways reach the broker at, e.g. ssl://mqtt.park.example:8883");
        }
        Optional<ParkConfig.Dynsec> dynsec = Optional.empty();
        if (b.has("dynsec")) {
            JsonNode d = object(b, "dynsec");
            if (d != null) {
                known(d, "broker.dynsec.", ParkYamlKeys.children("broker.dynsec"));
                String adminUser = text(d, "broker.dynsec.adminUser");
                Path adminPasswordFile = path(d, "broker.dynsec.adminPasswordFile");
                if (adminUser != null && adminPasswordFile != null) {
                    dynsec = Optional.of(new ParkConfig.Dynsec(adminUser, adminPasswordFile));
                }
            }
        }
        return new ParkConfig.Broker(uri, optionalText(b, "username"), optionalPath(b, "passwordFile"),
                optionalPath(b, "caFile"), b.path("shared").asBoolean(true), protocol, live, receiveMaximum, gatewayUri, dynsec);
    }

    private ParkConfig.Store store(JsonNode s) {
        if (s == null) {
            return null;
        }
        known(s, "store.", ParkYamlKeys.children("store"));
        if (s.has("sqlite") == s.has("postgres")) {
            problem("store", "give exactly one of sqlite and postgres", "sqlite: park.db for one instance, postgres: for several");
            return null;
        }
        if (s.has("sqlite")) {
            return new ParkConfig.Store.Sqlite(path(s, "store.sqlite"));
        }
        JsonNode pg = object(s, "postgres");
        if (pg == null) {
            return null;
        }
        known(pg, "store.postgres.", ParkYamlKeys.children("store.postgres"));
        String url = text(pg, "store.postgres.url");
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            problem("store.postgres.url", "'" + url + "' is not a PostgreSQL JDBC URL", "write jdbc:postgresql://HOST:5432/DATABASE");
        }
        return new ParkConfig.Store.Postgres(url, text(pg, "store.postgres.user"), path(pg, "store.postgres.passwordFile"));
    }

    private ParkConfig.Http http(JsonNode h) {
        if (h.isMissingNode()) {
            return new ParkConfig.Http("127.0.0.1", 8090, ParkConfig.Http.DEFAULT_DOOR_OPENS_PER_MINUTE);
        }
        known(h, "http.", ParkYamlKeys.children("http"));
        int port = h.path("port").asInt(8090);
        if (!h.path("port").isMissingNode() && (!h.path("port").isInt() || port < 0 || port > 65535)) {
            problem("http.port", "must be 0 to 65535", "0 takes a free port, printed at start");
        }
        int opens = h.path("doorOpensPerMinute").asInt(ParkConfig.Http.DEFAULT_DOOR_OPENS_PER_MINUTE);
        if (!h.path("doorOpensPerMinute").isMissingNode() && (!h.path("doorOpensPerMinute").isInt() || opens < 1 || opens > 600)) {
            problem("http.doorOpensPerMinute", "must be a whole number from 1 to 600",
                    "how many doors one tenant may open a minute through the API; 10 if not given");
        }
        Optional<ParkConfig.Tls> tls = Optional.empty();
        if (h.has("tls")) {
            JsonNode t = object(h, "tls");
            if (t != null) {
                known(t, "http.tls.", ParkYamlKeys.children("http.tls"));
                tls = Optional.of(new ParkConfig.Tls(path(t, "http.tls.certFile"), path(t, "http.tls.keyFile")));
            }
        }
        List<String> proxies = addresses(h, "trustedProxies", "write e.g. [127.0.0.1] for a proxy on this machine",
                "write the proxy's address as it connects, e.g. 127.0.0.1 or 10.0.0.5");
        List<String> metricsFrom = addresses(h, "metricsFrom", "write e.g. [10.0.0.9] for the Prometheus server",
                "write the scraper's address as the park sees it (behind a listed proxy, the client's), e.g. 10.0.0.9");
        Optional<String> publicUrl = optionalText(h, "publicUrl");
        if (publicUrl.isPresent() && !PUBLIC_URL.matcher(publicUrl.get()).matches()) {
            problem("http.publicUrl", "'" + publicUrl.get() + "' is not an http(s) address without a path",
                    "write e.g. https://anju.park.example");
            publicUrl = Optional.empty();
        }
        if (h.has("bind") && !h.path("bind").asText().startsWith("127.") && tls.isEmpty() && proxies.isEmpty()) {
            problem("http.tls", "the API listens on " + h.path("bind").asText() + " in plain HTTP",
                    "give http.tls {certFile, keyFile}, or put a TLS reverse proxy in front and list it in http.trustedProxies"
                            + " (see cloud-bridge/README.md)");
        }
        return new ParkConfig.Http(h.path("bind").asText("127.0.0.1"), port, opens, tls, List.copyOf(proxies), publicUrl,
                List.copyOf(metricsFrom));
    }

    /** The list of IP addresses at {@code http.KEY}; each one that is not, a problem. */
    private List<String> addresses(JsonNode h, String key, String listHint, String addressHint) {
        List<String> out = new ArrayList<>();
        JsonNode p = h.path(key);
        if (!p.isMissingNode()) {
            if (!p.isArray()) {
                problem("http." + key, "must be a list of addresses", listHint);
            } else {
                p.forEach(a -> {
                    if (!a.isTextual() || !ADDRESS.matcher(a.asText()).matches()) {
                        problem("http." + key, "'" + a.asText() + "' is not an IP address", addressHint);
                    } else {
                        out.add(a.asText());
                    }
                });
            }
        }
        return out;
    }

    private ParkConfig.Keys keys(JsonNode k) {
        if (k == null) {
            return null;
        }
        known(k, "keys.", ParkYamlKeys.children("keys"));
        return new ParkConfig.Keys(id(k, "keys.commandKeyId"), path(k, "keys.commandKeyFile"), path(k, "keys.dataKeyFile"),
                path(k, "keys.sessionKeyFile"), optionalPath(k, "offlinePinKeyFile"));
    }

    private List<ParkConfig.Building> buildings(JsonNode list) {
        List<ParkConfig.Building> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out; // the buildings are in the park store, managed by the admin
        }
        if (!list.isArray()) {
            problem("buildings", "must be a list of buildings to import into the park store once",
                    "- {id: b07, name: Building 7, gateway: gw-b07, doors: [...]}, or leave it out and add buildings on the admin page");
            return out;
        }
        Set<String> ids = new HashSet<>();
        Set<String> gateways = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            String at = "buildings[" + i + "].";
            known(b, at, ParkYamlKeys.children("buildings[]"));
            String id = id(b, at + "id");
            String gateway = id(b, at + "gateway");
            if (id != null && !ids.add(id)) {
                problem(at + "id", "building " + id + " is listed twice", "give each building its own id");
            }
            if (gateway != null && !gateways.add(gateway)) {
                problem(at + "gateway", "gateway " + gateway + " already serves another building", "one gateway per building");
            }
            List<ParkConfig.Door> doors = items(b.path("doors"), at + "doors", (d, where) -> {
                known(d, where + ".", ParkYamlKeys.children("buildings[].doors[]"));
                Optional<String> room = optionalText(d, "room");
                String kind = d.path("kind").asText(room.isPresent() ? "room" : "entrance");
                if (!ParkConfig.Door.KINDS.contains(kind) || room.isPresent() != kind.equals("room")) {
                    problem(where + ".kind", "a door's kind is entrance, gate or shed (a door with a room is a room's door), not '"
                            + kind + "'", "kind: shed");
                }
                return new ParkConfig.Door(id(d, where + ".id"), room, kind);
            });
            List<ParkConfig.Area> areas = items(b.path("areas"), at + "areas", (a, where) -> {
                known(a, where + ".", ParkYamlKeys.children("buildings[].areas[]"));
                List<String> piles = new ArrayList<>();
                a.path("piles").forEach(p -> piles.add(p.asText()));
                return new ParkConfig.Area(id(a, where + ".id"), piles);
            });
            List<String> lifts = items(b.path("lifts"), at + "lifts", (l, where) -> {
                known(l, where + ".", ParkYamlKeys.children("buildings[].lifts[]"));
                return id(l, where + ".id");
            });
            lifts.removeIf(java.util.Objects::isNull); // reported already
            Optional<String> village = optionalText(b, "village");
            if (village.isPresent() && (village.get().isBlank() || village.get().length() > 64)) {
                problem(at + "village", "a village is named in 1 to 64 characters", "village: Dongfeng village 5");
            }
            out.add(new ParkConfig.Building(id, b.path("name").asText(id), gateway, doors, areas,
                    optionalPath(b, "gatewayKeyFile"), lifts, village));
        }
        return out;
    }

    private interface Item<T> {
        T read(JsonNode node, String where);
    }

    private <T> List<T> items(JsonNode list, String where, Item<T> item) {
        List<T> out = new ArrayList<>();
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            problem(where, "must be a list", "write each item on its own line starting with '- '");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(item.read(list.get(i), where + "[" + i + "]"));
        }
        return out;
    }

    private void known(JsonNode node, String prefix, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                String hint = key.toLowerCase(java.util.Locale.ROOT).contains("password") && !key.endsWith("File")
                        ? "never write a secret here: use passwordFile"
                        : "the keys here are: " + String.join(", ", keys.stream().sorted().toList());
                problem(prefix + key, "unknown key", hint);
            }
        }
    }

    private JsonNode object(JsonNode parent, String key) {
        JsonNode n = parent.path(key);
        if (!n.isObject()) {
            problem(key, n.isMissingNode() ? "missing" : "must be a mapping", "see cloud-bridge/README.md for park.yaml");
            return null;
        }
        return n;
    }

    private String text(JsonNode parent, String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        JsonNode n = parent.path(key);
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(path, n.isMissingNode() ? "missing" : "must be text", "add " + key + ": ...");
            return null;
        }
        return n.asText();
    }

    private String id(JsonNode parent, String path) {
        String value = text(parent, path);
        if (value != null && !ID.matcher(value).matches()) {
            problem(path, "'" + value + "' is not an id", "letters, digits, '-' and '_', e.g. gw-b07");
            return null;
        }
        return value;
    }

    private Path path(JsonNode parent, String path) {
        return Optional.ofNullable(text(parent, path)).map(this::resolve).orElse(null);
    }

    private Optional<String> optionalText(JsonNode parent, String key) {
        return parent.has(key) ? Optional.of(parent.path(key).asText()) : Optional.empty();
    }

    private Optional<Path> optionalPath(JsonNode parent, String key) {
        return optionalText(parent, key).map(this::resolve);
    }

    private Path resolve(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : dir.resolve(path).normalize();
    }

    private void problem(String key, String what, String hint) {
        problems.add(file + ": " + key + ": " + what + "; " + hint);
    }

}
