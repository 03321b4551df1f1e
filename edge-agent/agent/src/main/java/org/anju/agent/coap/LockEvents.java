package org.anju.agent.coap;

import java.util.function.Consumer;

import org.anju.agent.event.EventLog;
import org.anju.agent.event.EventTypes;
import org.anju.bridge.contract.Priority;

/**
 * Which lock notices are alarms: a lock gone silent is, as a bus device gone offline is (nobody
 * can open that door from afar); batteries and registrations are maintenance state.
 */
public final class LockEvents {
    private LockEvents() {
    }

    public static Consumer<LockNotice> into(EventLog events) {
        return notice -> events.record(priority(notice), EventTypes.of("device", notice), notice);
    }

    static Priority priority(LockNotice notice) {
        return notice instanceof LockNotice.Offline ? Priority.ALARM : Priority.STATE;
    }
}
