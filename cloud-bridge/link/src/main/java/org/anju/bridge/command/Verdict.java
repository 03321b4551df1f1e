package org.anju.bridge.command;

import org.anju.bridge.contract.ReplyResult;

/** What {@link CommandVerifier} made of a payload from the command topic. */
public sealed interface Verdict {

    record Accepted(VerifiedCommand command) implements Verdict {
    }

    /**
     * Refused before anything acted on it.
     *
     * @param reason    one of the rejection results ({@link ReplyResult#isRejection()})
     * @param requestId the command's id if one could be read, else null
     * @param kind      the command's kind if one could be read, else null
     * @param detail    for a person: what was wrong, without personal data
     */
    record Rejected(ReplyResult reason, String requestId, String kind, String detail) implements Verdict {
        public Rejected {
            if (reason == null || !reason.isRejection()) {
                throw new IllegalArgumentException(reason + " is not a rejection");
            }
        }
    }
}
