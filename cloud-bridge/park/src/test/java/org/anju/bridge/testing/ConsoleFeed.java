package org.anju.bridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.vertx.core.json.JsonObject;

/**
 * A console on the park's live stream, opened as the console page opens it (signed in as the
 * test park's admin, a single-use ticket, then Server-Sent Events read line by line): every event
 * it was sent, in the order it was sent.
 */
public final class ConsoleFeed implements AutoCloseable {
    /** One event of the stream: its kind (alarm, port, door, gateway, ...) and its data. */
    public record Event(String kind, JsonObject data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<Event> events = new ArrayList<>();
    private final Stream<String> lines;

    private ConsoleFeed(Stream<String> lines) {
        this.lines = lines;
        Thread reader = new Thread(() -> {
            String kind = null;
            try {
                for (var it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.startsWith("event: ")) {
                        kind = line.substring(7);
                    } else if (line.startsWith("data: ") && kind != null) {
                        Event e = new Event(kind, new JsonObject(line.substring(6)));
                        synchronized (events) {
                            events.add(e);
                        }
                    }
                }
            } catch (RuntimeException closed) {
                // the stream ended
            }
        }, "console-feed");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream of the bridge on {@code port} as the admin of {@link TestPark}. */
    public static ConsoleFeed open(int port) throws IOException, InterruptedException {
        String token = new JsonObject(TestPark.call(port, "POST", "/api/v1/login", null,
                new JsonObject().put("login", "admin").put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        String ticket = new JsonObject(TestPark.call(port, "POST", "/api/v1/stream/ticket", token, null).body()).getString("ticket");
        HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/stream?ticket=" + ticket)).build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the live stream answered " + r.statusCode());
        }
        return new ConsoleFeed(r.body());
    }

    /** What the console was sent so far, in order. */
    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
