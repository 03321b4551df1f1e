package org.anju.bridge.park.api;

import java.util.List;
import java.util.Optional;

import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The QR labels of a charging area's ports, to print and stick beside each port: each encodes the
 * port's address on the tenant page ({@code tenant.html#charge=BUILDING/PILE/PORT}), which opens
 * with that port chosen and a big Start. The ports are those the building's gateway has reported.
 * For the building's landlord, fire safety officers and the admin (port-labels.html shows them).
 */
final class PortLabels {
    private final ApiContext api;
    private final StateQueries state;

    PortLabels(ApiContext api) {
        this.api = api;
        this.state = new StateQueries(api.db());
    }

    void mount(Router router) {
        router.get("/api/v1/buildings/:building/areas/:area/labels").handler(this::labels);
    }

    /** The address on the tenant page that a port's label encodes. */
    static String portUrl(String base, String building, String pile, int port) {
        return base + "/tenant.html#charge=" + building + "/" + pile + "/" + port;
    }

    private void labels(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.LANDLORD, Role.OFFICER, Role.ADMIN);
        if (who.isEmpty()) {
            return;
        }
        Optional<ParkConfig.Building> building = api.buildings().building(ctx.pathParam("building"));
        Optional<ParkConfig.Area> area = building.flatMap(b -> b.areas().stream()
                .filter(a -> a.id().equals(ctx.pathParam("area"))).findFirst());
        if (area.isEmpty()) {
            Http.refuse(ctx, 404, "tenant.labels.noArea", "area", Http.abbreviated(ctx.pathParam("area")));
            return;
        }
        Future<Boolean> allowed = who.get().role() != Role.LANDLORD ? Future.succeededFuture(true)
                : Http.on(ctx, api.people().buildingsOf(who.get().accountId())).map(mine -> mine.contains(building.get().id()));
        allowed.compose(yes -> {
            if (!yes) {
                Http.refuse(ctx, 403, "tenant.labels.notYours");
                return Future.succeededFuture();
            }
            return Http.on(ctx, state.ports(new StateQueries.PortFilter(Optional.of(building.get().gateway()),
                    area.get().piles(), Optional.empty()))).map(ports -> {
                        String base = Invitations.publicUrl(ctx, api);
                        JsonArray labels = new JsonArray();
                        for (StateQueries.Port p : ports) {
                            String url = portUrl(base, building.get().id(), p.pile(), p.port());
                            labels.add(new JsonObject().put("pile", p.pile()).put("port", p.port()).put("url", url)
                                    .put("qr", Invitations.qrDataUri(url)));
                        }
                        Http.json(ctx, 200, new JsonObject().put("building", building.get().id())
                                .put("buildingName", building.get().name()).put("area", area.get().id())
                                .put("areas", new JsonArray(areaIds(building.get())))
                                .put("labels", labels));
                        return null;
                    });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    static List<String> areaIds(ParkConfig.Building b) {
        return b.areas().stream().map(ParkConfig.Area::id).toList();
    }
}
