package org.anju.bridge.park.api;

import java.time.Instant;
import java.util.Comparator;

import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.RosterStates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * For the administrator and fire safety officers: every building's gateway against its roster,
 * those out of sync first and the longest first, with how long, why (the gateway's reason, or
 * that it is offline) and how many attempts have failed. A gateway out of sync is one whose doors
 * may still let in someone whose lease has ended, or keep out a new renter.
 */
final class RosterRoutes {
    private final ApiContext api;

    RosterRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.get("/api/v1/rosters").handler(this::rosters);
    }

    private void rosters(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.OFFICER, Role.ADMIN).isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        Http.on(ctx, api.roster().gateways()).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.stream().sorted(Comparator.comparing(RosterStates.GatewayRoster::inSync)
                            .thenComparing(g -> g.outOfSyncSince() == null ? Long.MAX_VALUE : g.outOfSyncSince()))
                    .forEach(g -> out.add(view(g, now)));
            Http.json(ctx, 200, new JsonObject().put("gateways", out)
                    .put("outOfSync", all.stream().filter(g -> !g.inSync()).count()));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private static JsonObject view(RosterStates.GatewayRoster g, long now) {
        JsonObject o = new JsonObject().put("building", g.building()).put("gateway", g.gateway()).put("online", g.online())
                .put("wanted", g.wanted()).put("confirmed", g.confirmed()).put("inSync", g.inSync());
        if (!g.inSync()) {
            long since = g.outOfSyncSince() == null ? now : g.outOfSyncSince();
            o.put("state", g.online() || g.sync() == RosterStates.Sync.FAILING
                            ? g.sync().name().toLowerCase(java.util.Locale.ROOT) : "pending")
                    .put("outOfSyncSince", Instant.ofEpochMilli(since).toString())
                    .put("outOfSyncSeconds", Math.max(0, (now - since) / 1000))
                    .put("detail", g.online() || g.sync() == RosterStates.Sync.FAILING ? g.detail()
                            : "gateway offline: it gets the changes when it is back")
                    .put("failedAttempts", g.attempts());
        }
        return o;
    }
}
