package org.anju.agent.control;

import org.anju.agent.access.DenyReason;

/** The answer to a command that arrived with an id, so the uplink can answer the park. */
public sealed interface CommandResult {

    /** The lock reported itself released for this request (or the door was already open or released). */
    record Opened() implements CommandResult {
    }

    /** The unlock went out to a lock that cannot report whether it released (a GPIO strike or maglock). */
    record Sent() implements CommandResult {
    }

    record Denied(DenyReason reason) implements CommandResult {
    }

    /** The lock could not be reached; {@code detail} says which device and why. */
    record DeviceOffline(String detail) implements CommandResult {
    }

    /** The lock did not answer in time. */
    record TimedOut() implements CommandResult {
    }

    /** A lift's relay board confirmed these floors' buttons work for the rider. */
    record Enabled(java.util.List<String> floors) implements CommandResult {
        public Enabled {
            floors = java.util.List.copyOf(floors);
        }
    }

    /** A non-opening command (lockdown, acknowledge) took effect. */
    record Done() implements CommandResult {
    }

    /** A non-opening command did not apply, and why (e.g. the fire alarm is still active). */
    record Refused(String why) implements CommandResult {
    }
}
