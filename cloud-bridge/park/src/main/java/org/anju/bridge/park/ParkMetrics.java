package org.anju.bridge.park;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.bridge.park.ingest.Ingest;
import org.anju.bridge.park.mqtt.ParkMqtt;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The bridge's figures for Prometheus ({@code GET /metrics}): ingest, drops by kind, each broker
 * connection and what it holds unacknowledged, what waits for the store, the JVM.
 */
final class ParkMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Ingest ingest;
    private final Set<String> droppedKinds = ConcurrentHashMap.newKeySet();

    ParkMetrics(Ingest ingest, ParkMqtt mqtt, ParkMqtt live) {
        this.ingest = ingest;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        FunctionCounter.builder("anju_park_events_stored_total", ingest, Ingest::storedEvents)
                .description("events stored for the first time").register(registry);
        FunctionCounter.builder("anju_park_events_duplicate_total", ingest, Ingest::duplicateEvents)
                .description("events received again and dropped by (gateway, seq)").register(registry);
        for (ParkMqtt m : java.util.List.of(mqtt, live)) {
            Gauge.builder("anju_park_broker_connected", m, c -> c.connected() ? 1 : 0).tag("connection", m.name())
                    .register(registry);
            Gauge.builder("anju_park_unacknowledged_messages", m, ParkMqtt::unacknowledged).tag("connection", m.name())
                    .description("messages received and not yet acknowledged (at most the connection's limit)")
                    .register(registry);
        }
        for (String lane : ingest.waiting().keySet()) {
            Gauge.builder("anju_park_batches_waiting", ingest, i -> i.waiting().getOrDefault(lane, 0)).tag("lane", lane)
                    .description("verified batches waiting for the store").register(registry);
        }
    }

    String scrape() {
        ingest.dropped().keySet().forEach(kind -> {
            if (droppedKinds.add(kind)) {
                FunctionCounter.builder("anju_park_messages_dropped_total", ingest, i -> i.dropped().getOrDefault(kind, 0L))
                        .tag("kind", kind).description("messages that were not the contract's, dropped").register(registry);
            }
        });
        return registry.scrape();
    }
}
