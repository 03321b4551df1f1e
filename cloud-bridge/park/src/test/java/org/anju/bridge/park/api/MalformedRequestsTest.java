package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Every route of the OpenAPI document, as someone probing the park from the Internet would call
 * it: each path parameter replaced by {@code /}, {@code #}, {@code %00}, {@code ..}, an empty
 * string, an overflowing number and a huge string; each query parameter likewise; each body field
 * replaced by an overflowing number, a negative and a fractional one, a boolean, an array, an
 * object, null, an empty, a blank and a huge string and the same special characters; bodies that
 * are not JSON, a JSON array, or empty. Each as every role. Nothing may answer 5xx, and every 4xx
 * says what is wrong in a sentence ({"error": ...} or a command's {"reason": ...}).
 */
@Tag("wire")
class MalformedRequestsTest {
    @TempDir
    static Path dir;
    private static ParkBridge bridge;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final Map<String, String> VALID = new LinkedHashMap<>();
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

    private static final List<String> PATH_VALUES = List.of("%2F", "/", "%23", "%00", "..", "%2E%2E", "%20",
            "99999999999999999999", "-1", "0x10", "x".repeat(3000), "%E4%BD%A0%FF");
    private static final List<Object> BODY_VALUES = List.of(new java.math.BigInteger("99999999999999999999999999"), -1, 1.5,
            true, new JsonArray().add("a"), new JsonObject().put("a", 1), "", "   ", "x".repeat(20_000), "/", "#", "%00", "..",
            "\u0000", "9".repeat(30));

    @BeforeAll
    static void park() throws Exception {
        bridge = TestPark.start(dir, """
                http: {port: 0, doorOpensPerMinute: 600, trustedProxies: [127.0.0.1]}
                buildings:
                  - {id: b07, gateway: gw-b07, doors: [{id: entrance}, {id: room-301, room: "301"}], areas: [{id: shed, piles: [pile-1]}],
                     lifts: [{id: lift-a}]}
                """, Clock.systemUTC());
        String admin = token("admin", TestPark.ADMIN_PASSWORD);
        TOKENS.put("admin", admin);
        String landlord = created(send("POST", "/api/v1/accounts", admin, new JsonObject().put("login", "landlord-f").put("name", "F")
                .put("password", "landlord-f password").put("role", "landlord").encode()));
        created(send("POST", "/api/v1/accounts", admin, new JsonObject().put("login", "officer-f").put("name", "F")
                .put("password", "officer-f password").put("role", "officer").encode()));
        send("PUT", "/api/v1/landlords/" + landlord + "/buildings/b07", admin, null);
        TOKENS.put("landlord", token("landlord-f", "landlord-f password"));
        TOKENS.put("officer", token("officer-f", "officer-f password"));
        JsonObject lease = new JsonObject(send("POST", "/api/v1/leases", TOKENS.get("landlord"), renter().encode()).body());
        TOKENS.put("tenant", new JsonObject(send("POST", "/api/v1/invitations/redeem", null, new JsonObject()
                .put("code", lease.getJsonObject("tenant").getJsonObject("invitation").getString("code"))
                .put("password", "tenant f own phrase").encode()).body()).getString("token"));
        VALID.putAll(Map.of("building", "b07", "door", "room-301", "lease", lease.getJsonObject("lease").getString("id"),
                "landlord", landlord, "account", landlord, "gateway", "gw-b07", "pile", "pile-1", "port", "1", "action", "stop",
                "area", "shed"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static JsonObject renter() {
        return new JsonObject().put("building", "b07").put("room", "301").put("name", "Renter").put("phone", "13900139000")
                .put("idNumber", "110101199003074477").put("cards", new JsonArray().add("3:1001"))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z");
    }

    private static String token(String login, String password) throws Exception {
        return new JsonObject(send("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password)
                .encode()).body()).getString("token");
    }

    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("account");
    }

    /**
     * Each request from its own address behind the "proxy", as hostile clients on the Internet come:
     * a sign-in probe is judged on its form, not refused for the wrong tries of the probes before it
     * (refusals are held a moment, and hundreds in a row would take a minute).
     */
    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        long n = CLIENTS.incrementAndGet();
        return TestPark.call(bridge.port(), method, path, token, body, "X-Forwarded-For",
                "198.18." + (n / 250 % 250) + "." + (n % 250 + 1));
    }

    private static final java.util.concurrent.atomic.AtomicLong CLIENTS = new java.util.concurrent.atomic.AtomicLong();

    /** One request to make: a name for the report, method, path (already encoded) and body. */
    private record Probe(String what, String method, String path, String body) {
    }

    @Test
    void noMalformedRequestToAnyDocumentedRouteIsA5xxAndEvery4xxSaysWhatIsWrong() throws Exception {
        JsonNode doc;
        try (var in = getClass().getResourceAsStream("/park/openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<Probe> probes = new ArrayList<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String template = paths.next();
            if (!template.startsWith("/api/") || template.equals("/api/v1/logout")) {
                continue; // the pages and health have no parameters; signing out would end the probes' sessions
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = doc.path("paths").path(template).fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                probes.addAll(probes(template, op.getKey().toUpperCase(java.util.Locale.ROOT), op.getValue()));
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Probe p : probes) {
            for (Map.Entry<String, String> who : TOKENS.entrySet()) {
                HttpResponse<String> r = send(p.method(), p.path(), who.getValue(), p.body());
                if (r.statusCode() >= 500 || r.statusCode() >= 400 && !saysWhy(r)) {
                    wrong.add(p.what() + " as " + who.getKey() + ": " + r.statusCode() + " " + abbreviate(r.body()));
                }
            }
        }
        assertThat(probes).as("probes made from the document").hasSizeGreaterThan(300);
        assertThat(wrong).isEmpty();
    }

    private static boolean saysWhy(HttpResponse<String> r) {
        try {
            JsonObject body = new JsonObject(r.body());
            String why = body.getString("error", body.getString("reason", ""));
            // a sentence in either language: a Chinese one says as much in a third of the characters
            return why != null && why.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 10;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static List<Probe> probes(String template, String method, JsonNode op) {
        List<Probe> out = new ArrayList<>();
        String validPath = fill(template, Map.of());
        String validBody = validBody(template, op);
        // each path parameter, malformed in turn
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            for (String value : PATH_VALUES) {
                out.add(new Probe(method + " " + template + " " + name + "=" + abbreviate(value), method,
                        fill(template, Map.of(name, value)), validBody));
            }
        }
        // each query parameter
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                for (String value : PATH_VALUES) {
                    out.add(new Probe(method + " " + template + " ?" + p.path("name").asText() + "=" + abbreviate(value), method,
                            validPath + "?" + p.path("name").asText() + "=" + value, validBody));
                }
            }
        }
        // each body field, then bodies that are not what the route reads
        JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            for (Iterator<String> fields = schema.path("properties").fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                for (Object value : BODY_VALUES) {
                    JsonObject body = new JsonObject(validBody).put(field, value);
                    out.add(new Probe(method + " " + template + " body." + field + "=" + abbreviate(String.valueOf(value)), method,
                            validPath, body.encode()));
                }
                if (required(schema, field)) { // leaving out an optional field leaves a well-formed request
                    out.add(new Probe(method + " " + template + " without " + field, method, validPath,
                            new JsonObject(validBody).copy().put(field, (Object) null).encode().replace("\"" + field + "\":null,", "")
                                    .replace(",\"" + field + "\":null", "")));
                }
            }
            boolean bodyOptional = !op.path("requestBody").path("required").asBoolean(true);
            for (String body : List.of("", "not json", "[1,2]", "{", "null", "\"text\"", "{\"a\":" + "[".repeat(5000))) {
                if (!(body.isEmpty() && bodyOptional)) { // no body where none is needed is well formed too
                    out.add(new Probe(method + " " + template + " body " + abbreviate(body), method, validPath, body));
                }
            }
        }
        return out;
    }

    /** Whether the schema lists {@code field} as required; a schema without a {@code required} list needs them all. */
    private static boolean required(JsonNode schema, String field) {
        JsonNode required = schema.path("required");
        if (required.isMissingNode()) {
            return true;
        }
        for (JsonNode r : required) {
            if (r.asText().equals(field)) {
                return true;
            }
        }
        return false;
    }

    /** The path with its parameters' valid values, except those given (used as they are, already encoded). */
    private static String fill(String template, Map<String, String> replaced) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = replaced.containsKey(name) ? replaced.get(name)
                    : URLEncoder.encode(VALID.getOrDefault(name, "x"), StandardCharsets.UTF_8);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A body the route would take, so that one malformed field at a time is what the route sees. */
    private static String validBody(String template, JsonNode op) {
        return switch (template) {
            case "/api/v1/login" -> new JsonObject().put("login", "officer-f").put("password", "wrong but well formed").encode();
            case "/api/v1/invitations/redeem" -> new JsonObject().put("code", "AAAA-BBBB-CCCC").put("password", "a fine phrase here")
                    .encode();
            case "/api/v1/me/password" -> new JsonObject().put("current", "not the password").put("password", "a fine phrase here")
                    .encode();
            case "/api/v1/accounts" -> new JsonObject().put("login", "probe-" + System.nanoTime()).put("name", "Probe")
                    .put("password", "a fine phrase here").put("role", "officer").encode();
            case "/api/v1/leases" -> renter().encode();
            case "/api/v1/alarms/acknowledge" -> new JsonObject().put("gateway", "gw-b07").put("alarm", "pile-1/OVERLOAD/1").encode();
            default -> op.path("requestBody").isMissingNode() ? null : "{}";
        };
    }
}
