package org.anju.bridge.command;

import java.util.concurrent.CompletionStage;

import org.anju.bridge.contract.CommandReply;

/**
 * The agent's side of downlink commands. The uplink calls it on its own command thread, one
 * command at a time in arrival order, and publishes the outcome as the reply.
 */
public interface CommandHandler {

    /**
     * A verified command. Return at once (hand the command to the door, charging or roster code,
     * e.g. over the event bus) and complete the stage when it is done; it is the reply. A stage not
     * complete within the channel's timeout is replied to as {@code FAILED}. Roster deltas arrive in
     * the order the park sent them; apply them in that order.
     */
    CompletionStage<CommandOutcome> handle(VerifiedCommand command);

    /**
     * The reply to {@code command} has been handed to the broker connection (or failed to be): what must
     * not come before the reply, such as a restart that closes that connection, goes now. Called on the
     * thread that completed the outcome; return at once.
     */
    default void replied(VerifiedCommand command, CommandReply reply) {
    }

    /** A command that was refused and already replied to; record it (an audit event in the outbox). */
    default void rejected(Verdict.Rejected rejection) {
    }
}
