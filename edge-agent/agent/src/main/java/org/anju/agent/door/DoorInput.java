package org.anju.agent.door;

import org.anju.agent.control.LockResult;

/** Everything that can happen to a door, fed to {@link DoorController#handle} with the time. */
public sealed interface DoorInput {

    /** Open for this request; the access decision (roster or park) has already said yes. */
    record Grant(String requestId, String who) implements DoorInput {
    }

    /** The request-to-exit button was pressed: leaving needs no credential. */
    record ExitButton() implements DoorInput {
    }

    /** The door-position sensor's debounced state. The first report sets the baseline quietly. */
    record DoorSensor(boolean open) implements DoorInput {
    }

    /** Nothing but time passing: sent at the deadline the controller asked for. */
    record Tick() implements DoorInput {
    }

    /** The building's fire alarm, from the safety rules. */
    record FireAlarm(boolean active) implements DoorInput {
    }

    /** Someone confirms the building is safe after a fire alarm; ends a fire release once cleared. */
    record AcknowledgeFire(String requestId, String who) implements DoorInput {
    }

    /** Lockdown on or off: while on, no grant opens the door (fire release and exit still do). */
    record Lockdown(String requestId, boolean on, String by) implements DoorInput {
    }

    /** The lock actuator's answer to the action with this actuation number. */
    record LockReport(long actuation, LockResult result) implements DoorInput {
    }
}
