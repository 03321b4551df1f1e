package org.anju.bridge.park.fleet;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.store.FleetStore;

/**
 * Gateways' statuses, already checked against their keys by ingest, into the store with the park's
 * time of arrival: the newest per gateway is kept (an older one, or the same one delivered again,
 * changes nothing); a session that jumps beyond belief is dropped, said once in the log and counted.
 */
public final class FleetIntake implements Consumer<GatewayStatus> {
    private static final System.Logger LOG = System.getLogger(FleetIntake.class.getName());

    private final FleetStore store;
    private final Clock clock;
    private final Believed believed;
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong sessionJumps = new AtomicLong();

    public FleetIntake(FleetStore store, Clock clock, Believed believed) {
        this.store = store;
        this.clock = clock;
        this.believed = believed;
    }

    @Override
    public void accept(GatewayStatus status) {
        store.record(status, clock.millis(), believed).whenComplete((recorded, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "status of {0} not stored ({1}); its next one replaces it", status.gateway(),
                        failure.getMessage());
            } else if (recorded == FleetStore.Recorded.SESSION_JUMP) {
                if (sessionJumps.getAndIncrement() == 0) {
                    LOG.log(Level.WARNING, "dropped a status of {0}: session {1} jumps beyond belief; further ones are only"
                            + " counted", status.gateway(), status.session());
                }
            } else if (recorded == FleetStore.Recorded.NEWER) {
                kept.incrementAndGet();
            }
        });
    }

    /** Statuses kept as their gateway's newest. */
    public long kept() {
        return kept.get();
    }

    /** Statuses dropped for a session beyond belief. */
    public long sessionJumps() {
        return sessionJumps.get();
    }
}
