package org.anju.bridge.command;

import org.anju.bridge.contract.ReplyResult;

/** What the agent did with a verified command; becomes the reply. */
public record CommandOutcome(ReplyResult result, String detail, Long rosterVersion) {
    public CommandOutcome {
        if (result == null || result.isRejection()) {
            throw new IllegalArgumentException("an outcome is OK, FAILED or ROSTER_GAP, not " + result);
        }
    }

    public static CommandOutcome ok() {
        return new CommandOutcome(ReplyResult.OK, null, null);
    }

    /** Done; the gateway now holds roster {@code version}. */
    public static CommandOutcome ok(long rosterVersion) {
        return new CommandOutcome(ReplyResult.OK, null, rosterVersion);
    }

    /** Accepted and acting; {@code detail} says what it waits for. A {@code command.completed} event follows. */
    public static CommandOutcome pending(String detail) {
        return new CommandOutcome(ReplyResult.PENDING, detail, null);
    }

    /** Sent to a device that cannot confirm it acted. */
    public static CommandOutcome sent(String detail) {
        return new CommandOutcome(ReplyResult.SENT, detail, null);
    }

    /** Nothing to do: already as asked. */
    public static CommandOutcome unchanged(String detail) {
        return new CommandOutcome(ReplyResult.UNCHANGED, detail, null);
    }

    /** Done and confirmed by the device; {@code detail} may say when. */
    public static CommandOutcome ok(String detail) {
        return new CommandOutcome(ReplyResult.OK, detail, null);
    }

    /** Could not be done; {@code detail} says why, without personal data. */
    public static CommandOutcome failed(String detail) {
        return new CommandOutcome(ReplyResult.FAILED, detail, null);
    }

    /** A roster delta that does not start at {@code heldVersion}: nothing applied, send a snapshot. */
    public static CommandOutcome rosterGap(long heldVersion) {
        return new CommandOutcome(ReplyResult.ROSTER_GAP, "this gateway holds roster version " + heldVersion,
                heldVersion);
    }
}
