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
 * it was sent, in the order it was sent, each with its id when it has one. Opened with the id it
 * saw last, it is a console that reconnects.
 */
public final class ConsoleFeed implements AutoCloseable {
    /** One event of the stream: its kind (alarm, port, door, gateway, ...), its data and its id (null: none). */
    public record Event(String kind, JsonObject data, Long id) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<Event> events = new ArrayList<>();
    private final Stream<String> lines;

    private ConsoleFeed(Stream<String> lines) {
        this.lines = lines;
        Thread reader = new Thread(() -> {
            String kind = null;
            Long id = null;
            try {
                for (var it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        id = null;
                        kind = null;
                    } else if (line.startsWith("id: ")) {
                        id = Long.valueOf(line.substring(4));
                    } else if (line.startsWith("event: ")) {
                        kind = line.substring(7);
                    } else if (line.startsWith("data: ") && kind != null) {
                        Event e = new Event(kind, new JsonObject(line.substring(6)), id);
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
        return open(port, null);
    }

    /** As {@link #open(int)}, reconnecting: {@code after} is the id of the last event seen (null: none). */
    public static ConsoleFeed open(int port, Long after) throws IOException, InterruptedException {
        String token = new JsonObject(TestPark.call(port, "POST", "/api/v1/login", null,
                new JsonObject().put("login", "admin").put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        String ticket = new JsonObject(TestPark.call(port, "POST", "/api/v1/stream/ticket", token, null).body()).getString("ticket");
        HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/stream?ticket=" + ticket + (after == null ? "" : "&after=" + after))).build(), HttpResponse.BodyHandlers.ofLines());
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

    /** The id of the last event sent that had one, or null. */
    public Long lastId() {
        List<Event> seen = events();
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).id() != null) {
                return seen.get(i).id();
            }
        }
        return null;
    }

    @Override
    public void close() {
        lines.close();
    }
}
