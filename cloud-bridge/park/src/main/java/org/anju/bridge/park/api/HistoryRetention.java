package org.anju.bridge.park.api;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.RegistrationRecords;

/**
 * Deletes an ended renter's access history once the park's retention
 * ({@code retention.accessHistoryDays}) has passed since their last lease ended: a minute after
 * start, then every {@link #EVERY}. Until then their landlord reads it. It runs on a daemon thread
 * of its own and the store's, never on an event loop. The log names how many renters, never who.
 */
final class HistoryRetention {
    static final Duration EVERY = Duration.ofHours(1);
    private static final Duration FIRST = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());

    private HistoryRetention() {
    }

    /** Starts the sweeps; closing the returned executor stops them. */
    static ScheduledExecutorService start(ParkDatabase db, Duration retention) {
        RegistrationRecords records = new RegistrationRecords(db);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anju-history-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            records.forgetAccessEndedBefore(now - retention.toMillis(), now).whenComplete((forgotten, e) -> {
                if (e != null) {
                    LOG.warning(() -> "ended renters' access histories were not deleted this time: " + e.getMessage());
                } else if (!forgotten.isEmpty()) {
                    LOG.info(() -> "deleted the access history of " + forgotten.size() + " renter(s) whose leases ended over "
                            + retention.toDays() + " days ago");
                }
            });
        }, FIRST.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }
}
