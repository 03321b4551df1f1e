package org.anju.bridge.park.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * State changes and alarms for the consoles, as they are stored: published on the Vert.x event
 * bus ({@value #ADDRESS}) and streamed to browsers as Server-Sent Events by the API. Each
 * instance streams what it ingested; with several instances a console follows one of them and
 * reloads state from the store when it reconnects. A stream says when it opens and closes
 * ({@value #LISTENERS}, +1 and -1), so with no console connected ingest builds nothing for it.
 */
public final class LiveFeed {
    public static final String ADDRESS = "park.live";
    /** Where a console's stream says it opened (+1) or closed (-1). */
    public static final String LISTENERS = "park.live.listeners";

    private final Vertx vertx;
    private final AtomicInteger listeners = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();

    public LiveFeed(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().<Integer>localConsumer(LISTENERS, m -> listeners.addAndGet(m.body()));
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
