package org.anju.bridge.park.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The fire safety officer's console: every pile and port of the park with live state, power and
 * temperature-related alarms; open alarms with their readings; acknowledge an alarm; cut a port
 * or a whole charging area; a port's history; the gateways and whether they are online; who is
 * inside each building (named only during a fire), restoring a lift after a fire, resetting a card.
 */
final class OfficerRoutes {
    private final ApiContext api;
    private final StateQueries state;

    OfficerRoutes(ApiContext api) {
        this.api = api;
        this.state = new StateQueries(api.db());
    }

    void mount(Router router) {
        router.get("/api/v1/ports").handler(this::ports);
        router.get("/api/v1/ports/:gateway/:pile/:port/history").handler(this::history);
        router.post("/api/v1/ports/:building/:pile/:port/cut").handler(this::cutPort);
        router.get("/api/v1/alarms").handler(this::alarms);
        router.post("/api/v1/alarms/acknowledge").handler(this::acknowledge);
        router.post("/api/v1/areas/:building/:area/cut").handler(this::cutArea);
        router.post("/api/v1/areas/:building/:area/restore").handler(this::restoreArea);
        router.get("/api/v1/overview").handler(this::overview);
        router.get("/api/v1/gateways").handler(this::gateways);
        router.get("/api/v1/areas").handler(this::areas);
        router.get("/api/v1/occupancy").handler(this::occupancy);
        router.post("/api/v1/lifts/:building/:lift/restore").handler(this::restoreLift);
        router.post("/api/v1/gates/:building/reset").handler(this::resetCard);
    }

    /**
     * Each building's count of people inside, its lifts released by a fire and, only while its
     * gateway reports a fire there, the renters last seen entering with their names and rooms.
     */
    private void occupancy(RoutingContext ctx) {
        officer(ctx).ifPresent(who -> Http.on(ctx, state.occupancy()).compose(rows -> Http.on(ctx, state.lifts())
                .compose(lifts -> {
                    List<Future<JsonObject>> out = new ArrayList<>();
                    for (ParkConfig.Building b : api.buildings().all()) {
                        out.add(building(ctx, b, rows.stream().filter(r -> r.gateway().equals(b.gateway())).toList(),
                                lifts.stream().filter(l -> l.gateway().equals(b.gateway())).toList()));
                    }
                    return Future.all(out).map(done -> {
                        JsonArray all = new JsonArray();
                        out.forEach(f -> all.add(f.result()));
                        return all;
                    });
                })).onSuccess(all -> Http.json(ctx, 200, new JsonObject().put("buildings", all)))
                .onFailure(e -> Http.unavailable(ctx, e)));
    }

    private Future<JsonObject> building(RoutingContext ctx, ParkConfig.Building b, List<StateQueries.Occupancy> rows,
                                        List<StateQueries.LiftState> lifts) {
        boolean fire = rows.stream().anyMatch(StateQueries.Occupancy::fire);
        JsonObject out = new JsonObject().put("building", b.id()).put("name", b.name()).put("gateway", b.gateway())
                .put("inside", rows.stream().mapToInt(StateQueries.Occupancy::inside).sum())
                .put("unidentified", rows.stream().mapToInt(StateQueries.Occupancy::unidentified).sum())
                .put("fire", fire).put("ts", rows.stream().mapToLong(StateQueries.Occupancy::ts).max().orElse(0))
                .put("lifts", new JsonArray(lifts.stream().map(l -> new JsonObject().put("lift", l.lift()).put("state", l.state())
                        .put("ts", l.ts())).toList()));
        if (!fire) {
            return Future.succeededFuture(out);
        }
        return Http.on(ctx, api.people().leasesOfBuilding(b.id())).map(leases -> {
            JsonArray people = new JsonArray();
            for (StateQueries.Occupancy r : rows) {
                if (r.roll() == null) {
                    continue;
                }
                for (Object o : new JsonArray(r.roll())) {
                    JsonObject p = (JsonObject) o;
                    String tenant = p.getString("tenant");
                    var lease = leases.stream().filter(l -> l.tenant().equals(tenant)).reduce((x, y) -> y);
                    people.add(new JsonObject().put("tenant", tenant).put("since", p.getLong("since"))
                            .put("name", lease.map(org.anju.bridge.park.store.PeopleStore.Lease::displayName).orElse(null))
                            .put("room", lease.map(org.anju.bridge.park.store.PeopleStore.Lease::room).orElse(null)));
                }
            }
            return out.put("people", people);
        });
    }

    /** An officer ends a lift's fire release, in their own name. */
    private void restoreLift(RoutingContext ctx) {
        Optional<Principal> who = officer(ctx);
        if (who.isEmpty()) {
            return;
        }
        Optional<ParkConfig.Building> building = api.buildings().building(ctx.pathParam("building"));
        String lift = ctx.pathParam("lift");
        if (building.isEmpty() || !building.get().lifts().contains(lift)) {
            Http.refuse(ctx, 404, "console.err.noLift", "lift", Http.abbreviated(lift), "building",
                    Http.abbreviated(ctx.pathParam("building")));
            return;
        }
        Http.on(ctx, api.commands().send(building.get().gateway(), new CommandBody.LiftRestore(lift, who.get().accountId()),
                TenantRoutes.DEADLINE)).onSuccess(outcome -> OfficerAnswers.answer(ctx, outcome,
                OfficerAnswers.Action.RESTORE_LIFT, lift));
    }

    /** An officer resets a renter's anti-passback at the building's gates: the renter is counted out. */
    private void resetCard(RoutingContext ctx) {
        Optional<Principal> who = officer(ctx);
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String tenant = Http.text(ctx, body.get(), "tenant", 64);
        if (tenant == null) {
            return;
        }
        Optional<ParkConfig.Building> building = api.buildings().building(ctx.pathParam("building"));
        if (building.isEmpty()) {
            Http.refuse(ctx, 404, "console.err.noBuilding", "building", Http.abbreviated(ctx.pathParam("building")));
            return;
        }
        CommandBody reset;
        try {
            reset = new CommandBody.GateReset(tenant, who.get().accountId());
        } catch (IllegalArgumentException e) {
            Http.refuse(ctx, 400, "console.err.tenantId");
            return;
        }
        // only a renter of the building: anything else is a mistyped id, not a command worth signing
        String gateway = building.get().gateway();
        Http.on(ctx, api.people().leasesOfBuilding(building.get().id())).compose(leases -> leases.stream()
                        .noneMatch(l -> l.tenant().equals(tenant)) ? Future.succeededFuture((CommandSender.Outcome) null)
                        : Http.on(ctx, api.commands().send(gateway, reset, TenantRoutes.DEADLINE)))
                .onSuccess(outcome -> {
                    if (outcome == null) {
                        Http.refuse(ctx, 404, "console.err.noRenter", "tenant", Http.abbreviated(tenant), "building",
                                building.get().id());
                    } else {
                        OfficerAnswers.answer(ctx, outcome, OfficerAnswers.Action.RESET_CARD, tenant);
                    }
                }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** The display names of these account ids (nulls and unknown ids left out): who cut or acknowledged, as people read it. */
    private Future<java.util.Map<String, String>> names(RoutingContext ctx, java.util.stream.Stream<String> ids) {
        List<String> distinct = ids.filter(java.util.Objects::nonNull).distinct().toList();
        List<Future<Optional<org.anju.bridge.park.store.PeopleStore.Account>>> found = distinct.stream()
                .map(id -> Http.on(ctx, api.people().account(id))).toList();
        return Future.all(found).map(done -> {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            found.forEach(f -> f.result().ifPresent(a -> out.put(a.id(), a.displayName())));
            return out;
        });
    }

    private Optional<Principal> officer(RoutingContext ctx) {
        return Http.require(ctx, api.tokens(), Role.OFFICER, Role.ADMIN);
    }

    /**
     * A page of the park's ports, filtered by building, charging area and state: a park's 20,000
     * ports are 4 MB, so a console asks for what it shows. {@code next} is where the following page
     * starts, absent on the last.
     */
    private void ports(RoutingContext ctx) {
        if (officer(ctx).isEmpty()) {
            return;
        }
        PortQuery.Parsed query = PortQuery.parse(api.buildings(), ctx.request().params());
        if (query instanceof PortQuery.Parsed.Refused refused) {
            Http.refuse(ctx, refused.status(), refused.code(), refused.args());
            return;
        }
        PortQuery q = ((PortQuery.Parsed.Ok) query).query();
        Http.on(ctx, state.page(q.filter(), q.after(), q.limit())).compose(page -> names(ctx, page.ports().stream()
                .map(StateQueries.Port::heldBy)).map(names -> java.util.Map.entry(page, names))).onSuccess(found -> {
            StateQueries.PortPage page = found.getKey();
            JsonArray out = new JsonArray();
            for (StateQueries.Port p : page.ports()) {
                out.add(new JsonObject().put("building", api.buildings().buildingOfGateway(p.gateway()).map(ParkConfig.Building::id)
                                .orElse(null)).put("gateway", p.gateway())
                        .put("stale", !p.gatewayOnline()).put("pile", p.pile()).put("port", p.port()).put("state", p.state())
                        .put("powerW", p.powerW()).put("energyWh", p.energyWh()).put("voltageV", p.voltageV())
                        .put("currentA", p.currentA()).put("sessionSeconds", p.sessionSeconds()).put("ts", p.ts())
                        .put("temperatureC", p.temperatureC()).put("hold", p.heldFor() == null ? null : new JsonObject()
                                .put("reason", p.heldFor()).put("since", p.heldSince()).put("by", p.heldBy())
                                .put("byName", found.getValue().get(p.heldBy()))));
            }
            JsonObject body = new JsonObject().put("ports", out).put("total", page.total());
            if (page.more()) {
                StateQueries.Port last = page.ports().get(page.ports().size() - 1);
                body.put("next", PortQuery.cursor(new StateQueries.PortKey(last.gateway(), last.pile(), last.port())));
            }
            Http.json(ctx, 200, body);
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void history(RoutingContext ctx) {
        if (officer(ctx).isEmpty()) {
            return;
        }
        Integer port = Http.port(ctx);
        if (port == null) {
            return;
        }
        if (api.buildings().buildingOfGateway(ctx.pathParam("gateway")).isEmpty()) {
            Http.refuse(ctx, 404, "console.err.noGateway", "gateway", Http.abbreviated(ctx.pathParam("gateway")));
            return;
        }
        Http.on(ctx, api.ingest().events(ctx.pathParam("gateway"), List.of("port.reading"), ctx.pathParam("pile"), 2000))
                .onSuccess(events -> {
                    JsonArray out = new JsonArray();
                    events.stream().map(e -> new JsonObject(e.payload()).put("ts", e.ts()))
                            .filter(r -> r.getInteger("port", 0).equals(port)).forEach(out::add);
                    Http.json(ctx, 200, new JsonObject().put("readings", out));
                }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /**
     * A page of alarms, open ones unless {@code state=all}, the most severe and newest first, with
     * how many there are in all and, unless it is the last, where the next page starts ({@code next}):
     * as ports page, so an alarm storm is not one answer of every alarm the park ever had.
     */
    private void alarms(RoutingContext ctx) {
        if (officer(ctx).isEmpty()) {
            return;
        }
        AlarmQuery.Parsed query = AlarmQuery.parse(ctx.request().params());
        if (query instanceof AlarmQuery.Parsed.Refused refused) {
            Http.refuse(ctx, refused.status(), refused.code(), refused.args());
            return;
        }
        AlarmQuery q = ((AlarmQuery.Parsed.Ok) query).query();
        Http.on(ctx, state.alarmPage(q.openOnly(), q.after(), q.limit()))
                .compose(page -> names(ctx, page.alarms().stream().map(StateQueries.Alarm::acknowledgedBy))
                        .map(names -> java.util.Map.entry(page, names)))
                .onSuccess(found -> {
                    StateQueries.AlarmPage page = found.getKey();
                    JsonArray out = new JsonArray();
                    for (StateQueries.Alarm a : page.alarms()) {
                        JsonObject view = AlarmView.of(api.buildings(), a.gateway(), new JsonObject(a.payload()), a.raisedAt());
                        out.add(view.put("acknowledgedByName", found.getValue().get(view.getString("acknowledgedBy"))));
                    }
                    JsonObject body = new JsonObject().put("alarms", out).put("total", page.total());
                    if (page.more()) {
                        body.put("next", AlarmQuery.cursor(StateQueries.AlarmKey.of(page.alarms().get(page.alarms().size() - 1))));
                    }
                    Http.json(ctx, 200, body);
                }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void acknowledge(RoutingContext ctx) {
        Optional<Principal> who = officer(ctx);
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String gateway = Http.text(ctx, body.get(), "gateway", 64);
        String alarm = gateway == null ? null : Http.text(ctx, body.get(), "alarm", 128);
        if (alarm == null) {
            return;
        }
        CommandBody ack;
        try {
            ack = new CommandBody.AlarmAck(alarm, who.get().accountId());
        } catch (IllegalArgumentException e) {
            Http.refuse(ctx, 400, "console.err.alarmId");
            return;
        }
        if (api.buildings().buildingOfGateway(gateway).isEmpty()) {
            Http.refuse(ctx, 404, "console.err.noGateway", "gateway", Http.abbreviated(gateway));
            return;
        }
        // only an alarm the park has heard of: anything else is a mistyped id, not a command worth signing
        Http.on(ctx, state.alarm(gateway, alarm)).compose(known -> known.isEmpty()
                        ? Future.succeededFuture((CommandSender.Outcome) null)
                        : Http.on(ctx, api.commands().send(gateway, ack, TenantRoutes.DEADLINE)))
                .onSuccess(outcome -> {
                    if (outcome == null) {
                        Http.refuse(ctx, 404, "console.err.noAlarm", "gateway", gateway);
                    } else {
                        OfficerAnswers.answer(ctx, outcome, OfficerAnswers.Action.ACKNOWLEDGE, alarm);
                    }
                }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** An officer's cut of one port, in their name: "cut" once it reads back off, else "cutting" (202) until it settles. */
    private void cutPort(RoutingContext ctx) {
        Optional<Principal> who = officer(ctx);
        if (who.isEmpty()) {
            return;
        }
        Optional<ParkConfig.Building> building = api.buildings().building(ctx.pathParam("building"));
        Integer port = Http.port(ctx);
        if (port == null) {
            return;
        }
        if (building.isEmpty() || building.get().areas().stream().noneMatch(a -> a.piles().contains(ctx.pathParam("pile")))) {
            Http.refuse(ctx, 404, "console.err.noPile", "pile", Http.abbreviated(ctx.pathParam("pile")), "building",
                    Http.abbreviated(ctx.pathParam("building")));
            return;
        }
        Http.on(ctx, api.commands().send(building.get().gateway(),
                new CommandBody.PortCut(ctx.pathParam("pile"), port, "fire_officer", who.get().accountId()), TenantRoutes.DEADLINE))
                .onSuccess(outcome -> OfficerAnswers.answer(ctx, outcome, OfficerAnswers.Action.CUT_PORT,
                        ctx.pathParam("pile") + " #" + port));
    }

    /**
     * An officer's cut of every port of a charging area, one command to the building's gateway in
     * their name (the area's id is the site file's): "cut" once every port reads back off.
     */
    private void cutArea(RoutingContext ctx) {
        Optional<Principal> who = officer(ctx);
        Optional<Place> place = who.isEmpty() ? Optional.empty() : area(ctx);
        if (place.isEmpty()) {
            return;
        }
        String area = place.get().area().id();
        Http.on(ctx, api.commands().send(place.get().gateway(), new CommandBody.AreaCut(area, "fire_officer",
                        who.get().accountId()), TenantRoutes.DEADLINE))
                .onSuccess(outcome -> OfficerAnswers.answer(ctx, outcome, OfficerAnswers.Action.CUT_AREA, area));
    }

    /**
     * An officer restores a charging area after a fire or their cut, in their name: the gateway
     * refuses while a fire input of the area is still active (409), and otherwise releases the
     * area's fire and cut holds and says so (200).
     */
    private void restoreArea(RoutingContext ctx) {
        Optional<Principal> who = officer(ctx);
        Optional<Place> place = who.isEmpty() ? Optional.empty() : area(ctx);
        if (place.isEmpty()) {
            return;
        }
        String area = place.get().area().id();
        Http.on(ctx, api.commands().send(place.get().gateway(), new CommandBody.AreaRestore(area, who.get().accountId()),
                        TenantRoutes.DEADLINE))
                .onSuccess(outcome -> OfficerAnswers.answer(ctx, outcome, OfficerAnswers.Action.RESTORE_AREA, area));
    }

    /** A charging area and the gateway of its building, read together (a building may change meanwhile). */
    private record Place(String gateway, ParkConfig.Area area) {
    }

    /** The path's charging area of the path's building, or empty after a 404 naming what is not there. */
    private Optional<Place> area(RoutingContext ctx) {
        Optional<Place> area = api.buildings().building(ctx.pathParam("building")).flatMap(b -> b.areas().stream()
                .filter(a -> a.id().equals(ctx.pathParam("area"))).findFirst().map(a -> new Place(b.gateway(), a)));
        if (area.isEmpty()) {
            Http.refuse(ctx, 404, "console.err.noArea", "area", Http.abbreviated(ctx.pathParam("area")), "building",
                    Http.abbreviated(ctx.pathParam("building")));
        }
        return area;
    }

    /**
     * The park at a glance: every building with its charging areas, and for each the ports that
     * charge, are held off or report a fault, the hottest pile, the open alarms and whether the
     * gateway is online (its data stale when not). One query per table, so 100 buildings and
     * 2,000 ports answer as fast as one.
     */
    private void overview(RoutingContext ctx) {
        officer(ctx).ifPresent(who -> Http.on(ctx, state.pileSummaries()).compose(piles -> Http.on(ctx, state.alarms(true))
                .compose(alarms -> Http.on(ctx, api.ingest().online()).map(online ->
                        ParkOverview.of(api.buildings(), piles, alarms, online))))
                .onSuccess(body -> Http.json(ctx, 200, body))
                .onFailure(e -> Http.unavailable(ctx, e)));
    }

    private void areas(RoutingContext ctx) {
        officer(ctx).ifPresent(who -> {
            JsonArray out = new JsonArray();
            api.buildings().all().forEach(b -> b.areas().forEach(a -> out.add(new JsonObject().put("building", b.id())
                    .put("gateway", b.gateway()).put("area", a.id()).put("piles", new JsonArray(a.piles())))));
            Http.json(ctx, 200, new JsonObject().put("areas", out));
        });
    }

    private void gateways(RoutingContext ctx) {
        officer(ctx).ifPresent(who -> Http.on(ctx, api.ingest().gateways()).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.forEach(g -> out.add(new JsonObject().put("gateway", g.id()).put("online", g.online())
                    .put("session", g.session()).put("software", g.software()).put("rosterVersion", g.rosterVersion())
                    .put("floor", g.floor()).put("events", g.events())
                    .put("lost", new JsonArray(g.lost().stream().map(r -> r[0] + "-" + r[1]).toList()))));
            Http.json(ctx, 200, new JsonObject().put("gateways", out));
        }).onFailure(e -> Http.unavailable(ctx, e)));
    }
}
