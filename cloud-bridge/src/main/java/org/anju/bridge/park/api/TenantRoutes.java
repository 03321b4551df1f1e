package org.anju.bridge.park.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.auth.Role;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.PeopleStore;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A tenant's phone: my doors, open one, my charging sessions, start or stop a charge. A tenant
 * acts only where a running lease puts them: its building's entrances and its own room's door.
 */
final class TenantRoutes {
    /** How long a phone waits for the gateway before it says "gateway offline". */
    static final Duration DEADLINE = Duration.ofSeconds(8);

    private final ApiContext api;

    TenantRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.get("/api/v1/me/doors").handler(this::myDoors);
        router.post("/api/v1/doors/:building/:door/open").handler(this::open);
        router.get("/api/v1/me/charging").handler(this::mySessions);
        router.get("/api/v1/me/offline-pin").handler(this::offlinePinKey);
        router.get("/api/v1/me/passes").handler(this::passes);
        router.post("/api/v1/charging/:building/:pile/:port/:action").handler(this::charge);
    }

    private Future<List<PeopleStore.Lease>> running(RoutingContext ctx, Principal who) {
        long now = System.currentTimeMillis();
        return Http.on(ctx, api.people().leasesOfTenant(who.accountId()))
                .map(all -> all.stream().filter(l -> l.activeAt(now)).toList());
    }

    private void myDoors(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> running(ctx, who).onSuccess(leases -> {
            JsonArray doors = new JsonArray();
            for (PeopleStore.Lease l : leases) {
                api.config().building(l.building()).ifPresent(b -> b.doors().stream()
                        .filter(d -> d.room().isEmpty() || d.room().get().equals(l.room()))
                        .forEach(d -> doors.add(new JsonObject().put("building", b.id()).put("buildingName", b.name())
                                .put("door", d.id()).put("room", d.room().orElse(null)))));
            }
            Http.json(ctx, 200, new JsonObject().put("doors", doors));
        }).onFailure(e -> Http.unavailable(ctx, e)));
    }

    private void open(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT);
        if (who.isEmpty()) {
            return;
        }
        String buildingId = ctx.pathParam("building");
        String door = ctx.pathParam("door");
        running(ctx, who.get()).onSuccess(leases -> {
            Optional<ParkConfig.Building> building = api.config().building(buildingId);
            boolean granted = building.isPresent() && leases.stream().anyMatch(l -> l.building().equals(buildingId)
                    && building.get().doors().stream().anyMatch(d -> d.id().equals(door)
                    && (d.room().isEmpty() || d.room().get().equals(l.room()))));
            if (!granted) {
                Http.error(ctx, 403, "your lease does not open door " + door + " of building " + buildingId);
                return;
            }
            if (!Http.allowed(ctx, api.doorOpens(), who.get().accountId(), "too many door opens")) {
                return;
            }
            Http.on(ctx, api.commands().send(building.get().gateway(), new CommandBody.DoorOpen(door, who.get().accountId()),
                    DEADLINE)).onSuccess(outcome -> answer(ctx, outcome, "opened"));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** The gateway's answer as the phone shows it: opened/done, denied and why, or offline. */
    static void answer(RoutingContext ctx, CommandSender.Outcome outcome, String okWord) {
        if (outcome instanceof CommandSender.Outcome.Replied replied) {
            var reply = replied.reply();
            if (reply.result() == ReplyResult.OK) {
                Http.json(ctx, 200, new JsonObject().put("result", okWord));
            } else if (reply.detail() != null && reply.detail().startsWith("denied: ")) {
                Http.json(ctx, 403, new JsonObject().put("result", "denied").put("reason", reply.detail().substring(8)));
            } else {
                Http.json(ctx, 409, new JsonObject().put("result", "refused").put("reason",
                        reply.result().name() + (reply.detail() == null ? "" : ": " + reply.detail())));
            }
        } else if (outcome instanceof CommandSender.Outcome.NoReply) {
            Http.json(ctx, 504, new JsonObject().put("result", "gateway-offline")
                    .put("reason", "the building's gateway did not answer within " + DEADLINE.toSeconds() + " s"));
        } else {
            Http.json(ctx, 503, new JsonObject().put("result", "park-offline")
                    .put("reason", ((CommandSender.Outcome.NotSent) outcome).reason()));
        }
    }

    /**
     * The tenant's own offline PIN key, for the phone page to compute codes with when there is no
     * network (the rule is {@code org.anju.bridge.access.OfflinePin}); only while a lease runs.
     */
    private void offlinePinKey(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> running(ctx, who).onSuccess(leases -> {
            if (api.offlinePinSecret() == null) {
                Http.error(ctx, 404, "this park has no offline PINs");
            } else if (leases.isEmpty()) {
                Http.error(ctx, 403, "no running lease");
            } else {
                byte[] key = org.anju.bridge.access.OfflinePin.tenantKey(api.offlinePinSecret(), who.accountId());
                Http.json(ctx, 200, new JsonObject().put("key", java.util.HexFormat.of().formatHex(key))
                        .put("digits", org.anju.bridge.access.OfflinePin.DIGITS)
                        .put("stepSeconds", org.anju.bridge.access.OfflinePin.STEP_SECONDS)
                        .put("validUntil", leases.stream().mapToLong(PeopleStore.Lease::validUntil).max().orElse(0)));
            }
        }).onFailure(e -> Http.unavailable(ctx, e)));
    }

    /**
     * Single-use passes the park signs for the tenant's doors, kept by the phone for opening
     * through the gateway's local API on the building's Wi-Fi when the park is unreachable.
     */
    private void passes(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> running(ctx, who).onSuccess(leases -> {
            JsonArray out = new JsonArray();
            long now = System.currentTimeMillis();
            for (PeopleStore.Lease l : leases) {
                api.config().building(l.building()).ifPresent(b -> {
                    List<String> doors = b.doors().stream().filter(d -> d.room().isEmpty() || d.room().get().equals(l.room()))
                            .map(ParkConfig.Door::id).toList();
                    api.passes().issue(who.accountId(), doors, now, l.validUntil()).forEach(p -> out.add(new JsonObject()
                            .put("building", b.id()).put("pass", new JsonObject(new String(
                                    org.anju.bridge.contract.ContractJson.encode(p), java.nio.charset.StandardCharsets.UTF_8)))));
                });
            }
            Http.json(ctx, 200, new JsonObject().put("passes", out));
        }).onFailure(e -> Http.unavailable(ctx, e)));
    }

    private void mySessions(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> running(ctx, who).compose(leases -> {
            List<Future<List<org.anju.bridge.park.store.IngestStore.StoredEvent>>> all = leases.stream()
                    .map(l -> api.config().building(l.building()).map(ParkConfig.Building::gateway).orElse(""))
                    .distinct().filter(g -> !g.isEmpty())
                    .map(g -> Http.on(ctx, api.ingest().events(g, List.of("charging.session_started",
                            "charging.session_ended"), who.accountId(), 50))).toList();
            return Future.all(all).map(done -> {
                JsonArray sessions = new JsonArray();
                all.forEach(f -> f.result().forEach(e -> sessions.add(new JsonObject().put("type", e.type()).put("ts", e.ts())
                        .put("session", new JsonObject(e.payload()).getJsonObject("session")))));
                return sessions;
            });
        }).onSuccess(sessions -> Http.json(ctx, 200, new JsonObject().put("sessions", sessions)))
                .onFailure(e -> Http.unavailable(ctx, e)));
    }

    private void charge(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT);
        if (who.isEmpty()) {
            return;
        }
        String action = ctx.pathParam("action");
        int port;
        try {
            port = Integer.parseInt(ctx.pathParam("port"));
        } catch (NumberFormatException e) {
            port = 0;
        }
        if (!action.equals("start") && !action.equals("stop") || port < 1 || port > 64) {
            Http.error(ctx, 400, "use POST /api/v1/charging/BUILDING/PILE/PORT/start or .../stop with a port of 1 to 64");
            return;
        }
        String buildingId = ctx.pathParam("building");
        String pile = ctx.pathParam("pile");
        int p = port;
        running(ctx, who.get()).onSuccess(leases -> {
            Optional<ParkConfig.Building> building = api.config().building(buildingId);
            if (building.isEmpty() || leases.stream().noneMatch(l -> l.building().equals(buildingId))
                    || building.get().areas().stream().noneMatch(a -> a.piles().contains(pile))) {
                Http.error(ctx, 403, "you can charge only at the piles of the building you live in");
                return;
            }
            CommandBody body = action.equals("start") ? new CommandBody.ChargeStart(pile, p, who.get().accountId(), null, null)
                    : new CommandBody.ChargeStop(pile, p, who.get().accountId(), null);
            Http.on(ctx, api.commands().send(building.get().gateway(), body, DEADLINE))
                    .onSuccess(outcome -> answer(ctx, outcome, action.equals("start") ? "started" : "stopped"));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }
}
