package org.anju.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.vertx.core.json.JsonObject;

/**
 * A fire safety console on the bridge's live stream, as the console page opens it: signed in, a
 * single-use ticket, then Server-Sent Events read line by line. Remembers when each alarm of one
 * gateway arrived (by its seq) and counts the port updates the stream sent.
 */
final class ConsoleStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<Long, Long> alarmsAt = new ConcurrentHashMap<>();
    private final AtomicLong portEvents = new AtomicLong();
    private final Thread reader;
    private volatile Stream<String> lines;

    private ConsoleStream(int port, String ticket, String gateway) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/stream?ticket=" + ticket)).build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the live stream answered " + r.statusCode());
        }
        lines = r.body();
        reader = new Thread(() -> {
            String event = null;
            try {
                for (var it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && "alarm".equals(event)) {
                        long now = System.nanoTime();
                        JsonObject data = new JsonObject(line.substring(6));
                        if (gateway.equals(data.getString("gateway"))) {
                            alarmsAt.putIfAbsent(data.getLong("seq"), now);
                        }
                    } else if (line.startsWith("data: ") && "port".equals(event)) {
                        portEvents.incrementAndGet();
                    }
                }
            } catch (RuntimeException e) {
                // the stream closed
            }
        }, "bench-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Signs in as {@code login} and opens the stream, following the alarms of {@code gateway}. */
    static ConsoleStream open(int port, String login, String password, String gateway) throws IOException, InterruptedException {
        return open(ApiClient.signIn(port, login, password), gateway);
    }

    /** Opens the stream with a session already signed in (a sign-in hashes the password: in a drain, seconds). */
    static ConsoleStream open(ApiClient api, String gateway) throws IOException, InterruptedException {
        String ticket = new JsonObject(api.post("/api/v1/stream/ticket", "")).getString("ticket");
        return new ConsoleStream(api.port(), ticket, gateway);
    }

    /** When the alarm with this seq reached the console (System.nanoTime), or null. */
    Long alarmAt(long seq) {
        return alarmsAt.get(seq);
    }

    long portEvents() {
        return portEvents.get();
    }

    @Override
    public void close() {
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
        reader.interrupt();
    }
}
