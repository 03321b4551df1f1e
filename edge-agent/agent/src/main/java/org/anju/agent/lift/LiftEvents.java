package org.anju.agent.lift;

import java.time.Instant;
import java.util.List;

import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.LiftReleases;
import org.anju.bridge.events.LiftAccess;
import org.anju.bridge.events.LiftFireRelease;

/**
 * The lift's events besides the contract's {@code lift.access} and {@code lift.fire_release}, and how
 * each is recorded: a release and its restoring commit the lift's release record with the event, so
 * a gateway restarted mid-fire keeps the floors released until an officer restores them.
 */
public final class LiftEvents {

    /** Alarm: the board did not take the floors it was told (offline, no answer); it is written again. */
    public record EnableFailed(String lift, String detail, List<String> floors) {
    }

    /** The board read back other floors than it was told (it lost power, a relay was switched by hand). */
    public record BoardMismatch(String lift, List<String> expected, List<String> read) {
    }

    private LiftEvents() {
    }

    static void record(EventLog events, Object event, Instant now) {
        if (event instanceof LiftAccess a) {
            events.record(Priority.ACCESS, LiftAccess.TYPE, a);
        } else if (event instanceof LiftFireRelease r) {
            switch (r.state()) {
                case LiftFireRelease.RELEASED -> events.record(Priority.ALARM, LiftFireRelease.TYPE, r,
                        LiftReleases.released(r.lift(), r.inputs(), now));
                case LiftFireRelease.RESTORED -> events.record(Priority.STATE, LiftFireRelease.TYPE, r,
                        LiftReleases.restored(r.lift()));
                default -> events.record(Priority.STATE, LiftFireRelease.TYPE, r);
            }
        } else if (event instanceof EnableFailed f) {
            events.record(Priority.ALARM, "lift.enable_failed", f);
        } else if (event instanceof BoardMismatch m) {
            events.record(Priority.STATE, "lift.board_mismatch", m);
        }
    }
}
