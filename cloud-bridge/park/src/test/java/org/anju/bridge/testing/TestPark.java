package org.anju.bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;

import io.vertx.core.json.JsonObject;

/**
 * A park bridge for the API tests: its key files and first admin written into a folder, park.yaml
 * from the test's own http, broker and buildings lines, started with a cheap hash; and plain HTTP
 * calls to it with a token and extra headers.
 */
public final class TestPark {
    public static final String ADMIN_PASSWORD = "admin password here";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestPark() {
    }

    /** Writes the command, data, session and offline PIN keys and the admin's password file; returns park.yaml's keys and admin lines. */
    public static String keys(Path dir) throws IOException {
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPrivate()));
        Files.writeString(dir.resolve("data.key"), "33".repeat(32));
        Files.writeString(dir.resolve("session.key"), "44".repeat(32));
        Files.writeString(dir.resolve("admin.password"), ADMIN_PASSWORD + "\n");
        Files.writeString(dir.resolve("offline.key"), "55".repeat(32));
        return """
                keys: {commandKeyId: k1, commandKeyFile: command.pem, dataKeyFile: data.key, sessionKeyFile: session.key,
                       offlinePinKeyFile: offline.key}
                admin: {login: admin, passwordFile: admin.password}
                """;
    }

    /** park.yaml in {@code dir}: park p1, no broker, SQLite, the keys, and {@code rest} (http and buildings lines). */
    public static Path yaml(Path dir, String rest) throws IOException {
        return Files.writeString(dir.resolve("park.yaml"), "park: p1\nbroker: {uri: tcp://park-broker.invalid}\n"
                + "store: {sqlite: park.db}\n" + keys(dir) + rest);
    }

    /** Starts the bridge of {@link #yaml}, or fails saying why. */
    public static ParkBridge start(Path dir, String rest, Clock clock) throws IOException {
        return started(yaml(dir, rest), clock);
    }

    /**
     * A park {@code huaqiao} on a real broker ({@code broker} is the broker mapping's content, e.g.
     * {@code uri: } and the test broker's own URI, bound on a free port) whose command key is the test park's
     * ({@link Uplinks#PARK_KEY}, so uplinks built by {@link Uplinks} trust its receipts); the file
     * {@code gw-b07.pub.pem} holds the test gateway's key for {@code buildings} to name.
     */
    public static ParkBridge onBroker(Path dir, String broker, String buildings) throws IOException {
        String keys = trustedKeys(dir);
        Files.writeString(dir.resolve("gw-b07.pub.pem"), Ed25519Keys.toPem(Uplinks.GATEWAY_KEY.getPublic()));
        return started(Files.writeString(dir.resolve("park.yaml"), "park: huaqiao\nbroker: {" + broker + "}\n"
                + "store: {sqlite: park.db}\nhttp: {port: 0}\n" + keys + "buildings: " + buildings + "\n"), Clock.systemUTC());
    }

    /**
     * One instance {@code instance} of the park {@code huaqiao} on the shared PostgreSQL {@code pg}, its files in
     * {@code home}: the test park's command key as {@link #onBroker} has it, {@code gateway.pub.pem} holding the
     * test gateway's key for {@code buildings} (park.yaml's list) to name. Two calls with two homes make the
     * two instances of one park that the cross-instance tests need.
     */
    public static ParkBridge onPostgres(Path home, String instance, String brokerUri, PostgresServer pg, String buildings)
            throws IOException {
        String keys = trustedKeys(home);
        Files.writeString(home.resolve("gateway.pub.pem"), Ed25519Keys.toPem(Uplinks.GATEWAY_KEY.getPublic()));
        pg.passwordFile(home);
        return started(Files.writeString(home.resolve("park.yaml"), """
                park: huaqiao
                instance: %s
                broker: {uri: "%s"}
                store: {postgres: {url: "%s", user: %s, passwordFile: pg-password}}
                http: {port: 0}
                %sbuildings: %s
                """.formatted(instance, brokerUri, pg.jdbcUrl(), pg.user(), keys, buildings)), Clock.systemUTC());
    }

    /** {@link #keys} in {@code dir} (made if missing), the command key replaced by the test park's. */
    private static String trustedKeys(Path dir) throws IOException {
        Files.createDirectories(dir);
        String keys = keys(dir).replace("commandKeyId: k1", "commandKeyId: " + Uplinks.PARK_KEY_ID);
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(Uplinks.PARK_KEY.getPrivate()));
        return keys;
    }

    private static ParkBridge started(Path yaml, Clock clock) throws IOException {
        ParkConfigLoader.Result loaded = ParkConfigLoader.load(yaml);
        if (!(loaded instanceof ParkConfigLoader.Result.Loaded ok)) {
            throw new IllegalStateException(loaded.toString());
        }
        ParkBridge.Start start = ParkBridge.start(ok.config(), clock, 10_000);
        if (!(start instanceof ParkBridge.Start.Started started)) {
            throw new IllegalStateException(start.toString());
        }
        return started.bridge();
    }

    /** The first admin's session token at the bridge on {@code port} (the admin {@link #keys} writes). */
    public static String adminToken(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = call(port, "POST", "/api/v1/login", null,
                new JsonObject().put("login", "admin").put("password", ADMIN_PASSWORD).encode());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the admin's sign-in answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body()).getString("token");
    }

    /** A GET that must be answered 200: its JSON body. */
    public static JsonObject getOk(int port, String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = call(port, "GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** A GET that is refused: its status, after checking the refusal says in a sentence what was wrong. */
    public static int refused(int port, String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = call(port, "GET", path, token, null);
        assertThat(new JsonObject(response.body()).getString("error"))
                .as("one sentence saying what was wrong").isNotBlank();
        return response.statusCode();
    }

    /** A JSON call to the bridge on {@code port}; {@code headers} in pairs (name, value). */
    public static HttpResponse<String> call(int port, String method, String path, String token, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
