package org.anju.bridge.park.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.FleetStore;
import org.anju.bridge.park.store.SiteFileStore;
import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.load.Source;
import org.anju.profiles.model.Site;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Each gateway's site file, for the admin: saved as versions after the validator the gateway runs
 * ({@code device-profiles}' site loader, with the shipped profiles) found no problem, deployed as a
 * signed {@code site.apply}, and shown with what the gateway runs (the digest of its latest status,
 * matched to a version), whether that drifts from the park's newest version, and the last
 * deployment's outcome (pending, applied, refused with the problems by line, rolled back with why).
 */
final class SiteConfigRoutes {
    /** How long the park waits for the gateway's first answer ({@code PENDING} once it has written the file). */
    private static final Duration REPLY_WAIT = Duration.ofSeconds(20);
    private static final int MAX_TEXT = CommandBody.SiteApply.MAX_TEXT_CHARS;

    private final ApiContext api;
    private final SiteFileStore store;
    private final FleetStore fleet;

    SiteConfigRoutes(ApiContext api) {
        this.api = api;
        this.store = api.db() == null ? null : new SiteFileStore(api.db());
        this.fleet = api.db() == null ? null : new FleetStore(api.db(), api.config().instance());
    }

    void mount(Router router) {
        router.get("/api/v1/park/gateways/:gateway/site").handler(this::show);
        router.post("/api/v1/park/gateways/:gateway/site").handler(this::save);
        router.post("/api/v1/park/gateways/:gateway/site/:version/deploy").handler(this::deploy);
    }

    private Optional<String> gateway(RoutingContext ctx) {
        String gateway = ctx.pathParam("gateway");
        if (api.buildings().buildingOfGateway(gateway).isEmpty()) {
            Http.refuse(ctx, 404, "site.err.gateway", "gateway", Http.abbreviated(gateway));
            return Optional.empty();
        }
        return Optional.of(gateway);
    }

    private void show(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN).ifPresent(who -> gateway(ctx).ifPresent(gateway -> {
            long now = api.tokens().now();
            Http.on(ctx, store.versions(gateway)).compose(versions -> Http.on(ctx, store.last(gateway, now))
                    .compose(last -> Http.on(ctx, fleet.snapshot()).compose(snapshot -> {
                        Optional<SiteFileStore.Version> newest = versions.stream().findFirst();
                        return Http.on(ctx, newest.map(v -> store.text(gateway, v.version()))
                                .orElse(java.util.concurrent.CompletableFuture.completedFuture(Optional.empty())))
                                .map(text -> view(gateway, versions, text, last, runningDigest(snapshot, gateway)));
                    })))
                    .onSuccess(view -> Http.json(ctx, 200, view))
                    .onFailure(e -> Http.unavailable(ctx, e));
        }));
    }

    private static String runningDigest(FleetStore.Snapshot snapshot, String gateway) {
        FleetStore.StatusRow row = snapshot.statuses().get(gateway);
        return row == null ? null : row.status().config();
    }

    /** What the admin sees for one gateway; a pure function of what the store and the fleet say. */
    static JsonObject view(String gateway, List<SiteFileStore.Version> versions, Optional<String> newestText,
                           Optional<SiteFileStore.Deployment> last, String running) {
        JsonArray vs = new JsonArray();
        versions.forEach(v -> vs.add(new JsonObject().put("version", v.version()).put("digest", v.digest())
                .put("createdAt", v.createdAt()).put("createdBy", v.createdBy())));
        Optional<SiteFileStore.Version> runningVersion = running == null ? Optional.empty()
                : versions.stream().filter(v -> v.digest().equals(running)).findFirst();
        Optional<SiteFileStore.Version> newest = versions.stream().findFirst();
        // drift: what the gateway runs is not the park's newest copy (unknown while it has not said what it runs)
        String drift = running == null || newest.isEmpty() ? "unknown"
                : newest.get().digest().equals(running) ? "none"
                : runningVersion.isPresent() ? "older" : "foreign";
        JsonObject view = new JsonObject().put("gateway", gateway).put("versions", vs)
                .put("running", new JsonObject().put("digest", running)
                        .put("version", runningVersion.map(SiteFileStore.Version::version).orElse(null)))
                .put("drift", drift);
        newest.ifPresent(n -> view.put("newest", new JsonObject().put("version", n.version()).put("digest", n.digest())
                .put("text", newestText.orElse(""))));
        last.ifPresent(d -> view.put("lastDeployment", deployment(d)));
        return view;
    }

    private static JsonObject deployment(SiteFileStore.Deployment d) {
        JsonObject j = new JsonObject().put("requestId", d.requestId()).put("version", d.version()).put("sentAt", d.sentAt())
                .put("sentBy", d.sentBy()).put("state", d.state().name()).put("detail", d.detail()).put("settledAt", d.settledAt());
        if (d.state() == SiteFileStore.State.REFUSED && d.detail() != null) {
            j.put("problems", problemLines(d.detail()));
        }
        return j;
    }

    /** The gateway's problems by line ({@code site.yaml:LINE:COLUMN: what}), as the page lists them. */
    static JsonArray problemLines(String detail) {
        JsonArray out = new JsonArray();
        for (String line : detail.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[^:]+:(\\d+):(\\d+): (.*)$").matcher(line);
            if (m.matches()) {
                out.add(new JsonObject().put("line", Integer.parseInt(m.group(1))).put("column", Integer.parseInt(m.group(2)))
                        .put("message", m.group(3)));
            }
        }
        return out;
    }

    private void save(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN).ifPresent(who -> gateway(ctx).ifPresent(gateway -> {
            Optional<JsonObject> body = Http.body(ctx);
            if (body.isEmpty()) {
                return;
            }
            if (!(body.get().getValue("text") instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
                Http.refuse(ctx, 400, "site.err.text", "max", MAX_TEXT);
                return;
            }
            List<Problem> problems = problems(gateway, text);
            if (!problems.isEmpty()) {
                JsonArray lines = new JsonArray();
                problems.forEach(p -> lines.add(new JsonObject().put("line", p.line()).put("column", p.column())
                        .put("message", p.message() + (p.hint().isEmpty() ? "" : "; " + p.hint()))));
                Http.json(ctx, 422, new JsonObject().put("code", "site.err.invalid")
                        .put("error", Http.say(ctx, "site.err.invalid", "count", problems.size())).put("problems", lines));
                return;
            }
            Http.on(ctx, store.save(gateway, text, Site.configVersionOf(text), api.tokens().now(), who.accountId()))
                    .onSuccess(v -> Http.json(ctx, 201, new JsonObject().put("gateway", gateway).put("version", v.version())
                            .put("digest", v.digest())))
                    .onFailure(e -> Http.unavailable(ctx, e));
        }));
    }

    /** The validator the gateway runs; and a file for another gateway is a problem on its first line. */
    static List<Problem> problems(String gateway, String text) {
        LoadResult loaded = SiteLoader.load(new Source("site.yaml", text, Optional.empty()));
        if (loaded instanceof LoadResult.Invalid invalid) {
            return invalid.problems();
        }
        String id = ((LoadResult.Loaded) loaded).site().gateway().id();
        return id.equals(gateway) ? List.of()
                : List.of(new Problem("site.yaml", 1, 1, "gateway.id is " + id + ", not " + gateway, "a gateway's file names it"));
    }

    private void deploy(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN).ifPresent(who -> gateway(ctx).ifPresent(gateway -> {
            long version;
            try {
                version = Long.parseLong(ctx.pathParam("version"));
            } catch (NumberFormatException e) {
                Http.refuse(ctx, 404, "site.err.version", "version", Http.abbreviated(ctx.pathParam("version")));
                return;
            }
            io.vertx.core.buffer.Buffer raw = ctx.body().buffer();
            JsonObject body = raw == null || raw.length() == 0 ? new JsonObject() : Http.body(ctx).orElse(null);
            if (body == null) {
                return;
            }
            Integer seconds = body.getValue("confirmWithinSeconds") instanceof Integer i ? i : null;
            if (body.containsKey("confirmWithinSeconds") && (seconds == null || seconds < 10 || seconds > 3600)) {
                Http.refuse(ctx, 400, "site.err.seconds");
                return;
            }
            String requestId = UUID.randomUUID().toString();
            long now = api.tokens().now();
            Http.on(ctx, store.text(gateway, version)).onSuccess(text -> {
                if (text.isEmpty()) {
                    Http.refuse(ctx, 404, "site.err.version", "version", version);
                    return;
                }
                CommandBody.SiteApply apply = new CommandBody.SiteApply(version, Site.configVersionOf(text.get()),
                        seconds, text.get());
                Http.on(ctx, store.sent(requestId, gateway, version, now, who.accountId())
                                .thenCompose(v -> api.commands().send(gateway, requestId, apply, REPLY_WAIT))
                                .thenCompose(outcome -> settle(requestId, outcome).thenCompose(v -> store.last(gateway, api.tokens().now()))))
                        .onSuccess(last -> Http.json(ctx, 202, new JsonObject().put("gateway", gateway)
                                .put("deployment", deployment(last.orElseThrow()))))
                        .onFailure(e -> Http.unavailable(ctx, e));
            }).onFailure(e -> Http.unavailable(ctx, e));
        }));
    }

    /** The gateway's first answer: PENDING stays pending (its command.completed settles it), the rest settle now. */
    private java.util.concurrent.CompletableFuture<Void> settle(String requestId, CommandSender.Outcome outcome) {
        long now = api.tokens().now();
        if (outcome instanceof CommandSender.Outcome.Replied replied) {
            ReplyResult r = replied.reply().result();
            String detail = replied.reply().detail();
            return switch (r) {
                case PENDING -> java.util.concurrent.CompletableFuture.completedFuture(null);
                case OK -> store.settle(requestId, SiteFileStore.State.APPLIED, detail, now);
                case UNCHANGED -> store.settle(requestId, SiteFileStore.State.UNCHANGED, detail, now);
                case FAILED -> store.settle(requestId, detail != null && detail.startsWith("refused")
                        ? SiteFileStore.State.REFUSED : SiteFileStore.State.FAILED, detail, now);
                default -> store.settle(requestId, SiteFileStore.State.FAILED, r + (detail == null ? "" : ": " + detail), now);
            };
        }
        if (outcome instanceof CommandSender.Outcome.NotSent notSent) {
            return store.settle(requestId, SiteFileStore.State.FAILED, "not sent: " + notSent.reason(), now);
        }
        // no reply in time: the gateway may have written it and restarted; its command.completed settles it
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
