package org.anju.bridge.park.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.MultiMap;

/**
 * What {@code GET /api/v1/ports} was asked for: {@code building} (an id of the park), {@code area}
 * (one of that building's charging areas), {@code state} (an OCPP state), {@code limit} (1 to
 * {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} if not given) and {@code after} (the {@code next} of
 * the page before). Anything else is refused with what was wrong.
 */
record PortQuery(StateQueries.PortFilter filter, StateQueries.PortKey after, int limit) {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 2_000;
    static final Set<String> STATES = Set.of("Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV",
            "Finishing", "Reserved", "Faulted", "Unavailable");

    sealed interface Parsed {
        record Ok(PortQuery query) implements Parsed {
        }

        /** Refused with a catalog code and its placeholders' names and values. */
        record Refused(int status, String code, Object... args) implements Parsed {
        }
    }

    static Parsed parse(BuildingDirectory buildings, MultiMap params) {
        String buildingId = params.get("building");
        String areaId = params.get("area");
        Optional<String> gateway = Optional.empty();
        List<String> piles = List.of();
        if (buildingId != null) {
            Optional<ParkConfig.Building> building = buildings.building(buildingId);
            if (building.isEmpty()) {
                return new Parsed.Refused(404, "console.err.noBuilding", "building", Http.abbreviated(buildingId));
            }
            gateway = Optional.of(building.get().gateway());
            if (areaId != null) {
                Optional<ParkConfig.Area> area = building.get().areas().stream().filter(a -> a.id().equals(areaId)).findFirst();
                if (area.isEmpty()) {
                    return new Parsed.Refused(404, "console.err.noArea", "area", Http.abbreviated(areaId), "building",
                            buildingId);
                }
                piles = area.get().piles();
            }
        } else if (areaId != null) {
            return new Parsed.Refused(400, "console.err.areaWithoutBuilding");
        }
        String state = params.get("state");
        if (state != null && !STATES.contains(state)) {
            return new Parsed.Refused(400, "console.err.stateFilter", "state", Http.abbreviated(state), "states",
                    String.join(", ", new java.util.TreeSet<>(STATES)));
        }
        Integer limit = limit(params.get("limit"));
        if (limit == null) {
            return new Parsed.Refused(400, "console.err.limit", "given", Http.abbreviated(params.get("limit")), "max",
                    MAX_LIMIT);
        }
        StateQueries.PortKey after = null;
        if (params.get("after") != null) {
            after = key(params.get("after"));
            if (after == null) {
                return new Parsed.Refused(400, "console.err.cursor");
            }
        }
        return new Parsed.Ok(new PortQuery(new StateQueries.PortFilter(gateway, piles, Optional.ofNullable(state)), after,
                limit));
    }

    /**
     * A page's size as {@code limit} gave it ({@value #DEFAULT_LIMIT} when absent), or null when it is
     * not a whole number from 1 to {@value #MAX_LIMIT}: the API's pages (ports, alarms) take the same.
     */
    static Integer limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            return null;
        }
        return Integer.parseInt(text);
    }

    /** Where the page after one ending at {@code last} starts, as {@code after} takes it. */
    static String cursor(StateQueries.PortKey last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((last.gateway() + "\n" + last.pile() + "\n"
                + last.port()).getBytes(StandardCharsets.UTF_8));
    }

    private static StateQueries.PortKey key(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3 || !parts[2].matches("[0-9]{1,9}")) {
                return null;
            }
            return new StateQueries.PortKey(parts[0], parts[1], Integer.parseInt(parts[2]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
