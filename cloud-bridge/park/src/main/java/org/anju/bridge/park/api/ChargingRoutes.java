package org.anju.bridge.park.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * E-bike charging: a tenant starts a charge at a pile of their building, optionally to stop at an
 * energy or after a time they choose (the gateway enforces it, within the site's limits), and sees
 * their own sessions (energy, power, time, the limits) as the gateway reports them. A charge belongs to whoever started
 * it: only that tenant, the building's landlord or a fire safety officer stops it; anyone else is
 * told why not (403). The park refuses what it knows to be another's; the gateway, which knows for
 * certain, refuses the rest.
 */
final class ChargingRoutes {
    private static final List<String> SESSION_EVENTS = List.of("charging.session_started", "charging.session_ended");

    private final ApiContext api;
    private final StateQueries state;

    ChargingRoutes(ApiContext api) {
        this.api = api;
        this.state = new StateQueries(api.db());
    }

    void mount(Router router) {
        router.get("/api/v1/me/charging").handler(this::mySessions);
        router.post("/api/v1/charging/:building/:pile/:port/start").handler(this::start);
        router.post("/api/v1/charging/:building/:pile/:port/stop").handler(this::stop);
    }

    /** A port of a pile in a building of this park, from the path; null after a 400 or 404 naming what is wrong. */
    private record Target(ParkConfig.Building building, String pile, int port) {
    }

    private Target target(RoutingContext ctx) {
        Integer port = Http.port(ctx);
        if (port == null) {
            return null;
        }
        String pile = ctx.pathParam("pile");
        Optional<ParkConfig.Building> building = api.buildings().building(ctx.pathParam("building"));
        if (building.isEmpty() || building.get().areas().stream().noneMatch(a -> a.piles().contains(pile))) {
            Http.refuse(ctx, 404, "tenant.charge.noPile", "pile", Http.abbreviated(pile),
                    "building", Http.abbreviated(ctx.pathParam("building")));
            return null;
        }
        return new Target(building.get(), pile, port);
    }

    /** The limits a tenant chose for a charge: stop at this energy, after this time; either may be absent. */
    private record Limits(Integer maxMinutes, Integer maxEnergyWh) {
    }

    /**
     * The start's body: none, or a JSON object whose {@code maxMinutes} (1 to 1440) and
     * {@code maxEnergyWh} (1 to 100000), as the contract bounds them, are each absent or a whole
     * number; null after a 400 naming what is wrong.
     */
    private static Limits limits(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            return new Limits(null, null);
        }
        Optional<JsonObject> body = Http.body(ctx);
        if (body.isEmpty()) {
            return null;
        }
        Integer minutes = wholeNumber(ctx, body.get(), "maxMinutes", 24 * 60);
        if (ctx.response().ended()) {
            return null; // a 400 said why
        }
        Integer energy = wholeNumber(ctx, body.get(), "maxEnergyWh", 100_000);
        return ctx.response().ended() ? null : new Limits(minutes, energy);
    }

    /** An optional whole number from 1 to {@code max}; after a 400 naming the field when it is anything else. */
    private static Integer wholeNumber(RoutingContext ctx, JsonObject body, String field, int max) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer n) || n < 1 || n > max) {
            Http.refuse(ctx, 400, "tenant.charge.limitField", "field", field, "max", max);
            return null;
        }
        return n;
    }

    private void start(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT);
        Target t = who.isEmpty() ? null : target(ctx);
        Limits limits = t == null ? null : limits(ctx);
        if (limits == null) {
            return;
        }
        TenantRoutes.running(api, ctx, who.get()).onSuccess(leases -> {
            if (leases.stream().noneMatch(l -> l.building().equals(t.building().id()))) {
                Http.refuse(ctx, 403, "tenant.charge.onlyHome");
                return;
            }
            Http.on(ctx, api.commands().send(t.building().gateway(), new CommandBody.ChargeStart(t.pile(), t.port(),
                    who.get().accountId(), limits.maxMinutes(), limits.maxEnergyWh()), TenantRoutes.DEADLINE))
                    .onSuccess(outcome -> PhoneAnswer.send(ctx, outcome, TenantRoutes.Words.START));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** The tenant who started it (their own charge only), the building's landlord, or an officer. */
    private void stop(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.TENANT, Role.LANDLORD, Role.OFFICER, Role.ADMIN);
        Target t = who.isEmpty() ? null : target(ctx);
        if (t == null) {
            return;
        }
        Principal p = who.get();
        Future<String> refusal;
        if (p.role() == Role.TENANT) {
            refusal = TenantRoutes.running(api, ctx, p).compose(leases -> leases.stream()
                    .noneMatch(l -> l.building().equals(t.building().id()))
                    ? Future.succeededFuture(Http.say(ctx, "tenant.charge.stopOnlyHome"))
                    : openSession(ctx, t).map(open -> open.isPresent() && !open.get().startedBy().equals(p.accountId())
                            ? (open.get().startedBy().equals("pile") ? Http.say(ctx, "tenant.stop.atPile")
                            : Http.say(ctx, "tenant.stop.another")) : null));
        } else if (p.role() == Role.LANDLORD) {
            refusal = Http.on(ctx, api.people().buildingsOf(p.accountId())).map(mine -> mine.contains(t.building().id())
                    ? null : Http.say(ctx, "tenant.stop.notLandlord", "building", t.building().name()));
        } else {
            refusal = Future.succeededFuture(null);
        }
        refusal.onSuccess(why -> {
            if (why != null) {
                Http.json(ctx, 403, new JsonObject().put("result", "denied").put("reason", why).put("message", why));
                return;
            }
            CommandBody stop = p.role() == Role.TENANT ? new CommandBody.ChargeStop(t.pile(), t.port(), p.accountId(), null)
                    : new CommandBody.ChargeStop(t.pile(), t.port(), null, p.accountId());
            Http.on(ctx, api.commands().send(t.building().gateway(), stop, TenantRoutes.DEADLINE))
                    .onSuccess(outcome -> {
                        if (p.role() == Role.TENANT) {
                            PhoneAnswer.send(ctx, outcome, TenantRoutes.Words.STOP);
                        } else {
                            OfficerAnswers.answer(ctx, outcome, OfficerAnswers.Action.STOP, t.pile() + " · " + t.port());
                        }
                    });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** A session as the park last heard of it: who started it, and its record as the gateway sent it. */
    private record Heard(String startedBy, String type, long ts, JsonObject session) {
    }

    /** The session open on the port as far as the park has heard (it may be behind the gateway). */
    private Future<Optional<Heard>> openSession(RoutingContext ctx, Target t) {
        return Http.on(ctx, api.ingest().events(t.building().gateway(), SESSION_EVENTS, t.pile(), 200)).map(events -> events
                .stream().map(ChargingRoutes::heard).filter(h -> h.session().getInteger("port", 0) == t.port()).findFirst()
                .filter(h -> h.type().equals("charging.session_started")));
    }

    private static Heard heard(IngestStore.StoredEvent e) {
        JsonObject session = new JsonObject(e.payload()).getJsonObject("session", new JsonObject());
        return new Heard(session.getString("startedBy", ""), e.type(), e.ts(), session);
    }

    /**
     * The tenant's sessions in the buildings they live in, newest first: where, when, how long,
     * the energy so far and, while one runs, the port's power from its last reading.
     */
    private void mySessions(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.TENANT).ifPresent(who -> TenantRoutes.running(api, ctx, who).compose(leases -> {
            Map<String, String> buildingOfGateway = new LinkedHashMap<>();
            leases.forEach(l -> api.buildings().building(l.building()).ifPresent(b -> buildingOfGateway.put(b.gateway(), b.id())));
            List<Future<List<IngestStore.StoredEvent>>> heard = buildingOfGateway.keySet().stream()
                    .map(g -> Http.on(ctx, api.ingest().events(g, SESSION_EVENTS, who.accountId(), 100))).toList();
            return Future.all(heard).compose(done -> Http.on(ctx, state.ports())).map(ports -> {
                List<JsonObject> sessions = new ArrayList<>();
                int i = 0;
                for (Map.Entry<String, String> g : buildingOfGateway.entrySet()) {
                    sessions.addAll(sessionsOf(g.getKey(), g.getValue(), heard.get(i++).result(), ports, who.accountId()));
                }
                sessions.sort(Comparator.comparing((JsonObject s) -> s.getString("startedAt")).reversed());
                return new JsonArray(sessions.stream().limit(20).map(s -> (Object) s).toList());
            });
        }).onSuccess(sessions -> Http.json(ctx, 200, new JsonObject().put("sessions", sessions)))
                .onFailure(e -> Http.unavailable(ctx, e)));
    }

    /** One gateway's sessions of this tenant: a start and, once it ended, its end, merged by session id. */
    private static List<JsonObject> sessionsOf(String gateway, String building, List<IngestStore.StoredEvent> events,
                                               List<StateQueries.Port> ports, String tenant) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (IngestStore.StoredEvent e : events) {
            Heard h = heard(e);
            if (!h.startedBy().equals(tenant)) {
                continue; // the tenant's id elsewhere in a record (who ended another's session) does not make it theirs
            }
            JsonObject s = h.session();
            String id = s.getString("sessionId", "");
            JsonObject known = byId.get(id);
            if (known == null || e.type().equals("charging.session_ended")) {
                byId.put(id, s);
            }
        }
        long now = System.currentTimeMillis();
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject s : byId.values()) {
            JsonObject meter = s.getJsonObject("meter", new JsonObject());
            long energy = meter.getLong("priorSegmentsWh", 0L) + meter.getLong("lastCounterWh", 0L) - meter.getLong("baselineWh", 0L);
            boolean open = s.getString("endReason") == null;
            long started = Instant.parse(s.getString("startedAt")).toEpochMilli();
            long until = open ? now : Instant.parse(s.getString("endedAt")).toEpochMilli();
            JsonObject row = new JsonObject().put("building", building).put("pile", s.getString("pileId"))
                    .put("port", s.getInteger("port")).put("sessionId", s.getString("sessionId"))
                    .put("startedAt", s.getString("startedAt")).put("endedAt", s.getString("endedAt"))
                    .put("endReason", s.getString("endReason")).put("endedBy", s.getString("endedBy")).put("open", open)
                    .put("maxMinutes", s.getJsonObject("limits", new JsonObject()).getInteger("maxMinutes"))
                    .put("maxEnergyWh", s.getJsonObject("limits", new JsonObject()).getInteger("maxEnergyWh"))
                    .put("seconds", Math.max(0, (until - started) / 1000));
            if (open) {
                // the port's last reading carries its counter: the energy goes on from the session's last record
                ports.stream().filter(p -> p.gateway().equals(gateway) && p.pile().equals(s.getString("pileId"))
                        && p.port() == s.getInteger("port")).findFirst().ifPresent(p -> {
                            row.put("powerW", p.powerW()).put("state", p.state()).put("readAt", p.ts());
                            long counter = p.energyWh();
                            if (counter >= meter.getLong("lastCounterWh", Long.MAX_VALUE)) {
                                row.put("energyWh", energy + counter - meter.getLong("lastCounterWh"));
                            }
                        });
            }
            if (!row.containsKey("energyWh")) {
                row.put("energyWh", energy);
            }
            out.add(row);
        }
        return out;
    }
}
