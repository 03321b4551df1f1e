package org.anju.bridge.park.api;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.fleet.FleetView;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.FleetStore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The fleet view, for the administrator (and, read-only, fire safety officers): each building's
 * gateway with its software and configuration, online since when, uptime, outbox backlog, buses
 * and devices, roster and lost events, and each problem said in the caller's language with since
 * when ({@link FleetView}); filtered by village, building and kind of problem.
 */
final class FleetRoutes {
    private static final int MAX_FILTER = 64;

    private final ApiContext api;
    private final FleetStore store;

    FleetRoutes(ApiContext api) {
        this.api = api;
        this.store = api.db() == null ? null : new FleetStore(api.db(), api.config().instance());
    }

    void mount(Router router) {
        router.get("/api/v1/fleet").handler(this::fleet);
    }

    private void fleet(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.ADMIN, Role.OFFICER).isEmpty()) {
            return;
        }
        Optional<FleetView.Filter> filter = filter(ctx);
        if (filter.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        Http.on(ctx, store.snapshot()).compose(snapshot -> Http.on(ctx, api.roster().gateways())
                        .map(rosters -> FleetView.of(api.buildings(), snapshot, rosters, now)))
                .onSuccess(all -> Http.json(ctx, 200, answer(ctx, all, filter.get(), now)))
                .onFailure(e -> Http.unavailable(ctx, e));
    }

    /** The query's filters, each one the park has; or empty after a 400 naming the one it has not. */
    private Optional<FleetView.Filter> filter(RoutingContext ctx) {
        Optional<String> village = param(ctx, "village");
        Optional<String> building = param(ctx, "building");
        Optional<String> problem = param(ctx, "problem");
        if (village.isPresent() && api.buildings().all().stream().noneMatch(b -> b.village().equals(village))) {
            Http.refuse(ctx, 400, "fleet.err.village", "village", Http.abbreviated(village.get()));
            return Optional.empty();
        }
        if (building.isPresent() && api.buildings().building(building.get()).isEmpty()) {
            Http.refuse(ctx, 400, "fleet.err.building", "building", Http.abbreviated(building.get()));
            return Optional.empty();
        }
        Optional<FleetView.Kind> kind = problem.flatMap(FleetView.Kind::of);
        if (problem.isPresent() && kind.isEmpty()) {
            Http.refuse(ctx, 400, "fleet.err.problem", "problem", Http.abbreviated(problem.get()), "kinds",
                    String.join(", ", java.util.Arrays.stream(FleetView.Kind.values()).map(k -> k.wire).toList()));
            return Optional.empty();
        }
        return Optional.of(new FleetView.Filter(village, building, kind));
    }

    /** A query parameter given and not blank (the page sends an empty one for "all"); cut to a length no filter exceeds. */
    private static Optional<String> param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.length() > MAX_FILTER ? value.substring(0, MAX_FILTER + 1) : value);
    }

    private static JsonObject answer(RoutingContext ctx, List<FleetView.Gateway> all, FleetView.Filter filter, long now) {
        JsonArray shown = new JsonArray();
        JsonObject byProblem = new JsonObject();
        for (FleetView.Kind k : FleetView.Kind.values()) {
            byProblem.put(k.wire, all.stream().filter(g -> g.has(k)).count());
        }
        all.stream().filter(filter::test).forEach(g -> shown.add(gateway(ctx, g)));
        TreeSet<String> villages = new TreeSet<>();
        JsonArray buildings = new JsonArray();
        for (FleetView.Gateway g : all) {
            g.building().village().ifPresent(villages::add);
        }
        all.stream().map(FleetView.Gateway::building).sorted(java.util.Comparator.comparing(ParkConfig.Building::id))
                .forEach(b -> buildings.add(new JsonObject().put("id", b.id()).put("name", b.name())
                        .put("village", b.village().orElse(null))));
        return new JsonObject().put("now", now).put("gateways", shown)
                .put("villages", new JsonArray(List.copyOf(villages))).put("buildings", buildings)
                .put("problems", new JsonArray(java.util.Arrays.stream(FleetView.Kind.values()).map(k -> k.wire).toList()))
                .put("totals", new JsonObject().put("gateways", all.size()).put("shown", shown.size())
                        .put("withProblems", all.stream().filter(g -> !g.problems().isEmpty()).count())
                        .put("byProblem", byProblem));
    }

    private static JsonObject gateway(RoutingContext ctx, FleetView.Gateway g) {
        ParkConfig.Building b = g.building();
        JsonObject out = new JsonObject().put("building", b.id()).put("name", b.name()).put("village", b.village().orElse(null))
                .put("gateway", b.gateway()).put("online", g.presence() != null && g.presence().online())
                .put("since", g.presence() == null || g.presence().session() == 0 ? null : g.presence().seenAt())
                .put("stale", g.stale());
        if (g.status() != null) {
            long at = g.status().receivedAt();
            GatewayStatus s = g.status().status();
            out.put("lastReportAt", at).put("periodSeconds", s.periodSeconds()).put("software", s.software())
                    .put("config", s.config()).put("uptimeSeconds", s.uptimeSeconds()).put("startedAt", at - s.uptimeSeconds() * 1000)
                    .put("outbox", new JsonObject().put("waiting", s.outbox().waiting())
                            .put("oldestAt", s.outbox().waiting() == 0 ? null : at - s.outbox().oldestAgeSeconds() * 1000));
            JsonArray buses = new JsonArray();
            s.buses().forEach(bus -> buses.add(new JsonObject().put("id", bus.id()).put("up", bus.up())
                    .put("since", bus.up() ? null : at - bus.downSeconds() * 1000).put("detail", bus.detail())));
            JsonArray offline = new JsonArray();
            s.devices().offline().forEach(d -> offline.add(new JsonObject().put("id", d.id()).put("bus", d.bus())
                    .put("since", at - d.offlineSeconds() * 1000).put("detail", d.detail())));
            out.put("buses", buses).put("devices", new JsonObject().put("count", s.devices().count()).put("offline", offline));
        }
        if (g.roster() != null) {
            out.put("roster", new JsonObject().put("inSync", g.roster().inSync()).put("wanted", g.roster().wanted())
                    .put("confirmed", g.roster().confirmed()).put("since", g.roster().outOfSyncSince()));
        }
        JsonArray lost = new JsonArray();
        g.lost().forEach(l -> lost.add(new JsonObject().put("from", l.from()).put("to", l.to()).put("foundAt", l.foundAt())));
        out.put("lost", lost);
        JsonArray problems = new JsonArray();
        g.problems().forEach(p -> problems.add(new JsonObject().put("kind", p.kind().wire)
                .put("text", Http.say(ctx, p.code(), p.args().toArray())).put("since", p.since()).put("detail", p.detail())));
        return out.put("problems", problems);
    }
}
