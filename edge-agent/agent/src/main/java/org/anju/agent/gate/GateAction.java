package org.anju.agent.gate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.anju.agent.control.CommandResult;

/** What the gate controller asks its runtime to do. */
public sealed interface GateAction {

    /** Let one more person through this way; answer with a {@link GateInput.DeviceReport}. */
    record Open(long actuation, GateController.Way way) implements GateAction {
    }

    /** Hold the lane free both ways (fire), or end that. */
    record SetFree(long actuation, boolean free) implements GateAction {
    }

    /**
     * One person counted through: the building's occupancy records it, with the counters this
     * passage takes the lane's accounting to.
     *
     * @param how card, pin, remote, exit-button, free, unopened or offline
     */
    record Passed(GateController.Way way, Optional<String> tenant, String how, int entries, int exits) implements GateAction {
    }

    record Emit(GateEvent event) implements GateAction {
    }

    record Reply(String requestId, CommandResult result) implements GateAction {
    }

    record Step(List<GateAction> actions, OptionalLong wakeAt) {
        public Step {
            actions = List.copyOf(actions);
        }
    }
}
