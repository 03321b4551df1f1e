package org.anju.bridge.contract;

/** The result code of a {@link CommandReply}. */
public enum ReplyResult {
    /** Done, and confirmed by the device: a door's lock reported released, a port read back off. */
    OK(false),
    /**
     * Accepted and acting, not confirmed yet (a port commanded off that has not read back off);
     * the detail says what it waits for. The outcome follows as a {@code command.completed} event
     * with this request id: OK, UNCHANGED or FAILED.
     */
    PENDING(false),
    /** Sent to a device that cannot report whether it acted (a GPIO strike has no feedback). */
    SENT(false),
    /** Nothing to do: the device was already as asked (a port already off). */
    UNCHANGED(false),
    /** Verified but could not be done (door offline, port faulted, no outcome in time); see detail. */
    FAILED(false),
    /** A roster delta that does not start at the version the gateway holds; send a snapshot. */
    ROSTER_GAP(false),
    /** Not a command of this contract (bad JSON, a missing or invalid field). */
    MALFORMED(true),
    /** The signature does not verify with the key named, or the key is not trusted. */
    BAD_SIGNATURE(true),
    /** Correctly signed, for another gateway. */
    WRONG_GATEWAY(true),
    /** Outside its validity: expired, not yet valid, or valid for longer than the gateway allows. */
    EXPIRED(true),
    /** The nonce was seen before. */
    REPLAYED(true),
    /** Correctly signed, of a kind this gateway does not know. */
    UNKNOWN_KIND(true),
    /** The gateway is refusing commands for now (too many queued, replay cache full); try later. */
    OVERLOADED(true);

    private final boolean rejection;

    ReplyResult(boolean rejection) {
        this.rejection = rejection;
    }

    /** True when the command was refused before anything acted on it. */
    public boolean isRejection() {
        return rejection;
    }
}
