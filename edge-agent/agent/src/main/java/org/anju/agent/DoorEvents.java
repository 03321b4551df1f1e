package org.anju.agent;

import org.anju.agent.door.DoorEvent;
import org.anju.agent.event.EventLog;
import org.anju.agent.event.EventTypes;
import org.anju.bridge.contract.Priority;

/**
 * Which door events are alarms, which are access records and which are routine state, and the
 * type name each carries in the outbox ("door.forced_open", see EventTypes). Alarms are what a person must
 * act on; access events are who went in, kept as long as alarms; the rest is state.
 */
final class DoorEvents {
    private DoorEvents() {
    }

    static void record(EventLog events, DoorEvent event) {
        events.record(priority(event), EventTypes.of("door", event), event);
    }

    static Priority priority(DoorEvent e) {
        if (e instanceof DoorEvent.AccessDenied d && d.reason() == org.anju.agent.access.DenyReason.KEYPAD_LOCKED) {
            return Priority.ALARM; // someone is guessing PINs at this door
        }
        if (e instanceof DoorEvent.ForcedOpen || e instanceof DoorEvent.HeldOpen || e instanceof DoorEvent.FireReleased
                || e instanceof DoorEvent.UnlockFailed || e instanceof DoorEvent.RelockFailed) {
            return Priority.ALARM;
        }
        if (e instanceof DoorEvent.AccessGranted || e instanceof DoorEvent.AccessDenied || e instanceof DoorEvent.Unlocked
                || e instanceof DoorEvent.GrantRefused || e instanceof DoorEvent.ExitGranted) {
            return Priority.ACCESS;
        }
        return Priority.STATE;
    }
}
