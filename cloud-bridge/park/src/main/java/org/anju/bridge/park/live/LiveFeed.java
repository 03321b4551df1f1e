package org.anju.bridge.park.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * State changes and alarms for the consoles, as they are stored: published on the Vert.x event
 * bus ({@value #ADDRESS}) and streamed to browsers as Server-Sent Events by the API. Each
 * instance streams what it ingested; with several instances a console follows one of them and
 * reloads state from the store when it reconnects.
 */
public final class LiveFeed {
    public static final String ADDRESS = "park.live";

    private final Vertx vertx;

    public LiveFeed(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * {@code kind}: alarm, port, door, gateway, command (how a pending cut or stop ended);
     * {@code data}: what the console shows. Safe from any thread.
     */
    public void publish(String kind, JsonObject data) {
        vertx.eventBus().publish(ADDRESS, new JsonObject().put("kind", kind).put("data", data));
    }
}
