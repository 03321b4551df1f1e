package org.anju.bridge.park.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.privacy.IdNumber;
import org.anju.bridge.park.privacy.PhoneNumber;
import org.anju.bridge.park.store.LeaseChanges;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.RosterStates;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A landlord's portal: register a renter (which files the floating-population registration and
 * gives the renter access at the building's gateway), change a lease's cards, end a lease (access
 * is revoked there), list renters, see who went in when. Each answer, and each lease listed, says
 * where the change stands at the gateway: applied (when), pending (since when) or failing (the
 * gateway's reason; the park keeps retrying). A registration is kept once per idempotency key,
 * and refused when a card is another current lease's or the person already has an overlapping
 * lease in the building (unless it continues that one: a move or an extension). A landlord works
 * only in the buildings the administrator assigned to them. ID and phone numbers are sealed at
 * rest and only ever shown masked.
 */
final class LandlordRoutes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApiContext api;

    LandlordRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.get("/api/v1/buildings").handler(this::buildings);
        router.post("/api/v1/leases").handler(this::register);
        router.get("/api/v1/leases").handler(this::list);
        router.delete("/api/v1/leases/:lease").handler(this::end);
        router.put("/api/v1/leases/:lease/cards").handler(this::changeCards);
        router.get("/api/v1/leases/:lease/access").handler(this::access);
        router.post("/api/v1/leases/:lease/invitation").handler(this::reissue);
    }

    private Future<Boolean> owns(RoutingContext ctx, Principal who, String building) {
        return Http.on(ctx, api.people().buildingsOf(who.accountId())).map(set -> set.contains(building));
    }

    private void buildings(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.LANDLORD).ifPresent(who -> Http.on(ctx, api.people().buildingsOf(who.accountId()))
                .onSuccess(ids -> {
                    JsonArray out = new JsonArray();
                    ids.forEach(id -> api.config().building(id).ifPresent(b -> out.add(new JsonObject().put("id", b.id())
                            .put("name", b.name()).put("rooms", new JsonArray(rooms(b))))));
                    Http.json(ctx, 200, new JsonObject().put("buildings", out));
                }).onFailure(e -> Http.unavailable(ctx, e)));
    }

    private static List<String> rooms(ParkConfig.Building b) {
        return b.doors().stream().flatMap(d -> d.room().stream()).distinct().sorted().toList();
    }

    private void register(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.LANDLORD);
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonObject b = body.get();
        List<String> problems = new ArrayList<>();
        String buildingId = b.getValue("building") instanceof String s ? s : "";
        Optional<ParkConfig.Building> building = api.config().building(buildingId);
        String room = b.getValue("room") instanceof String s ? s.strip() : "";
        if (building.isEmpty()) {
            problems.add("building: no building '" + buildingId + "' in this park");
        } else if (!rooms(building.get()).contains(room)) {
            problems.add("room: building " + buildingId + " has no room '" + room + "'; its rooms: "
                    + String.join(", ", rooms(building.get())));
        }
        String name = b.getValue("name") instanceof String s ? s.strip() : "";
        if (name.isEmpty() || name.length() > 64 || Http.hasControlCharacters(name)) {
            problems.add("name: the renter's name, 1 to 64 characters, no control characters");
        }
        String phoneProblem = PhoneNumber.problem(b.getValue("phone") instanceof String s ? s : null);
        if (phoneProblem != null) {
            problems.add("phone: " + phoneProblem);
        }
        IdNumber.Parsed id = IdNumber.parse(b.getValue("idNumber") instanceof String s ? s : null);
        if (id instanceof IdNumber.Parsed.Invalid invalid) {
            problems.add("idNumber: " + invalid.reason());
        }
        Instant from = instant(b, "leaseStart", problems);
        Instant until = instant(b, "leaseEnd", problems);
        LeaseWindow.problems(from, until, Instant.now()).forEach(problems::add);
        List<String> cards = cards(b, problems);
        String key = optionalId(b, "idempotencyKey", "8 to 64 letters, digits, '-' or '_' (a UUID will do)", 8, problems);
        String continues = optionalId(b, "continues", "the id of the lease this one moves or extends", 1, problems);
        if (!problems.isEmpty()) {
            Http.json(ctx, 400, new JsonObject().put("error", "the renter was not registered").put("problems", new JsonArray(problems)));
            return;
        }
        owns(ctx, who.get(), buildingId).compose(mine -> {
            if (!mine) {
                Http.error(ctx, 403, "building " + buildingId + " is not one of yours");
                return Future.succeededFuture();
            }
            Future<Optional<PeopleStore.Lease>> first = continues == null ? Future.succeededFuture(Optional.empty())
                    : mine(ctx, who.get(), continues);
            return first.compose(continued -> {
                if (continues != null && continued.isEmpty()) {
                    refuse(ctx, 409, "continues: no lease '" + continues + "' of yours in building " + buildingId);
                    return Future.succeededFuture();
                }
                Renter renter = newRenter(name, continued);
                PhoneNumber phone = PhoneNumber.parse(b.getString("phone"));
                IdNumber idNumber = id.valid().orElseThrow();
                String leaseId = "lease-" + UUID.randomUUID().toString().substring(0, 8);
                // a move or extension takes over at once: it is not held back by a start later today
                long start = continues == null ? from.toEpochMilli() : Math.min(from.toEpochMilli(), System.currentTimeMillis());
                var lease = new PeopleStore.Lease(leaseId, renter.tenant(), who.get().accountId(), buildingId, room, name,
                        api.cipher().encrypt(phone.digits(), leaseId), api.cipher().encrypt(idNumber.digits(), leaseId),
                        cards, start, until.toEpochMilli(), null);
                JsonObject registration = new JsonObject().put("lease", leaseId).put("building", buildingId)
                        .put("room", room).put("name", name).put("idNumber", lease.idNumberSealed())
                        .put("phone", lease.phoneSealed()).put("leaseStart", from.toString()).put("leaseEnd", until.toString())
                        .put("continues", continues).put("filedBy", who.get().accountId());
                String request = api.cipher().fingerprint(String.join("\n", "registration", buildingId, room, name,
                        phone.digits(), idNumber.digits(), String.join(",", new java.util.TreeSet<>(cards)), from.toString(),
                        until.toString(), String.valueOf(continues)));
                return Http.on(ctx, api.leases().register(new LeaseChanges.Registration(lease,
                        api.cipher().fingerprint(idNumber.digits()), registration.encode(), renter.account(), continues, key,
                        request))).compose(outcome -> registered(ctx, outcome, renter, who.get().accountId()));
            });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /**
     * Who the lease is for: a new renter with a new login and no password (they set their own with
     * the invitation issued once the lease is made), or, for a move or an extension, the renter of
     * the lease it continues, who keeps their login.
     */
    private static Renter newRenter(String name, Optional<PeopleStore.Lease> continued) {
        if (continued.isPresent()) {
            return new Renter(continued.get().tenant(), null);
        }
        String tenant = PeopleStore.newAccountId(Role.TENANT);
        String login = "t" + (10_000_000 + RANDOM.nextInt(90_000_000));
        return new Renter(tenant, new LeaseChanges.NewAccount(tenant, login, name, ""));
    }

    /** The renter's account, and the one to create (null if it exists). */
    private record Renter(String tenant, LeaseChanges.NewAccount account) {
    }

    private Future<Void> registered(RoutingContext ctx, LeaseChanges.Outcome outcome, Renter renter, String landlord) {
        if (outcome instanceof LeaseChanges.Outcome.Refused refused) {
            refuse(ctx, refused.status(), refused.problem());
            return Future.succeededFuture();
        }
        boolean repeated = outcome instanceof LeaseChanges.Outcome.Repeated;
        PeopleStore.Lease lease = repeated ? ((LeaseChanges.Outcome.Repeated) outcome).lease()
                : ((LeaseChanges.Outcome.Done) outcome).lease();
        Future<?> synced = repeated ? Future.succeededFuture() : Http.on(ctx, api.roster().sync(lease.building()));
        return synced.compose(x -> Http.on(ctx, api.people().account(lease.tenant())))
                .compose(account -> {
                    JsonObject tenant = new JsonObject().put("account", lease.tenant())
                            .put("login", account.map(PeopleStore.Account::login).orElse(null));
                    // a new renter's invitation, once: a repeat names the lease, and a landlord who lost the
                    // code issues a new one (POST /api/v1/leases/{lease}/invitation)
                    Future<JsonObject> invited = repeated || renter.account() == null ? Future.succeededFuture(tenant)
                            : Invitations.issue(ctx, api, lease.tenant(), renter.account().login(), landlord)
                                    .map(invitation -> tenant.put("invitation", invitation));
                    return invited.compose(t -> gatewayStates(ctx, lease).map(states -> {
                        Http.json(ctx, repeated ? 200 : 201, new JsonObject().put("lease", view(lease)).put("tenant", t)
                                .put("gateways", states).put("repeated", repeated));
                        return null;
                    }));
                });
    }

    /** A refused change: one sentence naming the field, as the page shows problems; nothing was changed. */
    private static void refuse(RoutingContext ctx, int status, String problem) {
        Http.json(ctx, status, new JsonObject().put("error", problem).put("problems", new JsonArray().add(problem)));
    }

    /** The cards in {@code b}: each {@code facility:number}, none twice; problems named {@code cards:}. */
    private static List<String> cards(JsonObject b, List<String> problems) {
        List<String> cards = new ArrayList<>();
        Object given = b.getValue("cards");
        if (given != null && !(given instanceof JsonArray)) {
            problems.add("cards: a list of cards like [\"3:1001\"]");
            return cards;
        }
        for (Object card : given == null ? new JsonArray() : (JsonArray) given) {
            try {
                new CommandBody.RosterCredential("card", String.valueOf(card));
                if (cards.contains(String.valueOf(card))) {
                    problems.add("cards: card " + card + " is listed twice");
                } else {
                    cards.add(String.valueOf(card));
                }
            } catch (IllegalArgumentException e) {
                problems.add("cards: " + e.getMessage() + ", e.g. 3:1001");
            }
        }
        if (cards.size() > 8) {
            problems.add("cards: at most 8 cards a lease");
        }
        return cards;
    }

    /** An optional id-like text field: null when absent, else it must match; a problem names the field. */
    private static String optionalId(JsonObject b, String field, String what, int min, List<String> problems) {
        Object v = b.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && s.length() >= min && s.length() <= 64 && s.matches("[A-Za-z0-9_-]+")) {
            return s;
        }
        problems.add(field + ": " + what);
        return null;
    }

    private static Instant instant(JsonObject b, String field, List<String> problems) {
        try {
            return Instant.parse(String.valueOf(b.getValue(field)));
        } catch (DateTimeParseException e) {
            problems.add(field + ": a time like 2026-12-01T00:00:00Z");
            return null;
        }
    }

    /** Where a lease stands at its building's gateway, as the landlord sees it. */
    static JsonObject state(RosterStates.LeaseAtGateway s) {
        JsonObject o = new JsonObject().put("gateway", s.gateway()).put("rosterVersion", s.version())
                .put("state", s.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("applied", s.state() == RosterStates.LeaseAtGateway.State.APPLIED);
        if (s.at() != null) {
            o.put("at", Instant.ofEpochMilli(s.at()).toString());
        }
        if (s.since() != null) {
            o.put("since", Instant.ofEpochMilli(s.since()).toString());
        }
        if (s.detail() != null) {
            o.put("detail", s.detail());
        }
        if (s.state() == RosterStates.LeaseAtGateway.State.FAILING) {
            o.put("attempts", s.attempts()).put("retrying", true);
        }
        return o;
    }

    private Future<JsonArray> gatewayStates(RoutingContext ctx, PeopleStore.Lease lease) {
        return Http.on(ctx, api.roster().leases(lease.building())).map(all -> {
            RosterStates.LeaseAtGateway s = all.get(lease.id());
            return s == null ? new JsonArray() : new JsonArray().add(state(s));
        });
    }

    /** A lease as a landlord sees it: ID and phone numbers masked. */
    private JsonObject view(PeopleStore.Lease l) {
        return new JsonObject().put("id", l.id()).put("tenant", l.tenant()).put("building", l.building()).put("room", l.room())
                .put("name", l.displayName())
                .put("phone", new PhoneNumber(api.cipher().decrypt(l.phoneSealed(), l.id())).masked())
                .put("idNumber", IdNumber.mask(api.cipher().decrypt(l.idNumberSealed(), l.id())))
                .put("cards", new JsonArray(l.cards())).put("leaseStart", Instant.ofEpochMilli(l.validFrom()).toString())
                .put("leaseEnd", Instant.ofEpochMilli(l.validUntil()).toString())
                .put("ended", l.endedAt() == null ? null : Instant.ofEpochMilli(l.endedAt()).toString());
    }

    private void list(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.LANDLORD);
        if (who.isEmpty()) {
            return;
        }
        String building = ctx.request().getParam("building", "");
        owns(ctx, who.get(), building).onSuccess(mine -> {
            if (!mine) {
                Http.error(ctx, 403, "give ?building= one of your buildings");
                return;
            }
            Http.on(ctx, api.people().leasesOfBuilding(building)).compose(leases -> Http.on(ctx, api.roster().leases(building))
                    .map(states -> {
                        JsonArray out = new JsonArray();
                        leases.forEach(l -> out.add(view(l).put("gateways", states.containsKey(l.id())
                                ? new JsonArray().add(state(states.get(l.id()))) : new JsonArray())));
                        return out;
                    })).onSuccess(out -> Http.json(ctx, 200, new JsonObject().put("leases", out)))
                    .onFailure(e -> Http.unavailable(ctx, e));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** The lease, if it is in one of the landlord's buildings; otherwise a 404 (another landlord's leases do not exist for them). */
    private Future<Optional<PeopleStore.Lease>> mine(RoutingContext ctx, Principal who, String leaseId) {
        return Http.on(ctx, api.people().lease(leaseId)).compose(lease -> lease.isEmpty()
                ? Future.succeededFuture(Optional.<PeopleStore.Lease>empty())
                : owns(ctx, who, lease.get().building()).map(own -> own ? lease : Optional.<PeopleStore.Lease>empty()));
    }

    /** The landlord's lease named in the path, handed to {@code then}; otherwise 401, 403 or 404 is answered. */
    private void withMyLease(RoutingContext ctx, java.util.function.Consumer<PeopleStore.Lease> then) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.LANDLORD);
        if (who.isEmpty()) {
            return;
        }
        String leaseId = ctx.pathParam("lease");
        mine(ctx, who.get(), leaseId).onSuccess(lease -> {
            if (lease.isEmpty()) {
                Http.error(ctx, 404, "no lease '" + leaseId + "' in your buildings");
                return;
            }
            then.accept(lease.get());
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** Ends the lease now (again: nothing changes) and answers where that stands at the gateway. */
    private void end(RoutingContext ctx) {
        withMyLease(ctx, lease -> Http.on(ctx, api.people().endLease(lease.id(), System.currentTimeMillis()))
                .compose(v -> Http.on(ctx, api.roster().sync(lease.building())))
                .compose(attempt -> gatewayStates(ctx, lease))
                .onSuccess(states -> Http.json(ctx, 200, new JsonObject().put("lease", lease.id()).put("ended", true)
                        .put("gateways", states)))
                .onFailure(e -> Http.unavailable(ctx, e)));
    }

    /** A new invitation for the lease's renter: the old code, their password and every session of theirs end. */
    private void reissue(RoutingContext ctx) {
        withMyLease(ctx, lease -> {
            if (lease.endedAt() != null) {
                Http.error(ctx, 409, "lease " + lease.id() + " has ended; its renter needs no invitation");
                return;
            }
            Http.on(ctx, api.people().account(lease.tenant()))
                    .compose(account -> Invitations.issue(ctx, api, lease.tenant(),
                            account.map(PeopleStore.Account::login).orElse(""), ctx.<org.anju.bridge.park.auth.Principal>get(
                                    Http.PRINCIPAL).accountId()))
                    .onSuccess(invitation -> Http.json(ctx, 201, new JsonObject().put("lease", lease.id())
                            .put("invitation", invitation)))
                    .onFailure(e -> Http.unavailable(ctx, e));
        });
    }

    /** Gives a current lease these cards instead of its own; a card another current lease holds is refused. */
    private void changeCards(RoutingContext ctx) {
        withMyLease(ctx, lease -> {
            Optional<JsonObject> body = Http.body(ctx);
            if (body.isEmpty()) {
                return;
            }
            List<String> problems = new ArrayList<>();
            if (!(body.get().getValue("cards") instanceof JsonArray)) {
                problems.add("cards: a list of cards like [\"3:1001\"], [] for none");
            }
            List<String> cards = cards(body.get(), problems);
            if (!problems.isEmpty()) {
                Http.json(ctx, 400, new JsonObject().put("error", "the cards were not changed").put("problems", new JsonArray(problems)));
                return;
            }
            Http.on(ctx, api.leases().changeCards(lease.id(), cards)).compose(outcome -> {
                if (outcome instanceof LeaseChanges.Outcome.Refused refused) {
                    refuse(ctx, refused.status(), refused.problem());
                    return Future.succeededFuture();
                }
                PeopleStore.Lease changed = ((LeaseChanges.Outcome.Done) outcome).lease();
                return Http.on(ctx, api.roster().sync(lease.building())).compose(a -> gatewayStates(ctx, changed))
                        .map(states -> {
                            Http.json(ctx, 200, new JsonObject().put("lease", view(changed)).put("gateways", states));
                            return null;
                        });
            }).onFailure(e -> Http.unavailable(ctx, e));
        });
    }

    private void access(RoutingContext ctx) {
        withMyLease(ctx, lease -> {
            String gateway = api.config().building(lease.building()).map(ParkConfig.Building::gateway).orElse("");
            Http.on(ctx, api.ingest().events(gateway, List.of("door.access_granted", "door.access_denied", "door.unlocked"),
                    lease.tenant(), 200)).onSuccess(events -> {
                        JsonArray out = new JsonArray();
                        events.forEach(e -> out.add(new JsonObject().put("ts", Instant.ofEpochMilli(e.ts()).toString())
                                .put("type", e.type()).put("payload", new JsonObject(e.payload()))));
                        Http.json(ctx, 200, new JsonObject().put("access", out));
                    }).onFailure(e -> Http.unavailable(ctx, e));
        });
    }
}
