package org.anju.bridge.park.live;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * State changes and alarms for the consoles, as they are stored: published on the Vert.x event
 * bus ({@value #ADDRESS}) and streamed to browsers as Server-Sent Events by the API. Each
 * instance streams what it ingested; with several instances a console follows one of them and
 * reloads state from the store when it reconnects. A stream says when it opens and closes
 * ({@value #LISTENERS}, +1 and -1), so with no console connected ingest builds nothing for it.
 * A port's readings are thinned here already, for all consoles together ({@link #publishReading}):
 * in a park's drain they are tens of thousands a second, and each would be copied to every
 * console's event loop ahead of the next alarm.
 */
public final class LiveFeed {
    public static final String ADDRESS = "park.live";
    /** Where a console's stream says it opened (+1) or closed (-1). */
    public static final String LISTENERS = "park.live.listeners";

    private final Vertx vertx;
    private final AtomicInteger listeners = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final Throttle<Supplier<JsonObject>> readings = new Throttle<>(READING_INTERVAL_MILLIS);

    /** How often a port's readings go out at most, here and again per console. */
    public static final long READING_INTERVAL_MILLIS = 1_000;

    public LiveFeed(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().<Integer>localConsumer(LISTENERS, m -> listeners.addAndGet(m.body()));
        vertx.setPeriodic(READING_INTERVAL_MILLIS / 4, t -> {
            List<Supplier<JsonObject>> due;
            synchronized (readings) {
                due = readings.due(System.currentTimeMillis());
            }
            due.forEach(data -> publish("port", data.get()));
        });
    }

    /**
     * A port's reading ({@code key}: gateway/pile/port; {@code seq}: its place): sent now, or held
     * until the port's second is over, replacing the one held; an older one than sent is dropped.
     * {@code data} is built only for what is sent. Safe from any thread.
     */
    public void publishReading(String key, long seq, Supplier<JsonObject> data) {
        Optional<Supplier<JsonObject>> now;
        synchronized (readings) {
            now = readings.offer(key, seq, data, System.currentTimeMillis());
        }
        now.ifPresent(d -> publish("port", d.get()));
    }

    /**
     * {@code kind}: alarm, port, door, gateway, command (how a pending cut or stop ended);
     * {@code data}: what the console shows. Safe from any thread.
     */
    public void publish(String kind, JsonObject data) {
        published.incrementAndGet();
        vertx.eventBus().publish(ADDRESS, new JsonObject().put("kind", kind).put("data", data));
    }

    /** Whether any console is listening now. */
    public boolean listening() {
        return listeners.get() > 0;
    }

    /** Consoles' streams open now. */
    public int listeners() {
        return listeners.get();
    }

    /** Messages built for the consoles since start (before each console's own thinning). */
    public long published() {
        return published.get();
    }
}
