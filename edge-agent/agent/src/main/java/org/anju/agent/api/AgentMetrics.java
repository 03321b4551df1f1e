package org.anju.agent.api;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.agent.bus.BusScheduler;
import org.anju.agent.event.EventLog;
import org.anju.agent.store.Outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

/**
 * The agent's figures in Prometheus form ({@code GET /metrics} on the local API): the outbox's
 * depth and the age of its oldest unsent event, exchanges and unanswered exchanges per device and
 * bus, events recorded by type (door, charging and alarm counters), JVM memory, GC and threads.
 * The outbox figures are refreshed every few seconds off the event loop; reading the metrics never
 * touches the store.
 */
public final class AgentMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Map<String, Counter> byType = new ConcurrentHashMap<>();
    private final java.util.Set<String> devices = ConcurrentHashMap.newKeySet();

    /** @param park the park link's status, null before it started */
    public AgentMetrics(Vertx vertx, Outbox outbox, EventLog events, Map<String, BusScheduler> buses, Clock clock,
                        java.util.function.Supplier<org.anju.bridge.uplink.UplinkStatus> park) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Gauge.builder("anju_outbox_pending_events", pendingEvents, AtomicLong::get)
                .description("events in the outbox the park has not confirmed yet").register(registry);
        Gauge.builder("anju_outbox_oldest_pending_seconds", oldestPendingMillis,
                        oldest -> oldest.get() == 0 ? 0 : Math.max(0, clock.millis() - oldest.get()) / 1000.0)
                .description("age of the oldest event not yet sent to the park").register(registry);
        Gauge.builder("anju_park_confirmed_seq", park, p -> p.get() == null ? 0 : p.get().parkConfirmedSeq())
                .description("every event up to this seq is stored by the park (its receipts)").register(registry);
        Gauge.builder("anju_park_last_receipt_age_seconds", park,
                        p -> p.get() == null || p.get().lastReceiptAgeMillis() < 0 ? -1 : p.get().lastReceiptAgeMillis() / 1000.0)
                .description("how long ago the park last confirmed events; -1 before its first receipt").register(registry);
        Gauge.builder("anju_park_unconfirmed_events", park, p -> p.get() == null ? 0 : p.get().unconfirmedEvents())
                .description("events the broker took that the park has not confirmed").register(registry);
        events.onRecorded(type -> byType.computeIfAbsent(type, t -> Counter.builder("anju_events_recorded_total")
                .tag("type", t).description("events recorded, by type").register(registry)).increment());
        buses.forEach((bus, scheduler) -> {
            Gauge.builder("anju_bus_line_up", scheduler, s -> s.lineUp() ? 1 : 0).tag("bus", bus).register(registry);
            vertx.setPeriodic(5_000, t -> scheduler.counts().forEach(c -> register(bus, scheduler, c.device())));
        });
        vertx.setPeriodic(5_000, t -> outbox.pending().thenAccept(p -> {
            pendingEvents.set(p.events());
            oldestPendingMillis.set(p.oldestTimestampMillis());
        }));
    }

    /** Devices appear on a bus as they are first polled; each is registered once (the registry keeps the first). */
    private void register(String bus, BusScheduler scheduler, String device) {
        if (!devices.add(bus + "/" + device)) {
            return;
        }
        FunctionCounter.builder("anju_bus_exchanges_total", scheduler, s -> count(s, device, false))
                .tags("bus", bus, "device", device).description("request/answer exchanges, retries included once")
                .register(registry);
        FunctionCounter.builder("anju_bus_unanswered_total", scheduler, s -> count(s, device, true))
                .tags("bus", bus, "device", device).description("exchanges left unanswered after the retries")
                .register(registry);
    }

    private static double count(BusScheduler s, String device, boolean unanswered) {
        return s.counts().stream().filter(c -> c.device().equals(device)).findFirst()
                .map(c -> unanswered ? c.unanswered() : c.exchanges()).orElse(0L);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
