package org.anju.profiles.model;

import java.time.LocalTime;

/**
 * How the gateway keeps its count of who is inside: reconciled once a day at {@code reconcileAt}
 * (local time), to the renters last seen entering or to zero.
 */
public record OccupancySettings(LocalTime reconcileAt, Reconcile reconcileTo) {
    public static final OccupancySettings DEFAULT = new OccupancySettings(LocalTime.of(4, 0), Reconcile.IDENTIFIED);

    public enum Reconcile {
        /** The count becomes the renters last seen entering: unidentified passages (tailgaters) drop out. */
        IDENTIFIED,
        /** Everyone counts as out: for a building empty at night. */
        ZERO
    }
}
