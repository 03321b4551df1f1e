package org.anju.agent.door;

import java.time.Duration;

import org.anju.agent.control.CommandResult;

/** What the controller asks its runtime to do; the runtime does exactly this and nothing else. */
public sealed interface DoorAction {

    /** Unlock for a pulse; answer with a {@link DoorInput.LockReport} carrying {@code actuation}. */
    record Release(long actuation, Duration pulse) implements DoorAction {
    }

    /** Unlock until secured again (fire release). */
    record HoldReleased(long actuation) implements DoorAction {
    }

    /** Lock now. */
    record Secure(long actuation) implements DoorAction {
    }

    /** Record and publish an event (outbox first). */
    record Emit(DoorEvent event) implements DoorAction {
    }

    /** Answer the command with this id. */
    record Reply(String requestId, CommandResult result) implements DoorAction {
    }
}
