package org.anju.agent.occupancy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When the daily reconciliation is due: the last scheduled moment (today's or yesterday's
 * {@code at}, local time) that has passed and that no reconciliation has covered yet. A gateway
 * that was off at the hour reconciles when it is back, once.
 */
public final class ReconcileSchedule {
    private ReconcileSchedule() {
    }

    /** The scheduled moment to reconcile for now, if {@code last} (the last reconciliation) is before it. */
    public static Optional<Instant> due(Instant last, Instant now, ZoneId zone, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.with(at);
        Instant scheduled = (local.isBefore(today) ? today.minusDays(1) : today).toInstant();
        return last.isBefore(scheduled) ? Optional.of(scheduled) : Optional.empty();
    }
}
