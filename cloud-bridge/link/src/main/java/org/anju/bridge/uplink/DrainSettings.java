package org.anju.bridge.uplink;

/**
 * How the backlog goes out.
 *
 * @param maxInflight        batches published and not yet acknowledged by the broker (PUBACK);
 *                           the window that keeps the link busy without flooding the broker
 * @param maxBatchEvents     events per batch
 * @param maxBatchBytes      estimated JSON bytes per batch (one larger event goes alone)
 * @param maxEventsPerSecond the rate limit of the drain, 0 for none; after an outage every
 *                           gateway of a park drains at once, and this keeps them from flattening
 *                           the broker together (200 gateways at 500 events/s are 100,000 events/s)
 */
public record DrainSettings(int maxInflight, int maxBatchEvents, int maxBatchBytes, double maxEventsPerSecond) {
    public DrainSettings {
        if (maxInflight < 1 || maxInflight > 1000) {
            throw new IllegalArgumentException("maxInflight must be 1..1000");
        }
        if (maxBatchEvents < 1 || maxBatchEvents > 10_000) {
            throw new IllegalArgumentException("maxBatchEvents must be 1..10000");
        }
        if (maxBatchBytes < 1024) {
            throw new IllegalArgumentException("maxBatchBytes must be at least 1024");
        }
        if (!(maxEventsPerSecond >= 0) || Double.isInfinite(maxEventsPerSecond)) {
            throw new IllegalArgumentException("maxEventsPerSecond must be 0 (no limit) or a positive number");
        }
    }

    /** 16 batches in flight, 200 events or 128 KiB a batch, 500 events/s. */
    public static DrainSettings standard() {
        return new DrainSettings(16, 200, 128 * 1024, 500);
    }

    public DrainSettings withRate(double eventsPerSecond) {
        return new DrainSettings(maxInflight, maxBatchEvents, maxBatchBytes, eventsPerSecond);
    }

    /**
     * Events read from the outbox at a time: two windows' worth, so the next window is at hand while
     * the outbox records the last one, capped so a read stays short.
     */
    int fetchSize() {
        return Math.max(maxBatchEvents, Math.min(2 * maxInflight * maxBatchEvents, 10_000));
    }

    /**
     * Events the broker may hold that the park has not confirmed yet, in flight included: the
     * sending window. When the park is slow or away, the drain stops there instead of pushing the
     * whole outbox through a broker nobody empties.
     */
    int maxUnconfirmed() {
        return 2 * fetchSize();
    }
}
