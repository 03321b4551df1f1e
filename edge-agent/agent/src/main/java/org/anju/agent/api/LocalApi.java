package org.anju.agent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.anju.agent.command.CommandApi;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.access.AttemptLimiter;
import org.anju.bridge.http.ClientAddress;
import org.anju.bridge.http.ConnectionGuard;
import org.anju.bridge.http.SecurityHeaders;
import org.anju.profiles.model.Endpoints.MetricsAccess;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The gateway's local HTTP API, for installers, tenants' phones on the building's Wi-Fi and the
 * process-level tests. The building's network is not trusted: every route bounds its body before
 * reading it (vertx-web's {@link BodyHandler}; over the limit is 413 and the connection is
 * closed), slow or idle clients are cut off and connections are capped ({@link ConnectionGuard}),
 * and everything but the pass endpoint and the health answer needs the bearer token kept in the
 * gateway's data folder, so a device on the LAN cannot open a door by reaching the port.
 *
 * <pre>
 * GET  /health                        ready or not and why (no token: for systemd, Prometheus, the installer)
 * GET  /metrics                       Prometheus text: from the gateway itself (127.0.0.1, ::1) or with the token,
 *                                     or from anyone when the site file says endpoints.localApi.metrics: open
 * GET  /api/v1/health                 gateway id, doors and their phase, devices and whether online
 * POST /api/v1/commands               a command as {@link CommandApi} takes it; its reply (body up to 64 KiB)
 * POST /api/v1/pass/open              {"pass": park-signed TenantPass, "door": id}, no token: see {@link PassOpening}
 *                                     (body up to 16 KiB)
 * GET  /api/v1/events?after=N&amp;limit=M  outbox events with a sequence number above N, in order
 * GET  /api/v1/occupancy              each building's count inside; the renters inside only during a fire alarm
 * </pre>
 */
public final class LocalApi {
    static final int PASS_BODY_LIMIT = 16 * 1024;
    static final int COMMAND_BODY_LIMIT = 64 * 1024;
    /** A GET has no body worth reading; a few bytes are tolerated, not buffered beyond this. */
    static final int NO_BODY_LIMIT = 1024;

    private final Vertx vertx;
    private final byte[] token;
    private final Outbox outbox;
    private final Supplier<JsonObject> health;
    private final Supplier<CompletableFuture<JsonObject>> readiness;
    private final Supplier<String> metrics;
    private final ClientAddress clients = ClientAddress.direct();
    private final SecurityHeaders headers = SecurityHeaders.plain();
    private volatile PassOpening passes;
    private volatile Supplier<JsonObject> occupancy = () -> new JsonObject().put("buildings", new io.vertx.core.json.JsonArray());
    private volatile MetricsAccess metricsAccess = MetricsAccess.TOKEN;
    private volatile ConnectionGuard guard;
    /** Per client address: a phone tries a pass a few times; a script trying passes or tokens is slowed to a crawl. */
    private final AttemptLimiter passAttempts = AttemptLimiter.of(10, Duration.ofMinutes(1));
    private final AttemptLimiter wrongTokens = AttemptLimiter.of(20, Duration.ofMinutes(1));

    /**
     * @param readiness {"ready": bool, "reasons": [...]}: why the gateway is not ready, if it is not
     * @param metrics   the Prometheus text
     */
    public LocalApi(Vertx vertx, String token, Outbox outbox, Supplier<JsonObject> health,
                    Supplier<CompletableFuture<JsonObject>> readiness, Supplier<String> metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.vertx = vertx;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.outbox = outbox;
        this.health = health;
    }

    /** Serves {@code POST /api/v1/pass/open} for park-signed tenant passes (see {@link PassOpening}). */
    public LocalApi withPasses(org.anju.agent.access.PassCheck check, Map<String, org.anju.agent.door.DoorRuntime> doors,
                               Supplier<java.time.Instant> clock) {
        this.passes = new PassOpening(vertx, check, doors, clock);
        return this;
    }

    /** Serves {@code GET /api/v1/occupancy}: the counts, and the renters inside only while a fire alarm is on. */
    public LocalApi withOccupancy(Supplier<JsonObject> view) {
        this.occupancy = view;
        return this;
    }

    /** Who may read {@code /metrics} (the site's {@code endpoints.localApi.metrics}). */
    public LocalApi withMetrics(MetricsAccess access) {
        this.metricsAccess = access;
        return this;
    }

    public Future<HttpServer> listen(String host, int port) {
        guard = new ConnectionGuard(vertx, ConnectionGuard.Limits.DEFAULTS);
        return guard.server(new HttpServerOptions(), router()).listen(port, host);
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            headers.apply(ctx.response(), true);
            ctx.next();
        });
        route(router, HttpMethod.GET, "/health", NO_BODY_LIMIT, this::ready);
        route(router, HttpMethod.GET, "/metrics", NO_BODY_LIMIT, this::metrics);
        route(router, HttpMethod.POST, "/api/v1/pass/open", PASS_BODY_LIMIT, ctx -> {
            if (allowed(ctx, passAttempts, "too many pass attempts from this device")) {
                passOpen(ctx);
            }
        });
        route(router, HttpMethod.GET, "/api/v1/health", NO_BODY_LIMIT, authorized(ctx -> send(ctx, 200, health.get())));
        route(router, HttpMethod.POST, "/api/v1/commands", COMMAND_BODY_LIMIT, authorized(this::command));
        route(router, HttpMethod.GET, "/api/v1/events", NO_BODY_LIMIT, authorized(this::events));
        route(router, HttpMethod.GET, "/api/v1/occupancy", NO_BODY_LIMIT, authorized(ctx -> send(ctx, 200, occupancy.get())));
        router.route().handler(BodyHandler.create(false).setBodyLimit(NO_BODY_LIMIT)).handler(ctx -> send(ctx, 404,
                error("no " + ctx.request().method() + " " + ctx.request().path()
                        + "; see GET /health, GET /api/v1/health, POST /api/v1/commands, GET /api/v1/events, GET /api/v1/occupancy")));
        router.route().failureHandler(this::failed);
        return router;
    }

    private static void route(Router router, HttpMethod method, String path, int bodyLimit, Handler<RoutingContext> handler) {
        router.route(method, path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(handler);
    }

    /** 413 and the like from the body handler, 405 from the router: one sentence, and an oversized upload is cut off. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String message = switch (status) {
            case 413 -> "the body is larger than this endpoint takes (16 KiB for a pass, 64 KiB for a command, none for a GET)";
            case 405 -> ctx.request().method() + " is not served at " + ctx.request().path();
            case 400 -> "the request is malformed";
            default -> "the request failed";
        };
        if (ctx.response().ended()) {
            return;
        }
        if (status == 413) {
            ctx.response().putHeader("Connection", "close").endHandler(v -> ctx.request().connection().close());
        }
        send(ctx, status, error(message));
    }

    private void ready(RoutingContext ctx) {
        Future.fromCompletionStage(readiness.get(), vertx.getOrCreateContext())
                .onComplete(r -> send(ctx, r.succeeded() && r.result().getBoolean("ready") ? 200 : 503,
                        r.succeeded() ? r.result() : new JsonObject().put("ready", false)));
    }

    /** Door and alarm counters are the building's business: the gateway itself, the token's holder, or an opened site. */
    private void metrics(RoutingContext ctx) {
        boolean loopback = ctx.request().connection().remoteAddress() != null
                && ClientAddress.isLoopback(ctx.request().connection().remoteAddress().hostAddress());
        if (metricsAccess == MetricsAccess.OPEN || loopback || tokenMatches(ctx)) {
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get());
        } else if (allowed(ctx, wrongTokens, "too many requests with a wrong token from this address")) {
            send(ctx, 401, error("/metrics needs the bearer token from this address (or endpoints.localApi.metrics: open"
                    + " in the site file)"));
        }
    }

    private boolean tokenMatches(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        return auth != null && MessageDigest.isEqual(token, auth.getBytes(StandardCharsets.UTF_8));
    }

    private Handler<RoutingContext> authorized(Handler<RoutingContext> then) {
        return ctx -> {
            if (tokenMatches(ctx)) {
                then.handle(ctx);
            } else if (allowed(ctx, wrongTokens, "too many requests with a wrong token from this address")) {
                send(ctx, 401, error("missing or wrong bearer token (see api.token in the data folder)"));
            }
        };
    }

    /** A tenant's phone with a park-signed pass: no token, the pass is the credential. */
    private void passOpen(RoutingContext ctx) {
        PassOpening p = passes;
        if (p == null) {
            send(ctx, 404, error("this gateway takes no passes (the site names no park command keys)"));
            return;
        }
        JsonObject body = jsonObject(ctx);
        if (body == null) {
            send(ctx, 400, error("the body must be a JSON object of at most 16 KiB"));
            return;
        }
        p.open(body).onSuccess(r -> send(ctx, r.status(), r.body()))
                .onFailure(e -> send(ctx, 503, error("the pass could not be checked now")));
    }

    private void command(RoutingContext ctx) {
        JsonObject body = jsonObject(ctx);
        if (body == null) {
            send(ctx, 400, error("the body must be a JSON object of at most 64 KiB"));
            return;
        }
        vertx.eventBus().<JsonObject>request(CommandApi.ADDRESS, body)
                .onSuccess(reply -> send(ctx, 200, reply.body()))
                .onFailure(e -> send(ctx, 503, error(e.getMessage())));
    }

    /** The body as a JSON object, or null if it is not one. */
    private static JsonObject jsonObject(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void events(RoutingContext ctx) {
        long after;
        int limit;
        try {
            after = Long.parseLong(ctx.request().getParam("after", "0"));
            limit = Integer.parseInt(ctx.request().getParam("limit", "1000"));
        } catch (NumberFormatException e) {
            send(ctx, 400, error("after and limit must be whole numbers"));
            return;
        }
        if (after < 0 || limit < 1) {
            send(ctx, 400, error("after is 0 or more, limit 1 or more"));
            return;
        }
        Future.fromCompletionStage(outbox.after(after, Math.min(10_000, limit)), vertx.getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                send(ctx, 503, error("the event store is not answering: " + done.cause().getMessage()));
                return;
            }
            JsonArray list = new JsonArray();
            for (OutboxEvent e : done.result()) {
                list.add(new JsonObject(Map.of("seq", e.seq(), "ts", e.timestampMillis(), "priority", e.priority().name(),
                        "type", e.type(), "payload", new JsonObject(e.payload()))));
            }
            send(ctx, 200, new JsonObject().put("events", list));
        });
    }

    /** True if the client may go on; otherwise answers 429 with Retry-After. */
    private boolean allowed(RoutingContext ctx, AttemptLimiter limiter, String what) {
        if (limiter.attempt(clients.of(ctx.request())) instanceof AttemptLimiter.Decision.Limited limited) {
            ctx.response().putHeader("Retry-After", Long.toString(limited.seconds()));
            send(ctx, 429, error(what + "; try again in " + limited.seconds() + " s").put("retryAfterSeconds", limited.seconds()));
            return false;
        }
        return true;
    }

    private static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
        }
    }

    /** The connection guard's counters, for tests and health: open, refused at once, timed out. */
    ConnectionGuard guard() {
        return guard;
    }
}
