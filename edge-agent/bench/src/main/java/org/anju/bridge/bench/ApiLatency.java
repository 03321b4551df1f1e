package org.anju.bridge.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.anju.bridge.park.store.StateQueries;

/**
 * What an officer's console asks the park at scale, timed request by request and each beside the
 * same rows read by the store's own query ({@link StateQueries}, the bridge's code on its own
 * connection to the same database, no HTTP, no sign-in check, no JSON), and the bridge's
 * {@code /health} as the HTTP round trip's floor. Taken in turns, so each figure and its floor see
 * the same load.
 */
final class ApiLatency {
    /** A console's requests: one building's ports, the park's charging ports, its faulted ports, the open alarms. */
    enum Kind {
        BUILDING_PORTS("ports.building"), CHARGING_PORTS("ports.charging"), FAULTED_PORTS("ports.faulted"),
        OPEN_ALARMS("alarms");

        final String figure;

        Kind(String figure) {
            this.figure = figure;
        }
    }

    /** The latencies in ms of each kind through the API and through the store, and of {@code /health}. */
    record Sampled(Map<Kind, List<Double>> apiMs, Map<Kind, List<Double>> storeMs, List<Double> healthMs) {
        Samples api(Kind k) {
            return samples(apiMs.get(k));
        }

        Samples store(Kind k) {
            return samples(storeMs.get(k));
        }

        Samples health() {
            return samples(healthMs);
        }

        private static Samples samples(List<Double> ms) {
            return new Samples(ms.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** The page a console asks for (its page.js asks 500 at a time). */
    static final int PAGE = 500;

    private final ApiClient api;
    private final StateQueries store;
    private final List<String> gateways;
    private final Random random = new Random(21);

    ApiLatency(ApiClient api, StateQueries store, List<String> gateways) {
        this.api = api;
        this.store = store;
        this.gateways = gateways;
    }

    /** {@code rounds} turns of every kind (the first few, warming up, not counted). */
    Sampled sample(int rounds) throws Exception {
        int[] left = {rounds + 5};
        Sampled s = sampleWhile(() -> --left[0] >= 0);
        s.apiMs().values().forEach(l -> l.subList(0, Math.min(5, l.size() - 1)).clear());
        s.storeMs().values().forEach(l -> l.subList(0, Math.min(5, l.size() - 1)).clear());
        s.healthMs().subList(0, Math.min(5, s.healthMs().size() - 1)).clear();
        return s;
    }

    /** Turns of every kind for as long as {@code going} says (at least one). */
    Sampled sampleWhile(BooleanSupplier going) throws Exception {
        Map<Kind, List<Double>> viaApi = new EnumMap<>(Kind.class);
        Map<Kind, List<Double>> viaStore = new EnumMap<>(Kind.class);
        List<Double> health = new ArrayList<>();
        for (Kind k : Kind.values()) {
            viaApi.put(k, new ArrayList<>());
            viaStore.put(k, new ArrayList<>());
        }
        do {
            String gateway = gateways.get(random.nextInt(gateways.size()));
            for (Kind k : Kind.values()) {
                viaApi.get(k).add(api.timedGet(path(k, gateway)));
                long start = System.nanoTime();
                query(k, gateway);
                viaStore.get(k).add((System.nanoTime() - start) / 1e6);
            }
            health.add(api.timedHealth());
        } while (going.getAsBoolean());
        return new Sampled(viaApi, viaStore, health);
    }

    private static String path(Kind k, String gateway) {
        return switch (k) {
            case BUILDING_PORTS -> "/api/v1/ports?limit=" + PAGE + "&building=" + FloodGateways.building(gateway);
            case CHARGING_PORTS -> "/api/v1/ports?limit=" + PAGE + "&state=Charging";
            case FAULTED_PORTS -> "/api/v1/ports?limit=" + PAGE + "&state=Faulted";
            case OPEN_ALARMS -> "/api/v1/alarms";
        };
    }

    private void query(Kind k, String gateway) throws Exception {
        switch (k) {
            case BUILDING_PORTS -> page(Optional.of(gateway), Optional.empty());
            case CHARGING_PORTS -> page(Optional.empty(), Optional.of("Charging"));
            case FAULTED_PORTS -> page(Optional.empty(), Optional.of("Faulted"));
            case OPEN_ALARMS -> store.alarms(true).get(60, TimeUnit.SECONDS);
        }
    }

    private void page(Optional<String> gateway, Optional<String> state) throws Exception {
        store.page(new StateQueries.PortFilter(gateway, List.of(), state), null, PAGE).get(60, TimeUnit.SECONDS);
    }
}
