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
        router.post("/api/v1/leases/:lease/renewal").handler(this::renew);
        router.post("/api/v1/leases/:lease/invitation").handler(this::reissue);
    }

    private Future<Boolean> owns(RoutingContext ctx, Principal who, String building) {
        return Http.on(ctx, api.people().buildingsOf(who.accountId())).map(set -> set.contains(building));
    }

    private void buildings(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.LANDLORD).ifPresent(who -> Http.on(ctx, api.people().buildingsOf(who.accountId()))
                .onSuccess(ids -> {
                    JsonArray out = new JsonArray();
                    ids.forEach(id -> api.buildings().building(id).ifPresent(b -> out.add(new JsonObject().put("id", b.id())
                            .put("name", b.name()).put("rooms", new JsonArray(rooms(b)))
                            .put("areas", new JsonArray(b.areas().stream().map(a -> a.id()).toList())))));
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
        FieldProblems problems = new FieldProblems();
        String buildingId = b.getValue("building") instanceof String s ? s : "";
        Optional<ParkConfig.Building> building = api.buildings().building(buildingId);
        String room = b.getValue("room") instanceof String s ? s.strip() : "";
        if (building.isEmpty()) {
            problems.add("building", "landlord.bad.building", "given", Http.abbreviated(buildingId));
        } else if (!rooms(building.get()).contains(room)) {
            problems.add("room", "landlord.bad.room", "building", buildingId, "given", Http.abbreviated(room),
                    "rooms", String.join(", ", rooms(building.get())));
        }
        String name = b.getValue("name") instanceof String s ? s.strip() : "";
        if (name.isEmpty() || name.length() > 64 || Http.hasControlCharacters(name)) {
            problems.add("name", "landlord.bad.name");
        }
        if (PhoneNumber.problem(b.getValue("phone") instanceof String s ? s : null) != null) {
            problems.add("phone", "landlord.bad.phone");
        }
        IdNumber.Parsed id = IdNumber.parse(b.getValue("idNumber") instanceof String s ? s : null);
        if (id instanceof IdNumber.Parsed.Invalid invalid) {
            problems.add("idNumber", invalid.code(), "given", invalid.given());
        }
        Instant from = instant(b, "leaseStart", problems);
        Instant until = instant(b, "leaseEnd", problems);
        LeaseWindow.problems(from, until, Instant.now()).forEach(p -> problems.add(p.field(), p.code(), p.args()));
        List<String> cards = cards(b, problems);
        String key = optionalId(b, "idempotencyKey", "landlord.key.form", 8, problems);
        String continues = optionalId(b, "continues", "landlord.continues.form", 1, problems);
        if (!problems.isEmpty()) {
            FieldProblems.answer(ctx, 400, "landlord.notRegistered", problems.list(), zone());
            return;
        }
        owns(ctx, who.get(), buildingId).compose(mine -> {
            if (!mine) {
                Http.refuse(ctx, 403, "landlord.notYours", "building", buildingId);
                return Future.succeededFuture();
            }
            Future<Optional<PeopleStore.Lease>> first = continues == null ? Future.succeededFuture(Optional.empty())
                    : mine(ctx, who.get(), continues);
            return first.compose(continued -> {
                if (continues != null && continued.isEmpty()) {
                    refused(ctx, "landlord.notRegistered", new LeaseChanges.Outcome.Refused(409, "continues",
                            "landlord.continues.none", "lease", continues, "building", buildingId));
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
            refused(ctx, "landlord.notRegistered", refused);
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

    /** A change the store refused: the summary and the one problem naming the field; nothing was changed. */
    private void refused(RoutingContext ctx, String summary, LeaseChanges.Outcome.Refused refused) {
        FieldProblems.answer(ctx, refused.status(), summary, List.of(new FieldProblems.Problem(refused.field(), refused.code(),
                refused.args())), zone());
    }

    /** The park's time zone: dates people type and read are days there. */
    private java.time.ZoneId zone() {
        return api.config() == null ? ParkConfig.DEFAULT_TIME_ZONE : api.config().timeZone();
    }

    /** The cards in {@code b}: each {@code facility:number}, none twice; problems name the cards. */
    private static List<String> cards(JsonObject b, FieldProblems problems) {
        List<String> cards = new ArrayList<>();
        Object given = b.getValue("cards");
        if (given != null && !(given instanceof JsonArray)) {
            problems.add("cards", "landlord.cards.list");
            return cards;
        }
        for (Object card : given == null ? new JsonArray() : (JsonArray) given) {
            try {
                new CommandBody.RosterCredential("card", String.valueOf(card));
                if (cards.contains(String.valueOf(card))) {
                    problems.add("cards", "landlord.cards.twice", "card", card);
                } else {
                    cards.add(String.valueOf(card));
                }
            } catch (IllegalArgumentException e) {
                problems.add("cards", "landlord.cards.form", "card", Http.abbreviated(String.valueOf(card)));
            }
        }
        if (cards.size() > 8) {
            problems.add("cards", "landlord.cards.max");
        }
        return cards;
    }

    /** An optional id-like text field: null when absent, else it must match; a problem names the field. */
    private static String optionalId(JsonObject b, String field, String code, int min, FieldProblems problems) {
        Object v = b.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof String s && s.length() >= min && s.length() <= 64 && s.matches("[A-Za-z0-9_-]+")) {
            return s;
        }
        problems.add(field, code);
        return null;
    }

    /** A time: an instant ({@code 2026-12-01T00:00:00Z}) or a day ({@code 2026-12-01}: its start in the park's time zone). */
    private Instant instant(JsonObject b, String field, FieldProblems problems) {
        String text = String.valueOf(b.getValue(field));
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(zone()).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(field, "landlord.bad.date");
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
                Http.refuse(ctx, 403, "landlord.giveBuilding");
                return;
            }
            long now = System.currentTimeMillis();
            Http.on(ctx, api.people().leasesOfBuilding(building)).compose(leases -> Http.on(ctx, api.roster().leases(building))
                    .map(states -> {
                        JsonArray out = new JsonArray();
                        // an ended renter stays listed while their history is kept, then is gone from the portal
                        leases.stream().filter(l -> historyUntil(l) == null || historyUntil(l) > now).forEach(l -> {
                            JsonObject v = view(l).put("gateways", states.containsKey(l.id())
                                    ? new JsonArray().add(state(states.get(l.id()))) : new JsonArray());
                            if (historyUntil(l) != null) {
                                v.put("historyUntil", Instant.ofEpochMilli(historyUntil(l)).toString());
                            }
                            out.add(v);
                        });
                        return out;
                    })).onSuccess(out -> Http.json(ctx, 200, new JsonObject().put("leases", out)))
                    .onFailure(e -> Http.unavailable(ctx, e));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** Until when a lease's access history is kept: the park's retention after it ended or ran out; null while it runs. */
    private Long historyUntil(PeopleStore.Lease l) {
        long now = System.currentTimeMillis();
        Long over = l.endedAt() != null ? l.endedAt() : l.validUntil() <= now ? Long.valueOf(l.validUntil()) : null;
        return over == null ? null : over + retention().toMillis();
    }

    private java.time.Duration retention() {
        return api.config() == null ? java.time.Duration.ofDays(ParkConfig.DEFAULT_ACCESS_HISTORY_DAYS)
                : api.config().accessHistoryRetention();
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
                Http.refuse(ctx, 404, "landlord.noLease", "lease", Http.abbreviated(leaseId));
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
                Http.refuse(ctx, 409, "landlord.endedNoInvitation", "lease", lease.id());
                return;
            }
            Http.on(ctx, api.people().account(lease.tenant()))
                    .compose(account -> Invitations.issue(ctx, api, lease.tenant(),
                            account.map(PeopleStore.Account::login).orElse(""), ctx.<Principal>get(Http.PRINCIPAL).accountId()))
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
            FieldProblems problems = new FieldProblems();
            if (!(body.get().getValue("cards") instanceof JsonArray)) {
                problems.add("cards", "landlord.cards.list");
            }
            List<String> cards = cards(body.get(), problems);
            if (!problems.isEmpty()) {
                FieldProblems.answer(ctx, 400, "landlord.cardsNotChanged", problems.list(), zone());
                return;
            }
            changed(ctx, lease, "landlord.cardsNotChanged", api.leases().changeCards(lease.id(), cards));
        });
    }

    /**
     * Renews a lease: {@code {"leaseEnd": "2027-06-30"}} (a day in the park's time zone, or an
     * instant) later than its end now. The roster change goes to the gateway like any other, and
     * the answer says where it stands there (pending until the gateway confirms).
     */
    private void renew(RoutingContext ctx) {
        withMyLease(ctx, lease -> {
            Optional<JsonObject> body = Http.body(ctx);
            if (body.isEmpty()) {
                return;
            }
            FieldProblems problems = new FieldProblems();
            Instant until = instant(body.get(), "leaseEnd", problems);
            if (!problems.isEmpty()) {
                FieldProblems.answer(ctx, 400, "landlord.notRenewed", problems.list(), zone());
                return;
            }
            changed(ctx, lease, "landlord.notRenewed", api.leases().renew(lease.id(), until.toEpochMilli()));
        });
    }

    /** Answers a card change or a renewal: refused with its problem, or the lease and where it stands at the gateway. */
    private void changed(RoutingContext ctx, PeopleStore.Lease lease, String summary,
                         java.util.concurrent.CompletionStage<LeaseChanges.Outcome> change) {
        Http.on(ctx, change).compose(outcome -> {
            if (outcome instanceof LeaseChanges.Outcome.Refused refused) {
                refused(ctx, summary, refused);
                return Future.succeededFuture();
            }
            PeopleStore.Lease now = ((LeaseChanges.Outcome.Done) outcome).lease();
            return Http.on(ctx, api.roster().sync(lease.building())).compose(a -> gatewayStates(ctx, now))
                    .map(states -> {
                        Http.json(ctx, 200, new JsonObject().put("lease", view(now)).put("gateways", states));
                        return null;
                    });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /**
     * The renter's access history ({@link AccessHistory}): while the lease runs, and after it ended
     * for the park's retention ({@code retention.accessHistoryDays}); then it is deleted.
     */
    private void access(RoutingContext ctx) {
        withMyLease(ctx, lease -> {
            Optional<ParkConfig.Building> building = api.buildings().building(lease.building());
            String gateway = building.map(ParkConfig.Building::gateway).orElse("");
            java.util.Map<String, String> rooms = new java.util.HashMap<>();
            building.ifPresent(b -> b.doors().forEach(d -> d.room().ifPresent(r -> rooms.put(d.id(), r))));
            Long kept = historyUntil(lease);
            JsonObject answer = new JsonObject().put("lease", lease.id()).put("name", lease.displayName());
            if (kept != null) {
                answer.put("historyUntil", Instant.ofEpochMilli(kept).toString());
            }
            if (kept != null && kept <= System.currentTimeMillis()) {
                Http.json(ctx, 200, answer.put("access", new JsonArray()).put("deleted", true));
                return;
            }
            Http.on(ctx, api.ingest().events(gateway, org.anju.bridge.park.store.RegistrationRecords.ACCESS_TYPES,
                    lease.tenant(), 300)).onSuccess(events -> Http.json(ctx, 200,
                            answer.put("access", new JsonArray(AccessHistory.rows(events, lease.tenant(), rooms)))))
                    .onFailure(e -> Http.unavailable(ctx, e));
        });
    }
}
