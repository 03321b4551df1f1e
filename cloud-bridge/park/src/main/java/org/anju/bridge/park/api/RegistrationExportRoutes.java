package org.anju.bridge.park.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.park.auth.PasswordPolicy;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.RegistrationRecords;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The floating-population registrations of a building for the local police station, as a CSV file
 * ({@link RegistrationCsv}), and the audit trail of those exports. The landlord types their
 * password again for each export, checked like a sign-in with its limits; the full ID and mobile
 * numbers are opened only to write the file and are never logged. Every export is recorded (who,
 * when, which building, how many records, from which address) and the admin reads the trail.
 */
final class RegistrationExportRoutes {
    private final ApiContext api;

    RegistrationExportRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.post("/api/v1/buildings/:building/registrations/export").handler(this::export);
        router.get("/api/v1/registration-exports").handler(this::trail);
    }

    private ZoneId zone() {
        return api.config() == null ? ParkConfig.DEFAULT_TIME_ZONE : api.config().timeZone();
    }

    private void export(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.LANDLORD);
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String password = Http.text(ctx, body.get(), "password", PasswordPolicy.MAX_LENGTH);
        if (password == null) {
            return;
        }
        String building = ctx.pathParam("building");
        String landlord = who.get().accountId();
        Http.on(ctx, api.people().buildingsOf(landlord)).compose(mine -> {
            if (!mine.contains(building)) {
                Http.refuse(ctx, 403, "landlord.notYours", "building", Http.abbreviated(building));
                return io.vertx.core.Future.succeededFuture();
            }
            return Http.on(ctx, api.people().account(landlord)).compose(account -> {
                if (account.isEmpty()) {
                    Http.refuse(ctx, 401, "landlord.account.gone");
                    return io.vertx.core.Future.succeededFuture();
                }
                return new AccountRoutes(api).recheck(ctx, account.get(), password).compose(check -> switch (check) {
                    case ANSWERED -> io.vertx.core.Future.succeededFuture();
                    case WRONG -> {
                        // 403, not 401: the session is fine, only this export is refused
                        Http.refuse(ctx, 403, "landlord.exportWrongPassword");
                        yield io.vertx.core.Future.succeededFuture();
                    }
                    case RIGHT -> send(ctx, account.get(), building);
                });
            });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private io.vertx.core.Future<Void> send(RoutingContext ctx, PeopleStore.Account landlord, String building) {
        RegistrationRecords records = new RegistrationRecords(api.db());
        long now = System.currentTimeMillis();
        String buildingName = api.buildings().building(building).map(ParkConfig.Building::name).orElse(building);
        return Http.on(ctx, records.current(building, now)).compose(current -> {
            List<RegistrationCsv.Row> rows = current.stream().map(r -> row(r, buildingName)).toList();
            String csv = RegistrationCsv.render(rows, Http.lang(ctx), zone());
            return Http.on(ctx, records.recordExport(landlord.id(), building, now, rows.size(), api.clients().of(ctx.request())))
                    .map(recorded -> {
                        String file = "registrations-" + building + "-" + LocalDate.ofInstant(Instant.ofEpochMilli(now), zone()) + ".csv";
                        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                                .putHeader("Cache-Control", "no-store").putHeader("X-Anju-Records", Integer.toString(rows.size()))
                                .putHeader("X-Anju-Export", recorded.id()).end(csv);
                        return null;
                    });
        });
    }

    /** A registration with its numbers opened, for this file only. */
    private RegistrationCsv.Row row(RegistrationRecords.Registered r, String buildingName) {
        PeopleStore.Lease l = r.lease();
        return new RegistrationCsv.Row(l.displayName(), api.cipher().decrypt(l.idNumberSealed(), l.id()),
                api.cipher().decrypt(l.phoneSealed(), l.id()), buildingName, l.room(), l.validFrom(), l.validUntil(), r.filedAt());
    }

    /** The admin's view of the trail: the latest exports first, with the landlord's login. */
    private void trail(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.ADMIN).isEmpty()) {
            return;
        }
        Http.on(ctx, new RegistrationRecords(api.db()).exports(500)).onSuccess(exports -> {
            JsonArray out = new JsonArray();
            exports.forEach(e -> out.add(new JsonObject().put("id", e.id()).put("landlord", e.landlord()).put("login", e.login())
                    .put("building", e.building()).put("at", Instant.ofEpochMilli(e.at()).toString())
                    .put("records", e.records()).put("address", e.address())));
            Http.json(ctx, 200, new JsonObject().put("exports", out));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }
}
