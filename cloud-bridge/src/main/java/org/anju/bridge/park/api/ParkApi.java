package org.anju.bridge.park.api;

import java.util.function.Supplier;

import org.anju.bridge.park.auth.Role;
import org.anju.bridge.park.live.LiveFeed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The park's HTTP API under {@code /api/v1} (documented in {@code park/openapi.yaml}, which a test
 * holds to these routes): accounts, the tenant's phone, the landlord's portal, the fire safety
 * console, and a live stream of alarms and state changes as Server-Sent Events. Bodies over
 * 64 KiB are refused before they are read.
 */
public final class ParkApi {
    private static final long MAX_BODY = 64 * 1024;

    private final Vertx vertx;
    private final ApiContext api;
    private final Supplier<JsonObject> health;
    private final Supplier<String> metrics;

    public ParkApi(Vertx vertx, org.anju.bridge.park.config.ParkConfig config,
                   org.anju.bridge.park.store.ParkDatabase db, org.anju.bridge.park.store.IngestStore ingest,
                   org.anju.bridge.park.store.PeopleStore people, org.anju.bridge.park.command.CommandSender commands,
                   org.anju.bridge.park.roster.RosterSync roster, org.anju.bridge.park.auth.SessionTokens tokens,
                   org.anju.bridge.park.auth.PasswordHasher hasher, org.anju.bridge.park.privacy.FieldCipher cipher,
                   Supplier<JsonObject> health, Supplier<String> metrics, PassIssuer passes) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.api = new ApiContext(config, db, ingest, people, commands, roster, tokens, hasher, cipher,
                offlinePinSecret(config), passes);
        this.health = health;
    }

    /** The park's offline PIN secret, read at start; null when the park has none (or in route-only tests). */
    private static byte[] offlinePinSecret(org.anju.bridge.park.config.ParkConfig config) {
        if (config == null || config.keys().offlinePinKeyFile().isEmpty()) {
            return null;
        }
        try {
            return java.util.HexFormat.of().parseHex(java.nio.file.Files.readString(config.keys().offlinePinKeyFile().get()).strip());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("keys.offlinePinKeyFile: cannot read 64 hex digits from "
                    + config.keys().offlinePinKeyFile().get() + " (" + e.getMessage() + ")");
        }
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        router.get("/health").handler(ctx -> {
            JsonObject h = health.get();
            Http.json(ctx, h.getBoolean("ready", true) ? 200 : 503, h);
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get()));
        new AccountRoutes(api).mount(router);
        new TenantRoutes(api).mount(router);
        new LandlordRoutes(api).mount(router);
        new OfficerRoutes(api).mount(router);
        router.get("/api/v1/stream").handler(this::stream);
        // the pages: static files from the jar, no build step; they use the API like any client
        router.get("/").handler(ctx -> ctx.redirect("/index.html"));
        // libraries the pages use, from their WebJars on the class path (versioned paths: cache them)
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
        router.route("/*").handler(StaticHandler.create("park/web").setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
        router.route("/api/*").last().handler(ctx -> Http.error(ctx, 404, "no " + ctx.request().method() + " "
                + ctx.request().path() + "; see the API's openapi.yaml"));
        router.route().failureHandler(ctx -> Http.error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                ctx.statusCode() == 413 ? "the body is larger than 64 KiB" : "the request failed"));
        return router;
    }

    public Future<HttpServer> listen(String host, int port) {
        return vertx.createHttpServer().requestHandler(router()).listen(port, host);
    }

    /** Alarms and state changes as they are stored, for the consoles; the token may come as ?token= (EventSource). */
    private void stream(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.OFFICER, Role.ADMIN).isEmpty()) {
            return;
        }
        var response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        MessageConsumer<JsonObject> feed = vertx.eventBus().consumer(LiveFeed.ADDRESS, m -> {
            if (!response.ended() && !response.closed()) {
                response.write("event: " + m.body().getString("kind") + "\ndata: " + m.body().getJsonObject("data").encode()
                        + "\n\n");
            }
        });
        long ping = vertx.setPeriodic(15_000, t -> response.write(": ping\n\n"));
        response.closeHandler(v -> {
            feed.unregister();
            vertx.cancelTimer(ping);
        });
    }
}
