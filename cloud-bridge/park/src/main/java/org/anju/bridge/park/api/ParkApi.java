package org.anju.bridge.park.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.anju.bridge.http.ClientAddress;
import org.anju.bridge.http.ConnectionGuard;
import org.anju.bridge.http.SecurityHeaders;
import org.anju.bridge.park.auth.HashPool;
import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.auth.Sessions;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.live.LiveFeed;
import org.anju.bridge.park.live.PortBoard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The park's HTTP API under {@code /api/v1} (documented in {@code park/openapi.yaml}, which a test
 * holds to these routes): accounts, the tenant's phone, the landlord's portal, the fire safety
 * console, and a live stream of alarms and state changes as Server-Sent Events. Before any route:
 * the security headers, the body bounded at 64 KiB before it is read, and the caller's session
 * looked up from the Authorization header (the only place a token is taken from). The server
 * itself closes slow and surplus connections ({@link ConnectionGuard}) and speaks HTTPS when
 * {@code http.tls} is set.
 */
public final class ParkApi implements AutoCloseable {
    private static final long MAX_BODY = 64 * 1024;

    private final Vertx vertx;
    private final ApiContext api;
    private final Supplier<JsonObject> health;
    private final Supplier<String> metrics;
    private final HashPool hashes = HashPool.forThisMachine();
    private final boolean tls;
    /** What the consoles' streams send: the news as it is stored, and every port's latest reading on its board. */
    private final LiveFeed live;

    public ParkApi(Vertx vertx, ParkConfig config, org.anju.bridge.park.store.ParkDatabase db,
                   org.anju.bridge.park.store.IngestStore ingest, org.anju.bridge.park.store.PeopleStore people,
                   org.anju.bridge.park.command.CommandSender commands, org.anju.bridge.park.roster.RosterSync roster,
                   Sessions sessions, org.anju.bridge.park.auth.PasswordHasher hasher,
                   org.anju.bridge.park.privacy.FieldCipher cipher, Supplier<JsonObject> health, Supplier<String> metrics,
                   PassIssuer passes, LiveFeed live, BuildingDirectory buildings) {
        this.metrics = metrics;
        this.live = live;
        this.vertx = vertx;
        this.api = new ApiContext(config, db, ingest, people, commands, roster, sessions, hasher, cipher,
                offlinePinSecret(config), passes, hashes, buildings == null ? BuildingDirectory.fixed(java.util.List.of()) : buildings);
        this.health = health;
        this.tls = config != null && config.http().tls().isPresent();
        if (config != null && db != null) {
            HistoryRetention.start(db, config.accessHistoryRetention());
        }
    }

    /** The park's offline PIN secret, read at start; null when the park has none (or in route-only tests). */
    private static byte[] offlinePinSecret(ParkConfig config) {
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
        router.route().handler(SecurityHeaders.handler(tls));
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        router.route("/api/*").handler(this::authenticate);
        router.get("/health").handler(ctx -> {
            JsonObject h = health.get();
            Http.json(ctx, h.getBoolean("ready", true) ? 200 : 503, h);
        });
        router.get("/metrics").handler(this::metrics);
        // what a page needs before anyone signs in: whose park, and the time zone its times are shown in
        router.get("/api/v1/park").handler(ctx -> Http.json(ctx, 200, new JsonObject()
                .put("park", api.config() == null ? "" : api.config().park())
                .put("timeZone", (api.config() == null ? ParkConfig.DEFAULT_TIME_ZONE : api.config().timeZone()).getId())));
        new AccountRoutes(api).mount(router);
        new TenantRoutes(api).mount(router);
        new ChargingRoutes(api).mount(router);
        new LandlordRoutes(api).mount(router);
        new RegistrationExportRoutes(api).mount(router);
        new OfficerRoutes(api).mount(router);
        router.post("/api/v1/stream/ticket").handler(this::ticket);
        new RosterRoutes(api).mount(router);
        new FleetRoutes(api).mount(router);
        new BuildingRoutes(api).mount(router);
        new EnrollRoutes(api).mount(router);
        new SiteConfigRoutes(api).mount(router);
        router.get("/api/v1/stream").handler(this::stream);
        // the pages: static files from the jar, no build step; they use the API like any client
        router.get("/").handler(ctx -> ctx.redirect("/index.html"));
        // libraries the pages use, from their WebJars on the class path (versioned paths: cache them)
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
        router.route("/*").handler(StaticHandler.create("park/web").setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
        router.route("/api/*").last().handler(ctx -> Http.refuse(ctx, 404, "err.notFoundApi",
                "method", ctx.request().method(), "path", Http.abbreviated(ctx.request().path())));
        router.route().failureHandler(this::failed);
        return router;
    }

    /**
     * The park's figures for Prometheus, to this machine and the addresses park.yaml lists
     * ({@code http.metricsFrom}); behind a listed proxy the client's address counts, so a proxy on
     * this machine does not open them to the Internet.
     */
    private void metrics(RoutingContext ctx) {
        String from = api.clients().of(ctx.request());
        List<String> listed = api.config() == null ? List.of() : api.config().http().metricsFrom();
        if (!ClientAddress.isLoopback(from) && !listed.contains(from)) {
            Http.refuse(ctx, 403, "park.metrics.notFromHere");
            return;
        }
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get());
    }

    /** Failures before or outside a route's own answer: one sentence, never a stack trace. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500 && ctx.failure() != null) {
            java.util.logging.Logger.getLogger(ParkApi.class.getName()).warning(() -> ctx.request().method() + " "
                    + ctx.request().path() + " failed: " + ctx.failure());
        }
        String code = switch (status) {
            case 413 -> "err.bodyTooLarge";
            case 404 -> "err.notFound";
            case 405 -> "err.methodNotAllowed";
            case 400 -> "err.malformed";
            default -> "err.failed";
        };
        if (status == 413) {
            ctx.response().putHeader("Connection", "close");
        }
        Http.refuse(ctx, status, code, "method", ctx.request().method(), "path", Http.abbreviated(ctx.request().path()));
    }

    /** Looks the caller's session up once, before the route; routes then ask {@link Http#require}. */
    private void authenticate(RoutingContext ctx) {
        String token = Http.bearer(ctx);
        if (token == null) {
            ctx.next();
            return;
        }
        Http.on(ctx, api.tokens().verify(token)).onComplete(r -> {
            if (r.succeeded() && r.result().isPresent()) {
                ctx.put(Http.PRINCIPAL, r.result().get());
                ctx.next();
            } else if (r.failed()) {
                Http.unavailable(ctx, r.cause());
            } else {
                ctx.next();
            }
        });
    }

    public Future<HttpServer> listen(String host, int port) {
        return listen(host, port, Optional.empty());
    }

    /** Listens with the connection guard, over TLS when {@code tls} names the certificate chain and key. */
    public Future<HttpServer> listen(String host, int port, Optional<ParkConfig.Tls> tls) {
        HttpServerOptions options = new HttpServerOptions();
        tls.ifPresent(t -> options.setSsl(true).setKeyCertOptions(pem(t)));
        ConnectionGuard guard = new ConnectionGuard(vertx, ConnectionGuard.Limits.DEFAULTS, api.clients()::trusted);
        return guard.server(options, router()).listen(port, host);
    }

    public static PemKeyCertOptions pem(ParkConfig.Tls tls) {
        return new PemKeyCertOptions().setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString());
    }

    /** A single-use ticket for the live stream, for a caller whose token is in the Authorization header. */
    private void ticket(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.OFFICER, Role.ADMIN).isEmpty()) {
            return;
        }
        Http.on(ctx, api.tokens().ticket(Http.bearer(ctx)))
                .onSuccess(ticket -> Http.json(ctx, 200, new JsonObject().put("ticket", ticket)
                        .put("expiresInSeconds", Sessions.TICKET_LIFETIME.toSeconds())))
                .onFailure(e -> Http.unavailable(ctx, e));
    }

    /**
     * Alarms and state changes as they are stored, for the consoles. EventSource cannot send an
     * Authorization header, so the stream takes {@code ?ticket=} from {@code POST /api/v1/stream/ticket}:
     * single-use and good for 30 s, so an address in a log or a history is worthless. The stream
     * ends when its session does (checked with every ping). A port's readings reach one console at
     * most once a second ({@link PortBoard}: the latest, the ones between are skipped, an older one
     * coming late is dropped); alarms, doors
     * and gateways as they come; whichever instance stored them ({@link org.anju.bridge.park.live.PostgresFanout}).
     * {@code resync}: some may have been missed (the instance lost its link to the others); read the state again.
     * <p>The news carries its number in the journal ({@link LiveFeed}) as the event's {@code id:}. A
     * console that reconnects names the last it saw ({@code ?after=} or the {@code Last-Event-ID}
     * header) and is sent what followed, from the store, in order, then the live feed: the feed is
     * listened to first and held while the store is read, and what it held is sent after, but for
     * what the store's answer had sent already (numbered no higher). Then an event {@code live}
     * gives the number the stream is at (also to a console connecting afresh, so that it has one to
     * resume from). Readings are not sent again: a console that comes back reads the ports again. When more was missed
     * than is sent again, or longer ago, the console is sent {@code resync} instead, and goes on live.
     */
    private void stream(RoutingContext ctx) {
        String ticket = ctx.request().getParam("ticket");
        if (ticket == null) {
            Http.refuse(ctx, 401, "err.streamTicketMissing");
            return;
        }
        Long after;
        try {
            after = resumeFrom(ctx);
        } catch (IllegalArgumentException e) {
            Http.refuse(ctx, 400, "console.stream.afterMalformed", "value", Http.abbreviated(e.getMessage()));
            return;
        }
        Http.on(ctx, api.tokens().useTicket(ticket)).onSuccess(used -> {
            if (used.isEmpty()) {
                Http.refuse(ctx, 401, "err.streamTicketUnknown");
                return;
            }
            if (used.get().who().role() != Role.OFFICER && used.get().who().role() != Role.ADMIN) {
                Http.refuse(ctx, 403, "err.streamRole");
                return;
            }
            var response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
            response.write(": connected\n\n");
            // alarms, doors, a port's status, gateways as they come; readings from the board once a second, each
            // port's latest, a bounded number at a time (the rest the next second), so an alarm never queues
            // on this event loop behind a drain's readings. Held until the store said what was missed.
            Resuming resuming = new Resuming();
            MessageConsumer<String> feed = vertx.eventBus().consumer(LiveFeed.ADDRESS, m -> {
                if (!response.ended() && !response.closed()) {
                    resuming.live(m.body(), response::write);
                }
            });
            vertx.eventBus().send(LiveFeed.LISTENERS, 1);
            Http.on(ctx, live.since(after)).onComplete(r -> {
                if (!response.ended() && !response.closed()) {
                    resuming.caughtUp(r.succeeded() ? r.result()
                            : new LiveFeed.Resume(List.of(), -1, "the park store did not answer: " + r.cause().getMessage()), response::write);
                }
            });
            PortBoard ports = live.board();
            long[] seen = {ports.version()};
            long flush = vertx.setPeriodic(PORT_INTERVAL_MILLIS, t -> {
                PortBoard.Changes changes = ports.since(seen[0], PORTS_PER_SECOND);
                seen[0] = changes.version();
                if (!changes.texts().isEmpty() && !response.ended() && !response.closed()) {
                    response.write(String.join("", changes.texts()));
                }
            });
            long ping = vertx.setPeriodic(15_000, t -> Http.on(ctx, used.get().stillLive().get()).onComplete(live -> {
                if (live.succeeded() && !live.result()) {
                    response.end();
                } else if (!response.ended()) {
                    response.write(": ping\n\n");
                }
            }));
            java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable stop = () -> {
                if (over.compareAndSet(false, true)) {
                    feed.unregister();
                    vertx.cancelTimer(ping);
                    vertx.cancelTimer(flush);
                    vertx.eventBus().send(LiveFeed.LISTENERS, -1);
                }
            };
            response.closeHandler(v -> stop.run());
            response.endHandler(v -> stop.run());
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /**
     * The number a reconnecting console saw last: {@code ?after=}, else the {@code Last-Event-ID}
     * header, else null.
     *
     * @throws IllegalArgumentException with the value when it is not a number of the journal
     */
    static Long resumeFrom(RoutingContext ctx) {
        String after = ctx.request().getParam("after");
        if (after == null) {
            after = ctx.request().getHeader("Last-Event-ID");
        }
        if (after == null) {
            return null;
        }
        if (after.isEmpty() || after.length() > 18 || !after.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException(after);
        }
        return Long.parseLong(after);
    }

    /**
     * One stream's way from the store's answer to the live feed: what the feed brings is held until
     * the store said what was missed; then that is sent, and what was held but for what the answer
     * had already sent; then the feed as it comes. On one event loop, the stream's.
     */
    static final class Resuming {
        /** What is held at most while the store answers; beyond it the console reads the state again. */
        static final int HELD_MOST = 10_000;
        private List<String> held = new java.util.ArrayList<>();
        private boolean overflowed;
        private long upTo = -1;

        /** {@code published}: one or several events in a row, as the feed publishes them ({@link LiveFeed#texts}). */
        void live(String published, java.util.function.Consumer<String> write) {
            if (held != null) {
                for (String text : LiveFeed.texts(published)) {
                    if (held.size() < HELD_MOST) {
                        held.add(text);
                    } else {
                        overflowed = true;
                    }
                }
                return;
            }
            if (upTo < 0) {
                write.accept(published);   // past the resume: every piece written as it came, not split per console
                return;
            }
            StringBuilder out = new StringBuilder();
            boolean leftOut = false;
            boolean past = false;
            for (String text : LiveFeed.texts(published)) {
                if (sentAlready(text)) {
                    leftOut = true;
                } else {
                    past |= LiveFeed.idOf(text) > upTo;
                    out.append(text);
                }
            }
            if (!out.isEmpty()) {
                write.accept(leftOut ? out.toString() : published);
            }
            if (past) {
                upTo = -1;   // the feed's numbers come in order: nothing after this was in the store's answer
            }
        }

        /** Whether the journal's answer sent this text already. */
        private boolean sentAlready(String text) {
            long id = LiveFeed.idOf(text);
            return id >= 0 && id <= upTo;
        }

        void caughtUp(LiveFeed.Resume resume, java.util.function.Consumer<String> write) {
            StringBuilder out = new StringBuilder();
            if (resume.resync() != null) {
                out.append(LiveFeed.text(new JsonObject().put("kind", "resync").put("data", new JsonObject().put("reason", resume.resync()))));
            }
            resume.texts().forEach(out::append);
            upTo = resume.latest();
            if (upTo >= 0) {
                out.append(LiveFeed.text(new JsonObject().put("id", upTo).put("kind", "live")
                        .put("data", new JsonObject().put("after", upTo).put("replayed", resume.texts().size()))));
            }
            for (String text : held) {
                if (!sentAlready(text)) {
                    out.append(text);
                }
            }
            if (overflowed) {
                out.append(LiveFeed.text(new JsonObject().put("kind", "resync")
                        .put("data", new JsonObject().put("reason", "more came while the store answered than was held"))));
            }
            held = null;
            write.accept(out.toString());
        }
    }

    /**
     * An alarm event with the alarm as the console shows it ({@link AlarmView}) under {@code view}, as
     * GET /api/v1/alarms gives it: how the live feed shows alarms ({@link LiveFeed#showAlarmsAs}).
     */
    public static JsonObject withAlarmView(BuildingDirectory buildings, JsonObject event) {
        JsonObject data = event.getJsonObject("data");
        if (!(data.getValue("payload") instanceof JsonObject payload) || !(payload.getValue("alarm") instanceof JsonObject alarm)) {
            return event;
        }
        JsonObject shown = new JsonObject().put("kind", "alarm").put("data", data.copy().put("view",
                AlarmView.of(buildings, data.getString("gateway"), alarm, data.getValue("ts") instanceof Number ts ? ts.longValue() : 0L)));
        return event.containsKey("id") ? shown.put("id", event.getValue("id")) : shown;
    }

    /** How often a console is sent one port's readings at most. */
    static final long PORT_INTERVAL_MILLIS = LiveFeed.READING_INTERVAL_MILLIS;
    /**
     * How many ports' readings a console is sent in one go at most: a wall of a few thousand ports
     * (20,000 in a large park) all changing catches up over a few seconds, and the event loop's work
     * for it stays a few milliseconds.
     */
    static final int PORTS_PER_SECOND = 2_000;

    @Override
    public void close() {
        hashes.close();
    }
}
