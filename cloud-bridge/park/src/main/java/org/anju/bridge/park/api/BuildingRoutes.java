package org.anju.bridge.park.api;

import java.util.List;
import java.util.Optional;

import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.buildings.BuildingForm;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.i18n.Catalog;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.BuildingStore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The park's buildings, managed by the administrator (fire safety officers read them): each with
 * its gateway and that gateway's public key, doors and rooms, charging areas and piles, lifts and
 * village. A change is checked whole ({@link BuildingForm}) and refused with every problem by
 * field; it names the version it was made from, so an admin never overwrites another's change
 * unseen. Answered once this instance serves the change; the others hear of it through the store.
 */
final class BuildingRoutes {
    private final ApiContext api;

    BuildingRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.get("/api/v1/park/buildings").handler(this::list);
        router.post("/api/v1/park/buildings").handler(this::create);
        router.get("/api/v1/park/buildings/:building").handler(this::one);
        router.put("/api/v1/park/buildings/:building").handler(this::update);
        router.delete("/api/v1/park/buildings/:building").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN, Role.OFFICER).ifPresent(who -> {
            JsonArray out = new JsonArray();
            api.buildings().all().forEach(b -> api.buildings().stored(b.id()).ifPresent(s -> out.add(json(s, who))));
            Http.json(ctx, 200, new JsonObject().put("buildings", out));
        });
    }

    private void one(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN, Role.OFFICER).ifPresent(who -> {
            String id = ctx.pathParam("building");
            api.buildings().stored(id).ifPresentOrElse(s -> Http.json(ctx, 200, json(s, who)),
                    () -> Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id)));
        });
    }

    private void create(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.ADMIN);
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        if (!(BuildingForm.check(body.get(), Optional.empty()) instanceof BuildingForm.Checked.Valid valid)) {
            invalid(ctx, body.get(), Optional.empty());
            return;
        }
        Http.on(ctx, api.buildings().create(valid.building(), System.currentTimeMillis(), who.get().accountId()))
                .onSuccess(outcome -> answer(ctx, 201, valid.building().id(), outcome, who.get()))
                .onFailure(e -> Http.unavailable(ctx, e));
    }

    private void update(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.ADMIN);
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("building");
        Optional<BuildingStore.Stored> kept = api.buildings().stored(id);
        if (kept.isEmpty()) {
            Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id));
            return;
        }
        JsonObject given = body.get();
        if (given.getValue("id") != null && !id.equals(given.getValue("id"))) {
            problems(ctx, 400, List.of(new BuildingForm.Problem("id", "buildings.err.idChanged", "id", id)));
            return;
        }
        if (given.getValue("version") == null) {
            problems(ctx, 400, List.of(new BuildingForm.Problem("version", "buildings.err.version")));
            return;
        }
        JsonObject withId = given.copy().put("id", id);
        if (!(BuildingForm.check(withId, kept.map(BuildingStore.Stored::building)) instanceof BuildingForm.Checked.Valid valid)) {
            invalid(ctx, withId, kept.map(BuildingStore.Stored::building));
            return;
        }
        Http.on(ctx, api.buildings().update(valid.building(), valid.version(), System.currentTimeMillis(), who.get().accountId()))
                .onSuccess(outcome -> answer(ctx, 200, id, outcome, who.get()))
                .onFailure(e -> Http.unavailable(ctx, e));
    }

    private void delete(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN).ifPresent(who -> {
            String id = ctx.pathParam("building");
            Optional<ParkConfig.Building> building = api.buildings().building(id);
            if (building.isEmpty()) {
                Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id));
                return;
            }
            Http.on(ctx, api.buildings().delete(id)).onSuccess(outcome -> {
                if (outcome instanceof BuildingStore.Outcome.InUse inUse && inUse.leases() > 0) {
                    Http.refuse(ctx, 409, "buildings.err.leases", "id", id, "leases", inUse.leases());
                } else if (outcome instanceof BuildingStore.Outcome.InUse) {
                    Http.refuse(ctx, 409, "buildings.err.online", "id", id, "gateway", building.get().gateway());
                } else if (outcome instanceof BuildingStore.Outcome.Missing) {
                    Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id));
                } else {
                    Http.json(ctx, 200, new JsonObject().put("deleted", id));
                }
            }).onFailure(e -> Http.unavailable(ctx, e));
        });
    }

    /** The store's word on a change: the building as served now, or the conflict by field. */
    private void answer(RoutingContext ctx, int status, String id, BuildingStore.Outcome outcome, Principal who) {
        if (outcome instanceof BuildingStore.Outcome.Done) {
            api.buildings().stored(id).ifPresentOrElse(s -> Http.json(ctx, status, json(s, who)),
                    () -> Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id)));
        } else if (outcome instanceof BuildingStore.Outcome.IdTaken taken) {
            problems(ctx, 409, List.of(new BuildingForm.Problem("id", "buildings.err.idTaken", "id", taken.id())));
        } else if (outcome instanceof BuildingStore.Outcome.GatewayTaken taken) {
            problems(ctx, 409, List.of(new BuildingForm.Problem("gateway", "buildings.err.gatewayTaken",
                    "gateway", taken.gateway(), "building", taken.building())));
        } else if (outcome instanceof BuildingStore.Outcome.Stale stale) {
            problems(ctx, 409, List.of(new BuildingForm.Problem("version", "buildings.err.stale", "current", stale.current())));
        } else {
            Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id));
        }
    }

    private void invalid(RoutingContext ctx, JsonObject body, Optional<ParkConfig.Building> kept) {
        problems(ctx, 400, ((BuildingForm.Checked.Invalid) BuildingForm.check(body, kept)).problems());
    }

    /**
     * {@code {code, error, field, problems: [{field, code, text}]}}: the first problem is the summary
     * ("未保存：第 2 扇门的类型：…"), each names its field for the page to mark the input.
     */
    private static void problems(RoutingContext ctx, int status, List<BuildingForm.Problem> problems) {
        Catalog.Lang lang = Http.lang(ctx);
        JsonArray all = new JsonArray();
        problems.forEach(p -> all.add(new JsonObject().put("field", p.field()).put("code", p.code()).put("text", text(lang, p))));
        BuildingForm.Problem first = problems.get(0);
        Http.json(ctx, status, new JsonObject().put("code", first.code())
                .put("error", Catalog.park().text(lang, "buildings.notSaved", "problem", text(lang, first)))
                .put("field", first.field()).put("problems", all));
    }

    private static String text(Catalog.Lang lang, BuildingForm.Problem p) {
        return BuildingForm.text(lang, p, Http.abbreviated(p.field()));
    }

    /** A building as the API shows it; its key (and the key file park.yaml named) only to the admin. */
    static JsonObject json(BuildingStore.Stored s, Principal who) {
        ParkConfig.Building b = s.building();
        JsonObject out = new JsonObject().put("id", b.id()).put("name", b.name()).put("gateway", b.gateway())
                .put("village", b.village().orElse(null)).mergeIn(BuildingStore.layout(b))
                .put("version", s.version()).put("updatedAt", s.updatedAt());
        if (who.role() == Role.ADMIN) {
            out.put("gatewayKey", b.gatewayKey().orElse(null))
                    .put("gatewayKeyFile", b.gatewayKeyFile().map(Object::toString).orElse(null));
        }
        return out;
    }
}
