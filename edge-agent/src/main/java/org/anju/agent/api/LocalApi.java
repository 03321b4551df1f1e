package org.anju.agent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.anju.agent.command.CommandApi;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.access.AttemptLimiter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's local HTTP API, for installers and the process-level tests. Every request needs
 * the bearer token kept in the gateway's data folder: a device on the building's LAN must not be
 * able to open a door just by reaching the port. Two answers tell nothing about people and need
 * no token: {@code GET /health} (ready or not, and why: for systemd, Prometheus and the installer)
 * and {@code GET /metrics} (Prometheus text).
 *
 * <pre>
 * GET  /api/v1/health                 gateway id, doors and their phase, devices and whether online
 * POST /api/v1/commands               a command as {@link CommandApi} takes it; its reply
 * POST /api/v1/pass/open              {"pass": park-signed TenantPass, "door": id}, no token: see {@link PassOpening}
 * GET  /api/v1/events?after=N&amp;limit=M  outbox events with a sequence number above N, in order
 * </pre>
 */
public final class LocalApi {
    private final Vertx vertx;
    private final byte[] token;
    private final Outbox outbox;
    private final Supplier<JsonObject> health;
    private final Supplier<java.util.concurrent.CompletableFuture<JsonObject>> readiness;
    private final Supplier<String> metrics;
    private volatile PassOpening passes;
    /** Per client address: a phone tries a pass a few times; a script trying passes or tokens is slowed to a crawl. */
    private final AttemptLimiter passAttempts = AttemptLimiter.of(10, Duration.ofMinutes(1));
    private final AttemptLimiter wrongTokens = AttemptLimiter.of(20, Duration.ofMinutes(1));

    /**
     * @param readiness {"ready": bool, "reasons": [...]}: why the gateway is not ready, if it is not
     * @param metrics   the Prometheus text
     */
    public LocalApi(Vertx vertx, String token, Outbox outbox, Supplier<JsonObject> health,
                    Supplier<java.util.concurrent.CompletableFuture<JsonObject>> readiness, Supplier<String> metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.vertx = vertx;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.outbox = outbox;
        this.health = health;
    }

    /** Serves {@code POST /api/v1/pass/open} for park-signed tenant passes (see {@link PassOpening}). */
    public LocalApi withPasses(org.anju.agent.access.PassCheck check, java.util.Map<String, org.anju.agent.door.DoorRuntime> doors,
                               Supplier<java.time.Instant> clock) {
        this.passes = new PassOpening(vertx, check, doors, clock);
        return this;
    }

    public Future<HttpServer> listen(String host, int port) {
        return vertx.createHttpServer().requestHandler(this::handle).listen(port, host);
    }

    private void handle(HttpServerRequest req) {
        if (req.method().name().equals("GET") && req.path().equals("/metrics")) {
            req.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get());
            return;
        }
        if (req.method().name().equals("GET") && req.path().equals("/health")) {
            Future.fromCompletionStage(readiness.get(), vertx.getOrCreateContext())
                    .onComplete(r -> send(req, r.succeeded() && r.result().getBoolean("ready") ? 200 : 503,
                            r.succeeded() ? r.result() : new JsonObject().put("ready", false)));
            return;
        }
        if (req.method().name().equals("POST") && req.path().equals("/api/v1/pass/open")) {
            if (allowed(req, passAttempts, "too many pass attempts from this device")) {
                passOpen(req);
            }
            return;
        }
        String auth = req.getHeader("Authorization");
        if (auth == null || !MessageDigest.isEqual(token, auth.getBytes(StandardCharsets.UTF_8))) {
            if (allowed(req, wrongTokens, "too many requests with a wrong token from this address")) {
                send(req, 401, new JsonObject().put("error", "missing or wrong bearer token (see api.token in the data folder)"));
            }
            return;
        }
        String path = req.path();
        if (req.method().name().equals("GET") && path.equals("/api/v1/health")) {
            send(req, 200, health.get());
        } else if (req.method().name().equals("POST") && path.equals("/api/v1/commands")) {
            command(req);
        } else if (req.method().name().equals("GET") && path.equals("/api/v1/events")) {
            events(req);
        } else {
            send(req, 404, new JsonObject().put("error", "no " + req.method() + " " + path
                    + "; see GET /api/v1/health, POST /api/v1/commands, GET /api/v1/events"));
        }
    }

    /** A tenant's phone with a park-signed pass: no token, the pass is the credential. */
    private void passOpen(HttpServerRequest req) {
        PassOpening p = passes;
        if (p == null) {
            send(req, 404, new JsonObject().put("error", "this gateway takes no passes (the site names no park command keys)"));
            return;
        }
        req.body().onSuccess(buffer -> {
            JsonObject body;
            try {
                body = buffer.length() > 16 * 1024 ? null : buffer.toJsonObject();
            } catch (DecodeException | ClassCastException e) {
                body = null;
            }
            if (body == null) {
                send(req, 400, new JsonObject().put("error", "the body must be a JSON object of at most 16 KiB"));
                return;
            }
            p.open(body).onSuccess(r -> send(req, r.status(), r.body()))
                    .onFailure(e -> send(req, 503, new JsonObject().put("error", "the pass could not be checked now")));
        });
    }

    private void command(HttpServerRequest req) {
        req.body().onSuccess(buffer -> {
            JsonObject body;
            try {
                body = buffer.toJsonObject();
            } catch (DecodeException | ClassCastException e) {
                send(req, 400, new JsonObject().put("error", "the body must be a JSON object: " + e.getMessage()));
                return;
            }
            vertx.eventBus().<JsonObject>request(CommandApi.ADDRESS, body)
                    .onSuccess(reply -> send(req, 200, reply.body()))
                    .onFailure(e -> send(req, 503, new JsonObject().put("error", e.getMessage())));
        });
    }

    private void events(HttpServerRequest req) {
        long after;
        int limit;
        try {
            after = Long.parseLong(req.getParam("after", "0"));
            limit = Math.min(10_000, Integer.parseInt(req.getParam("limit", "1000")));
        } catch (NumberFormatException e) {
            send(req, 400, new JsonObject().put("error", "after and limit must be whole numbers"));
            return;
        }
        Future.fromCompletionStage(outbox.after(after, limit), vertx.getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                send(req, 500, new JsonObject().put("error", done.cause().getMessage()));
                return;
            }
            JsonArray list = new JsonArray();
            for (OutboxEvent e : done.result()) {
                list.add(new JsonObject(Map.of("seq", e.seq(), "ts", e.timestampMillis(), "priority", e.priority().name(),
                        "type", e.type(), "payload", new JsonObject(e.payload()))));
            }
            send(req, 200, new JsonObject().put("events", list));
        });
    }

    /** True if the client may go on; otherwise answers 429 with Retry-After. */
    private static boolean allowed(HttpServerRequest req, AttemptLimiter limiter, String what) {
        String client = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        if (limiter.attempt(client) instanceof AttemptLimiter.Decision.Limited limited) {
            req.response().putHeader("Retry-After", Long.toString(limited.seconds()));
            send(req, 429, new JsonObject().put("error", what + "; try again in " + limited.seconds() + " s")
                    .put("retryAfterSeconds", limited.seconds()));
            return false;
        }
        return true;
    }

    private static void send(HttpServerRequest req, int status, JsonObject body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
