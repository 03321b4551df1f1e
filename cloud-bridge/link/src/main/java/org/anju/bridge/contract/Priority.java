package org.anju.bridge.contract;

/**
 * Which events the uplink sends first after an outage, and which a gateway keeps longest on a full
 * disk; the order of the constants is the order of the drain (and the rank a gateway's outbox
 * stores: never reorder them). Telemetry goes to the telemetry topic, everything else to the events
 * topic. The one priority both ends speak.
 */
public enum Priority {
    /** Safety: overcurrent, smoke, a port cut by the firmware, a door forced open. */
    ALARM,
    /** People at doors: access granted or denied, door opened from a phone. */
    ACCESS,
    /** State changes of devices and sessions: charging started or ended, a device offline. */
    STATE,
    /** Routine readings, thinned at the edge. */
    TELEMETRY;

    /** 0 for ALARM, the most urgent, up to 3 for TELEMETRY: as stored in a gateway's outbox. */
    public int rank() {
        return ordinal();
    }

    public static Priority ofRank(int rank) {
        Priority[] all = values();
        if (rank < 0 || rank >= all.length) {
            throw new IllegalArgumentException("no priority " + rank);
        }
        return all[rank];
    }

    public Topics.Stream stream() {
        return this == TELEMETRY ? Topics.Stream.TELEMETRY : Topics.Stream.EVENTS;
    }
}
