package org.anju.bridge.park.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A tenant's phone: my doors and lifts, open a door, take me home in a lift, offline PINs and passes
 * (charging is {@link ChargingRoutes}). A tenant acts only where a running lease puts them: its
 * building's entrances, its lifts and its own room's door.
 */
final class TenantRoutes {
    /** How long a phone waits for the gateway before it says "gateway offline". */
    static final Duration DEADLINE = Duration.ofSeconds(8);

    private final ApiContext api;
    private final StateQueries state;

    TenantRoutes(ApiContext api) {
        this.api = api;
        this.state = new StateQueries(api.db());
    }

    void mount(Router router) {
        router.get("/api/v1/me/doors").handler(this::myDoors);
        router.post("/api/v1/doors/:building/:door/open").handler(this::open);
        router.post("/api/v1/lifts/:building/:lift/home").handler(this::home);
        router.get("/api/v1/me/offline-pin").handler(this::offlinePinKey);
        router.get("/api/v1/me/passes").handler(this::passes);
        new GuestPasses(api).mount(router);
        new PortLabels(api).mount(router);
    }

    /** The caller's leases that run now. */
    static Future<List<PeopleStore.Lease>> running(ApiContext api, RoutingContext ctx, Principal who) {
        long now = System.currentTimeMillis();
        return Http.on(ctx, api.people().leasesOfTenant(who.accountId()))
                .map(all -> all.stream().filter(l -> l.activeAt(now)).toList());
    }

    private Future<List<PeopleStore.Lease>> running(RoutingContext ctx, Principal who) {
        return running(api, ctx, who);
    }

    private void myDoors(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> running(ctx, who).compose(leases -> {
            JsonArray doors = new JsonArray();
            for (PeopleStore.Lease l : leases) {
                api.buildings().building(l.building()).ifPresent(b -> b.doors().stream()
                        .filter(d -> d.room().isEmpty() || d.room().get().equals(l.room()))
                        .forEach(d -> doors.add(new JsonObject().put("building", b.id()).put("buildingName", b.name())
                                .put("door", d.id()).put("kind", d.kind()).put("room", d.room().orElse(null)))));
            }
            List<ParkConfig.Building> buildings = leases.stream().map(PeopleStore.Lease::building).distinct()
                    .flatMap(id -> api.buildings().building(id).stream()).toList();
            JsonArray lifts = new JsonArray();
            buildings.forEach(b -> b.lifts().forEach(l -> lifts.add(new JsonObject().put("building", b.id())
                    .put("buildingName", b.name()).put("lift", l))));
            // the charging ports of those buildings, as their gateways reported them: a tenant chooses one, never types it
            JsonArray ports = new JsonArray();
            List<Future<Void>> heard = buildings.stream().map(b -> Http.on(ctx, state.ports(new StateQueries.PortFilter(
                    Optional.of(b.gateway()), b.areas().stream().flatMap(a -> a.piles().stream()).toList(), Optional.empty())))
                    .map(found -> {
                        found.forEach(p -> ports.add(new JsonObject().put("building", b.id()).put("pile", p.pile())
                                .put("port", p.port())));
                        return (Void) null;
                    })).toList();
            return Future.all(heard).map(done -> new JsonObject().put("doors", doors).put("lifts", lifts).put("ports", ports));
        }).onSuccess(body -> Http.json(ctx, 200, body)).onFailure(e -> Http.unavailable(ctx, e)));
    }

    /** "Take me home": the building's gateway enables the floors of my rooms in the lift, judged by its roster. */
    private void home(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT);
        if (who.isEmpty()) {
            return;
        }
        String buildingId = ctx.pathParam("building");
        String lift = ctx.pathParam("lift");
        running(ctx, who.get()).onSuccess(leases -> {
            Optional<ParkConfig.Building> building = api.buildings().building(buildingId);
            if (building.isEmpty() || !building.get().lifts().contains(lift)
                    || leases.stream().noneMatch(l -> l.building().equals(buildingId))) {
                Http.refuse(ctx, 403, "tenant.notYourLift");
                return;
            }
            if (!Http.allowed(ctx, api.doorOpens(), who.get().accountId(), "limit.doorOpens")) {
                return;
            }
            Http.on(ctx, api.commands().send(building.get().gateway(), new CommandBody.LiftHome(lift, who.get().accountId()),
                    DEADLINE)).onSuccess(outcome -> PhoneAnswer.send(ctx, outcome, Words.ENABLE));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void open(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT);
        if (who.isEmpty()) {
            return;
        }
        String buildingId = ctx.pathParam("building");
        String door = ctx.pathParam("door");
        running(ctx, who.get()).onSuccess(leases -> {
            Optional<ParkConfig.Building> building = api.buildings().building(buildingId);
            boolean granted = building.isPresent() && leases.stream().anyMatch(l -> l.building().equals(buildingId)
                    && building.get().doors().stream().anyMatch(d -> d.id().equals(door)
                    && (d.room().isEmpty() || d.room().get().equals(l.room()))));
            if (!granted) {
                Http.refuse(ctx, 403, "tenant.notYourDoor");
                return;
            }
            if (!Http.allowed(ctx, api.doorOpens(), who.get().accountId(), "limit.doorOpens")) {
                return;
            }
            Http.on(ctx, api.commands().send(building.get().gateway(), new CommandBody.DoorOpen(door, who.get().accountId()),
                    DEADLINE)).onSuccess(outcome -> PhoneAnswer.send(ctx, outcome, Words.OPEN));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** What a page shows for a command done (confirmed by the device), and for one under way. */
    record Words(String done, String underWay) {
        static final Words OPEN = new Words("opened", "opening");
        static final Words START = new Words("started", "starting");
        static final Words STOP = new Words("stopped", "stopping");
        static final Words CUT = new Words("cut", "cutting");
        static final Words ACKNOWLEDGE = new Words("acknowledged", "acknowledging");
        static final Words ENABLE = new Words("enabled", "enabling");
        static final Words RESTORE = new Words("restored", "restoring");
        static final Words RESET = new Words("reset", "resetting");
    }

    /**
     * The tenant's own offline PIN key, for the phone page to compute codes with when there is no
     * network (the rule is {@code org.anju.bridge.access.OfflinePin}); only while a lease runs.
     */
    private void offlinePinKey(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> running(ctx, who).onSuccess(leases -> {
            if (api.offlinePinSecret() == null) {
                Http.refuse(ctx, 404, "tenant.offline.none");
            } else if (leases.isEmpty()) {
                Http.refuse(ctx, 403, "tenant.offline.noLease");
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
                api.buildings().building(l.building()).ifPresent(b -> {
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
}
