package org.anju.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vertx.core.json.JsonObject;

/**
 * A signed-in client of one bridge instance's API, as a console page is: its session token on
 * every call. {@link #timedGet} is what the API benchmarks measure: a request to its whole body read.
 */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String token;

    private ApiClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    static ApiClient signIn(int port, String login, String password) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(port, "/api/v1/login")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("login", login).put("password", password).encode()))
                .build();
        String answer = HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
        String token = new JsonObject(answer).getString("token");
        if (token == null) {
            throw new IllegalStateException("cannot sign in as " + login + ": " + answer);
        }
        return new ApiClient(port, token);
    }

    /** The same session at another instance of the park (sessions are in the park store): no second sign-in. */
    ApiClient on(int otherPort) {
        return new ApiClient(otherPort, token);
    }

    int port() {
        return port;
    }

    String post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** GETs {@code path} and reads the whole answer; its time in ms. Anything but 200 is a failed run, with the answer. */
    double timedGet(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + new String(r.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return ms;
    }

    /**
     * GETs {@code /health}, the HTTP floor, and reads the whole answer; its time in ms. A 503 is an answer too
     * (the bridge says why it is not ready, e.g. while it reconnects to the broker in a drain's first seconds).
     */
    double timedHealth() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = HTTP.send(request("/health").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200 && r.statusCode() != 503) {
            throw new IllegalStateException("GET /health answered " + r.statusCode());
        }
        return ms;
    }

    /** GETs {@code path}: its JSON. */
    JsonObject get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
