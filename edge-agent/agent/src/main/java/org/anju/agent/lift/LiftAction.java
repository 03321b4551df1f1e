package org.anju.agent.lift;

import java.util.List;
import java.util.Set;

import org.anju.agent.control.CommandResult;

/** What the lift controller asks its runtime to do. */
public sealed interface LiftAction {

    /** Enable exactly these floors' buttons (every other floor's off); answer with a {@link LiftInput.BoardReport}. */
    record Apply(long actuation, Set<String> enabled) implements LiftAction {
        public Apply {
            enabled = Set.copyOf(enabled);
        }
    }

    /** Record an event (outbox first): a contract payload or one of {@link LiftEvents}. */
    record Emit(Object event) implements LiftAction {
    }

    /** Answer the command with this id. */
    record Reply(String requestId, CommandResult result) implements LiftAction {
    }

    /** The controller's answer to one input: actions in order, and when it next wants a tick. */
    record Step(List<LiftAction> actions, java.util.OptionalLong wakeAt) {
        public Step {
            actions = List.copyOf(actions);
        }
    }
}
