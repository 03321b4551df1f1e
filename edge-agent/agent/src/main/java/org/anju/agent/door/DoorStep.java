package org.anju.agent.door;

import java.util.List;
import java.util.OptionalLong;

/** The controller's answer to one input: actions in order, and when it next wants a {@link DoorInput.Tick}. */
public record DoorStep(List<DoorAction> actions, OptionalLong wakeAt) {
    public DoorStep {
        actions = List.copyOf(actions);
    }
}
