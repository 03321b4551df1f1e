package org.anju.bridge.park.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The park at a glance, for an officer facing 100 buildings: each building with its charging
 * areas, their ports (all, charging, held off, faulted), the hottest pile, the open alarms (the
 * most severe named) and whether the gateway is online, and the park's totals. Pure: the store's
 * summaries and the park file in, JSON out.
 */
final class ParkOverview {
    private static final List<String> SEVERITIES = List.of("FIRE", "CRITICAL", "MAJOR", "WARNING");

    private ParkOverview() {
    }

    static JsonObject of(BuildingDirectory directory, List<StateQueries.PileSummary> piles, List<StateQueries.Alarm> alarms,
                         Set<String> online) {
        Map<String, StateQueries.PileSummary> byPile = new HashMap<>();
        piles.forEach(p -> byPile.put(p.gateway() + "\n" + p.pile(), p));
        // grouped once: each building looking through every open alarm was 5 million steps a request
        // for a park of 1,000 buildings in an alarm storm of 5,000
        Map<String, List<StateQueries.Alarm>> byGateway = new HashMap<>();
        alarms.forEach(a -> byGateway.computeIfAbsent(a.gateway(), g -> new ArrayList<>()).add(a));
        JsonArray buildings = new JsonArray();
        Counts park = new Counts();
        int stale = 0;
        for (ParkConfig.Building b : directory.all()) {
            List<StateQueries.Alarm> own = byGateway.getOrDefault(b.gateway(), List.of());
            Counts building = new Counts();
            JsonArray areas = new JsonArray();
            for (ParkConfig.Area a : b.areas()) {
                Counts area = new Counts();
                a.piles().forEach(pile -> area.add(byPile.get(b.gateway() + "\n" + pile)));
                own.stream().filter(al -> areaOf(b, al.source()).equals(a.id())).forEach(area::alarm);
                building.add(area);
                areas.add(area.json().put("area", a.id()));
            }
            // alarms of the building not in one of its areas (a door, a pile the park file does not place)
            own.stream().filter(al -> areaOf(b, al.source()).isEmpty()).forEach(building::alarm);
            boolean up = online.contains(b.gateway());
            stale += up ? 0 : 1;
            park.add(building);
            buildings.add(building.json().put("building", b.id()).put("name", b.name()).put("gateway", b.gateway())
                    .put("online", up).put("areas", areas));
        }
        return new JsonObject().put("buildings", buildings).put("totals", park.json().put("buildings", buildings.size())
                .put("staleGateways", stale));
    }

    /** The area an alarm's source (pile-1/3, pile-1, area:bike-shed) belongs to, or "". */
    private static String areaOf(ParkConfig.Building b, String source) {
        if (source.startsWith("area:")) {
            return source.substring(5);
        }
        String pile = source.split("/", 2)[0];
        return b.areas().stream().filter(a -> a.piles().contains(pile)).map(ParkConfig.Area::id).findFirst().orElse("");
    }

    private static final class Counts {
        int ports;
        int charging;
        int held;
        int faulted;
        Double hottest;
        int alarms;
        String worst;

        void add(StateQueries.PileSummary p) {
            if (p == null) {
                return;
            }
            ports += p.ports();
            charging += p.charging();
            held += p.held();
            faulted += p.faulted();
            hotter(p.temperatureC());
        }

        void add(Counts c) {
            ports += c.ports;
            charging += c.charging;
            held += c.held;
            faulted += c.faulted;
            hotter(c.hottest);
            alarms += c.alarms;
            worse(c.worst);
        }

        void alarm(StateQueries.Alarm a) {
            alarms++;
            worse(a.severity());
        }

        private void hotter(Double t) {
            if (t != null && (hottest == null || t > hottest)) {
                hottest = t;
            }
        }

        private void worse(String severity) {
            if (severity != null && (worst == null || rank(severity) < rank(worst))) {
                worst = severity;
            }
        }

        private static int rank(String severity) {
            int i = SEVERITIES.indexOf(severity);
            return i < 0 ? SEVERITIES.size() : i;
        }

        JsonObject json() {
            return new JsonObject().put("ports", ports).put("charging", charging).put("held", held).put("faulted", faulted)
                    .put("hottestC", hottest).put("alarms", alarms).put("worstSeverity", worst);
        }
    }
}
