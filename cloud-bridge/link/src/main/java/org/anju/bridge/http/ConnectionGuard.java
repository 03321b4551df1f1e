package org.anju.bridge.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * What an HTTP server facing an untrusted network needs before any route runs: at most
 * {@code maxConnections} open connections, and {@code maxPerAddress} from one client address; a
 * connection must finish its request's headers within {@code headerTimeout} (the first request and
 * every next one on a kept-alive connection), and its body within {@code bodyTimeout} of the
 * headers; otherwise it is closed. A slow client ("slowloris") therefore holds a connection for
 * seconds, not for ever, and a flood of them from one address cannot take every connection.
 * Answers themselves may take long (a command waiting on a door, an event stream): only what the
 * client sends is timed.
 *
 * <p>Each connection is checked once a second on its own event loop; nothing here blocks.
 */
public final class ConnectionGuard {

    /** The limits; {@link #DEFAULTS} suit a gateway's and a park's API alike. */
    public record Limits(int maxConnections, int maxPerAddress, Duration headerTimeout, Duration bodyTimeout) {
        public static final Limits DEFAULTS = new Limits(256, 32, Duration.ofSeconds(10), Duration.ofSeconds(15));
    }

    private final Vertx vertx;
    private final Limits limits;
    /** Peers whose connections are not capped per address (a reverse proxy carries everyone's). */
    private final java.util.function.Predicate<String> uncapped;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();

    /** A connection's state: waiting for headers since {@code since}, or serving {@code current}. */
    private static final class Watch {
        volatile long since;
        volatile HttpServerRequest current;
        long timer;
    }

    public ConnectionGuard(Vertx vertx, Limits limits, java.util.function.Predicate<String> uncapped) {
        this.vertx = vertx;
        this.limits = limits;
        this.uncapped = uncapped;
    }

    public ConnectionGuard(Vertx vertx, Limits limits) {
        this(vertx, limits, peer -> false);
    }

    /**
     * A server with these limits around {@code handler}; {@code options} gain an idle timeout and
     * header size limits unless already set.
     */
    public HttpServer server(HttpServerOptions options, Handler<HttpServerRequest> handler) {
        // without the h2c preface detector a connection is an HTTP/1.1 connection from its first
        // moment, so a client that connects and sends nothing is counted and timed as well
        options.setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) Math.max(limits.bodyTimeout().toSeconds(), 1) * 2)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
                .setMaxHeaderSize(Math.min(options.getMaxHeaderSize(), 8192))
                .setMaxInitialLineLength(Math.min(options.getMaxInitialLineLength(), 4096))
                .setSslHandshakeTimeout(limits.headerTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        return vertx.createHttpServer(options).connectionHandler(this::connected).requestHandler(req -> {
            Watch w = watches.get(req.connection());
            if (w != null) {
                w.since = System.nanoTime();
                w.current = req;
            }
            handler.handle(req);
        });
    }

    private void connected(HttpConnection conn) {
        String peer = conn.remoteAddress() == null ? "unknown" : conn.remoteAddress().hostAddress();
        AtomicInteger mine = perAddress.computeIfAbsent(peer, p -> new AtomicInteger());
        int all = open.incrementAndGet();
        int fromPeer = mine.incrementAndGet();
        Watch w = new Watch();
        w.since = System.nanoTime();
        watches.put(conn, w);
        conn.closeHandler(v -> {
            open.decrementAndGet();
            if (mine.decrementAndGet() <= 0) {
                perAddress.remove(peer, mine);
            }
            Watch gone = watches.remove(conn);
            if (gone != null) {
                vertx.cancelTimer(gone.timer);
            }
        });
        if (all > limits.maxConnections() || fromPeer > limits.maxPerAddress() && !uncapped.test(peer)) {
            refused.incrementAndGet();
            conn.close();
            return;
        }
        w.timer = vertx.setPeriodic(1000, t -> check(conn, w));
    }

    private void check(HttpConnection conn, Watch w) {
        long now = System.nanoTime();
        HttpServerRequest req = w.current;
        if (req != null && req.response().ended()) {
            w.current = null;
            w.since = now;
            req = null;
        }
        if (req == null) {
            if (now - w.since > limits.headerTimeout().toNanos()) {
                timedOut.incrementAndGet();
                conn.close();
            }
        } else if (!req.isEnded() && now - w.since > limits.bodyTimeout().toNanos()) {
            timedOut.incrementAndGet();
            conn.close();
        }
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** Connections refused at once for being over a cap, since start. */
    public int refused() {
        return refused.get();
    }

    /** Connections closed for sending their headers or body too slowly, since start. */
    public int timedOut() {
        return timedOut.get();
    }
}
