package org.anju.bridge.contract;

/**
 * Which events the uplink sends first after an outage; the order of the constants is the order
 * of the drain. Telemetry goes to the telemetry topic, everything else to the events topic.
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

    public Topics.Stream stream() {
        return this == TELEMETRY ? Topics.Stream.TELEMETRY : Topics.Stream.EVENTS;
    }
}
