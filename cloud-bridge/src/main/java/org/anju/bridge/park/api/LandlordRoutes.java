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
import org.anju.bridge.park.auth.Role;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.privacy.IdNumber;
import org.anju.bridge.park.privacy.PhoneNumber;
import org.anju.bridge.park.roster.RosterSync;
import org.anju.bridge.park.store.PeopleStore;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A landlord's portal: register a renter (which files the floating-population registration and
 * gives the renter access at the building's gateway), end a lease (access is revoked there, and
 * the answer says whether the gateway has applied it), list renters, see who went in when. A
 * landlord works only in the buildings the administrator assigned to them. ID and phone numbers
 * are sealed at rest and only ever shown masked.
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
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add("leaseEnd: must be after leaseStart");
        }
        List<String> cards = new ArrayList<>();
        Object cardList = b.getValue("cards");
        if (cardList != null && !(cardList instanceof JsonArray)) {
            problems.add("cards: a list of cards, e.g. [\"3:1001\"]");
        }
        for (Object card : cardList instanceof JsonArray list ? list : new JsonArray()) {
            try {
                new CommandBody.RosterCredential("card", String.valueOf(card));
                cards.add(String.valueOf(card));
            } catch (IllegalArgumentException e) {
                problems.add("cards: " + e.getMessage() + ", e.g. 3:1001");
            }
        }
        if (!problems.isEmpty()) {
            Http.json(ctx, 400, new JsonObject().put("error", "the renter was not registered").put("problems", new JsonArray(problems)));
            return;
        }
        owns(ctx, who.get(), buildingId).onSuccess(mine -> {
            if (!mine) {
                Http.error(ctx, 403, "building " + buildingId + " is not one of yours");
                return;
            }
            String login = "t" + (10_000_000 + RANDOM.nextInt(90_000_000));
            PhoneNumber phone = PhoneNumber.parse(b.getString("phone"));
            IdNumber idNumber = id.valid().orElseThrow();
            // no password: the renter sets their own with the invitation below
            Http.on(ctx, api.people().createAccount(login, Role.TENANT, name, ""))
                    .compose(account -> {
                        String leaseId = "lease-" + UUID.randomUUID().toString().substring(0, 8);
                        String tenant = account.orElseThrow().id();
                        var lease = new PeopleStore.Lease(leaseId, tenant, who.get().accountId(), buildingId, room, name,
                                api.cipher().encrypt(phone.digits(), leaseId), api.cipher().encrypt(idNumber.digits(), leaseId),
                                cards, from.toEpochMilli(), until.toEpochMilli(), null);
                        JsonObject registration = new JsonObject().put("lease", leaseId).put("building", buildingId)
                                .put("room", room).put("name", name).put("idNumber", lease.idNumberSealed())
                                .put("phone", lease.phoneSealed()).put("leaseStart", from.toString()).put("leaseEnd", until.toString())
                                .put("filedBy", who.get().accountId());
                        return Http.on(ctx, api.people().addLease(lease, registration.encode()))
                                .compose(v -> Http.on(ctx, api.roster().sync(buildingId)))
                                .compose(applied -> Invitations.issue(ctx, api, tenant, login, who.get().accountId())
                                        .map(invitation -> new JsonObject().put("lease", view(lease))
                                                .put("tenant", new JsonObject().put("account", tenant).put("login", login)
                                                        .put("invitation", invitation))
                                                .put("gateways", new JsonArray().add(applied(applied)))));
                    }).onSuccess(out -> Http.json(ctx, 201, out)).onFailure(e -> Http.unavailable(ctx, e));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private static Instant instant(JsonObject b, String field, List<String> problems) {
        try {
            return Instant.parse(String.valueOf(b.getValue(field)));
        } catch (DateTimeParseException e) {
            problems.add(field + ": a time like 2026-12-01T00:00:00Z");
            return null;
        }
    }

    static JsonObject applied(RosterSync.Applied a) {
        return new JsonObject().put("gateway", a.gateway()).put("rosterVersion", a.version()).put("applied", a.applied())
                .put("detail", a.detail());
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
            Http.on(ctx, api.people().leasesOfBuilding(building)).onSuccess(leases -> {
                JsonArray out = new JsonArray();
                leases.forEach(l -> out.add(view(l)));
                Http.json(ctx, 200, new JsonObject().put("leases", out));
            }).onFailure(e -> Http.unavailable(ctx, e));
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

    private void end(RoutingContext ctx) {
        withMyLease(ctx, lease -> Http.on(ctx, api.people().endLease(lease.id(), System.currentTimeMillis()))
                .compose(v -> Http.on(ctx, api.roster().sync(lease.building())))
                .onSuccess(applied -> Http.json(ctx, 200, new JsonObject().put("lease", lease.id()).put("ended", true)
                        .put("gateways", new JsonArray().add(applied(applied)))))
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
