package org.anju.agent.lift;

import java.util.Set;

import org.anju.agent.control.LockResult;

/** Everything that can happen to a lift, fed to {@link LiftController#handle} with the time. */
public sealed interface LiftInput {

    /** A card or a phone, already judged; {@code credential} is card, pin or remote. */
    record Present(String requestId, String credential, LiftDecision decision) implements LiftInput {
    }

    /** A fire input of the lift changed. */
    record FireAlarm(String input, boolean active) implements LiftInput {
    }

    /** An officer ends a fire release; refused while a fire input is still active. */
    record Restore(String requestId, String officer) implements LiftInput {
    }

    /** The relay board's answer to the {@link LiftAction.Apply} with this actuation number. */
    record BoardReport(long actuation, LockResult result) implements LiftInput {
    }

    /** What a poll read back: the floors whose buttons the board enables now. */
    record BoardRead(Set<String> enabled) implements LiftInput {
    }

    /** Nothing but time passing. */
    record Tick() implements LiftInput {
    }
}
