package org.anju.agent.bus;

/** What became of one request on a bus. Never an exception: every way it can end is a value. */
public sealed interface BusOutcome<T> {

    /** Why there is no answer, in words for a person; null when answered. */
    default String problem() {
        if (this instanceof NoAnswer<T> none) {
            return none.device() + " did not answer (" + none.attempts() + (none.attempts() == 1 ? " try" : " tries")
                    + (none.corrupt() > 0 ? ", " + none.corrupt() + " corrupt replies" : "") + ")";
        }
        if (this instanceof Offline<T> offline) {
            return offline.device() + " is offline";
        }
        if (this instanceof BusDown<T> down) {
            return "bus " + down.bus() + " is down: " + down.reason();
        }
        return null;
    }

    record Answered<T>(T reply, long latencyNanos, int attempts) implements BusOutcome<T> {
    }

    /** The device did not answer within the timeout, on every attempt; {@code corrupt} counts replies with bad checksums. */
    record NoAnswer<T>(String device, int attempts, int corrupt) implements BusOutcome<T> {
    }

    /** The device is offline and was not answering this probe either. */
    record Offline<T>(String device) implements BusOutcome<T> {
    }

    /** The bus itself is unreachable (port missing, serial server down). */
    record BusDown<T>(String bus, String reason) implements BusOutcome<T> {
    }
}
