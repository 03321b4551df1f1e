package org.anju.bridge.park.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.GuestPassStore;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.RosterStates;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A tenant's guest passes, and the guest's side of one. A tenant issues a pass for a visitor or a
 * courier: the building's entrances only, a window of at most {@link #LONGEST} starting within
 * {@link #AHEAD}, 1 to {@link #MAX_USES} opens. It is a record of the building's roster (the code
 * for the keypad), so the gateway judges and counts it offline; the guest may also open from
 * their own phone with the pass's link ({@code tenant.html#guest=LINK}), which the gateway counts
 * the same. A pass is "sending" until the gateway confirms the roster version that carries it,
 * and a revoked one "revoking" until it confirms the one that removes it.
 */
final class GuestPasses {
    static final Duration LONGEST = Duration.ofHours(24);
    static final Duration AHEAD = Duration.ofDays(7);
    static final int MAX_USES = 10;
    private static final int LABEL_MAX = 32;

    private final ApiContext api;

    GuestPasses(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.get("/api/v1/me/guest-passes").handler(this::list);
        router.post("/api/v1/me/guest-passes").handler(this::issue);
        router.delete("/api/v1/me/guest-passes/:pass").handler(this::revoke);
        router.get("/api/v1/guest/:link").handler(this::guestView);
        router.post("/api/v1/guest/:link/doors/:door/open").handler(this::guestOpen);
    }

    private Optional<GuestPassStore> store(RoutingContext ctx) {
        Optional<GuestPassStore> store = api.roster() == null ? Optional.empty() : api.roster().guests();
        if (store.isEmpty()) {
            Http.refuse(ctx, 404, "tenant.guest.unknown");
        }
        return store;
    }

    private void list(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> store(ctx).ifPresent(store ->
                Http.on(ctx, store.ofTenant(who.accountId())).compose(passes -> described(ctx, passes))
                        .onSuccess(out -> Http.json(ctx, 200, new JsonObject().put("passes", out)))
                        .onFailure(e -> Http.unavailable(ctx, e))));
    }

    private void issue(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT);
        Optional<GuestPassStore> store = who.isEmpty() ? Optional.empty() : store(ctx);
        Optional<JsonObject> body = store.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonObject b = body.get();
        long now = System.currentTimeMillis();
        Object hours = b.getValue("hours");
        Object uses = b.getValue("uses");
        Object starts = b.getValue("startsAt");
        Object label = b.getValue("label");
        if (!(hours instanceof Integer h) || h < 1 || h > LONGEST.toHours()) {
            Http.refuse(ctx, 400, "tenant.guest.hoursRange");
            return;
        }
        if (!(uses instanceof Integer n) || n < 1 || n > MAX_USES) {
            Http.refuse(ctx, 400, "tenant.guest.usesRange", "max", MAX_USES);
            return;
        }
        long from;
        try {
            from = starts == null ? now : starts instanceof Number ms ? ms.longValue() : Instant.parse((String) starts).toEpochMilli();
        } catch (RuntimeException e) {
            from = -1;
        }
        if (from < now - 60_000 || from > now + AHEAD.toMillis()) {
            Http.refuse(ctx, 400, "tenant.guest.startRange");
            return;
        }
        if (label != null && (!(label instanceof String l) || l.length() > LABEL_MAX || Http.hasControlCharacters(l))) {
            Http.refuse(ctx, 400, "tenant.guest.labelText", "max", LABEL_MAX);
            return;
        }
        String name = label == null || ((String) label).isBlank() ? Http.say(ctx, "tenant.guest.labelDefault") : ((String) label).strip();
        long validFrom = Math.max(from, now);
        long validUntil = validFrom + h * 3_600_000L;
        String wanted = b.getValue("building") instanceof String s ? s : null;
        TenantRoutes.running(api, ctx, who.get()).compose(leases -> {
            List<PeopleStore.Lease> here = leases.stream().filter(l -> wanted == null || l.building().equals(wanted)).toList();
            if (here.isEmpty()) {
                Http.refuse(ctx, 403, "tenant.noLease");
                return Future.succeededFuture();
            }
            if (here.stream().map(PeopleStore.Lease::building).distinct().count() > 1) {
                Http.refuse(ctx, 400, "tenant.guest.pickBuilding");
                return Future.succeededFuture();
            }
            PeopleStore.Lease lease = here.get(0);
            ParkConfig.Building building = api.buildings().building(lease.building()).orElseThrow();
            if (building.doors().stream().noneMatch(ParkConfig.Door::entrance)) {
                Http.refuse(ctx, 409, "tenant.guest.noEntrance");
                return Future.succeededFuture();
            }
            // the pass ends with the lease at the latest: the gateway refuses a guest whose tenant has left anyway
            long until = Math.min(validUntil, lease.validUntil());
            return Http.on(ctx, store.get().issue(new GuestPassStore.Request(who.get().accountId(), building.id(), lease.room(),
                    name, validFrom, until, n), now)).compose(issued -> {
                        if (issued instanceof GuestPassStore.Issued.TooMany many) {
                            Http.refuse(ctx, 409, "tenant.guest.tooMany", "live", many.live());
                            return Future.succeededFuture();
                        }
                        GuestPassStore.Pass pass = ((GuestPassStore.Issued.Done) issued).pass();
                        // the roster carries it to the gateway now; what came of that is the pass's state
                        return Http.on(ctx, api.roster().sync(building.id())).compose(a -> described(ctx, List.of(pass)))
                                .map(out -> {
                                    Http.json(ctx, 201, new JsonObject().put("pass", out.getJsonObject(0)));
                                    return null;
                                });
                    });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void revoke(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> store(ctx).ifPresent(store ->
                Http.on(ctx, store.revoke(who.accountId(), ctx.pathParam("pass"), System.currentTimeMillis())).compose(pass -> {
                    if (pass.isEmpty()) {
                        Http.refuse(ctx, 404, "tenant.guest.unknown");
                        return Future.succeededFuture();
                    }
                    return Http.on(ctx, api.roster().sync(pass.get().building())).compose(a -> described(ctx, List.of(pass.get())))
                            .map(out -> {
                                Http.json(ctx, 200, new JsonObject().put("pass", out.getJsonObject(0)));
                                return null;
                            });
                }).onFailure(e -> Http.unavailable(ctx, e))));
    }

    /** What the guest's phone shows: where, when, how many opens are left, the keypad code, the entrances. */
    private void guestView(RoutingContext ctx) {
        store(ctx).ifPresent(store -> Http.on(ctx, store.byLink(ctx.pathParam("link"))).compose(pass -> {
            Optional<ParkConfig.Building> building = pass.flatMap(p -> api.buildings().building(p.building()));
            if (pass.isEmpty() || pass.get().revokedAt() != null || building.isEmpty()) { // its building deleted: no door to open
                Http.refuse(ctx, 404, "tenant.guest.linkUnknown");
                return Future.succeededFuture();
            }
            ParkConfig.Building b = building.get();
            JsonArray doors = new JsonArray();
            b.doors().stream().filter(ParkConfig.Door::entrance).forEach(d -> doors.add(new JsonObject().put("door", d.id())
                    .put("kind", d.kind())));
            return described(ctx, List.of(pass.get())).map(out -> {
                JsonObject p = out.getJsonObject(0);
                p.remove("link");
                p.remove("qr");
                Http.json(ctx, 200, p.put("doors", doors));
                return null;
            });
        }).onFailure(e -> Http.unavailable(ctx, e)));
    }

    /** The guest's own phone opens an entrance: judged and counted by the gateway as the pass's record. */
    private void guestOpen(RoutingContext ctx) {
        store(ctx).ifPresent(store -> Http.on(ctx, store.byLink(ctx.pathParam("link"))).onSuccess(found -> {
            long now = System.currentTimeMillis();
            Optional<GuestPassStore.Pass> pass = found.filter(p -> p.revokedAt() == null
                    && api.buildings().building(p.building()).isPresent()); // its building deleted: no door to open
            if (pass.isEmpty()) {
                Http.refuse(ctx, 404, "tenant.guest.linkUnknown");
                return;
            }
            GuestPassStore.Pass p = pass.get();
            if (now < p.validFrom() || now >= p.validUntil()) {
                Http.refuse(ctx, 403, "tenant.guest.notNow", "from", Instant.ofEpochMilli(p.validFrom()).toString(),
                        "until", Instant.ofEpochMilli(p.validUntil()).toString());
                return;
            }
            ParkConfig.Building building = api.buildings().building(p.building()).orElseThrow();
            String door = ctx.pathParam("door");
            if (building.doors().stream().noneMatch(d -> d.entrance() && d.id().equals(door))) {
                Http.refuse(ctx, 403, "tenant.notYourDoor");
                return;
            }
            if (!Http.allowed(ctx, api.doorOpens(), p.id(), "limit.doorOpens")) {
                return;
            }
            Http.on(ctx, api.commands().send(building.gateway(), new CommandBody.DoorOpen(door, p.id()), TenantRoutes.DEADLINE))
                    .onSuccess(outcome -> PhoneAnswer.send(ctx, outcome, TenantRoutes.Words.OPEN));
        }).onFailure(e -> Http.unavailable(ctx, e)));
    }

    /** A pass's state as the catalog words it. */
    private static String stateCode(String state) {
        return "tenant.guest.state." + state;
    }

    /**
     * Passes as the pages show them: the window, the uses the gateway reported (its access events),
     * and the state against what the building's gateway confirmed.
     */
    private Future<JsonArray> described(RoutingContext ctx, List<GuestPassStore.Pass> passes) {
        if (passes.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        return Http.on(ctx, api.roster().gateways()).compose(gateways -> {
            Map<String, Long> confirmed = gateways.stream().collect(Collectors.toMap(RosterStates.GatewayRoster::building,
                    RosterStates.GatewayRoster::confirmed, (a, b) -> a));
            List<Future<Integer>> used = passes.stream().map(p -> Http.on(ctx, api.ingest().events(api.buildings()
                    .building(p.building()).map(ParkConfig.Building::gateway).orElse(""), List.of("door.access_granted"), p.id(), 200))
                    .map(events -> (int) events.stream().filter(e -> new JsonObject(e.payload()).getString("tenantId", "")
                            .equals(p.id())).count())).toList();
            return Future.all(used).map(done -> {
                long now = System.currentTimeMillis();
                String base = Invitations.publicUrl(ctx, api) + "/tenant.html#guest=";
                JsonArray out = new JsonArray();
                for (int i = 0; i < passes.size(); i++) {
                    GuestPassStore.Pass p = passes.get(i);
                    int n = used.get(i).result();
                    boolean atGateway = confirmed.getOrDefault(p.building(), 0L) >= p.rosterVersion();
                    String state = p.revokedAt() != null ? (atGateway ? "revoked" : "revoking")
                            : p.validUntil() <= now ? "expired" : !atGateway ? "sending" : n >= p.maxUses() ? "spent"
                            : p.validFrom() > now ? "notYet" : "active";
                    JsonObject row = new JsonObject().put("id", p.id()).put("label", p.label()).put("building", p.building())
                            .put("buildingName", api.buildings().building(p.building()).map(ParkConfig.Building::name).orElse(p.building()))
                            .put("validFrom", p.validFrom()).put("validUntil", p.validUntil()).put("maxUses", p.maxUses())
                            .put("used", n).put("state", state).put("stateText", Http.say(ctx, stateCode(state)));
                    if (p.liveAt(now)) {
                        row.put("code", p.code()).put("link", base + p.link()).put("qr", Invitations.qrDataUri(base + p.link()));
                    }
                    out.add(row);
                }
                return out;
            });
        });
    }
}
