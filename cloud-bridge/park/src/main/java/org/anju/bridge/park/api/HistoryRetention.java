package org.anju.bridge.park.api;

import java.time.Duration;
import java.util.logging.Logger;

import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.RegistrationRecords;

import io.vertx.core.Vertx;

/**
 * Deletes an ended renter's access history once the park's retention
 * ({@code retention.accessHistoryDays}) has passed since their last lease ended: at start, then
 * every {@link #EVERY}. Until then their landlord reads it; the store work runs on its own
 * threads, never on the event loop. The log names how many renters, never who.
 */
final class HistoryRetention {
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());

    private HistoryRetention() {
    }

    static void start(Vertx vertx, ParkDatabase db, Duration retention) {
        RegistrationRecords records = new RegistrationRecords(db);
        Runnable sweep = () -> {
            long now = System.currentTimeMillis();
            records.forgetAccessEndedBefore(now - retention.toMillis(), now).whenComplete((forgotten, e) -> {
                if (e != null) {
                    LOG.warning(() -> "ended renters' access histories were not deleted this time: " + e.getMessage());
                } else if (!forgotten.isEmpty()) {
                    LOG.info(() -> "deleted the access history of " + forgotten.size() + " renter(s) whose leases ended over "
                            + retention.toDays() + " days ago");
                }
            });
        };
        vertx.setTimer(1_000, t -> sweep.run());
        vertx.setPeriodic(EVERY.toMillis(), t -> sweep.run());
    }
}
