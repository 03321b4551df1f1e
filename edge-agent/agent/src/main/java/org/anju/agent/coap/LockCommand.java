package org.anju.agent.coap;

import java.time.Duration;

/**
 * What waits for a lock on its command resource. {@code id} grows with every command to that lock,
 * so a lock that sees the same command again after re-observing does not act twice.
 */
public record LockCommand(long id, Kind kind, Duration pulse) {

    public enum Kind {
        /** Nothing to do. */
        NONE,
        /** Release the bolt for {@code pulse}, then relock by itself. */
        UNLOCK,
        /** Release the bolt until a LOCK comes (fire release). */
        HOLD,
        /** Throw the bolt now. */
        LOCK
    }

    public static LockCommand none(long lastId) {
        return new LockCommand(lastId, Kind.NONE, Duration.ZERO);
    }
}
