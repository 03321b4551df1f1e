package org.anju.agent.command;

/**
 * What a charging command came to, as true as the devices let the gateway know it, with a reason
 * a person can act on (or read: when a cut was confirmed).
 */
public record ChargingAnswer(Result result, String reason) {

    /** The words of the reply, as {@link CommandApi} writes them. */
    public enum Result {
        /** Done and read back: a port reads off after a stop or cut, reads on after a start; an alarm acknowledged. */
        DONE("done"),
        /** Nothing to do: the port read off before and after the stop or cut. */
        ALREADY_OFF("already-off"),
        /** Commanded, not read back yet; a {@code command.completed} event follows with the outcome. */
        PENDING("pending"),
        /** Commanded and acknowledged by the pile, but not read back (a start the pile did not read back). */
        SENT("sent"),
        /** Could not be done: no such pile, the pile refused, or the cut failed (reason says what was done about it). */
        FAILED("failed"),
        /** Not allowed now, for a reason the rules give (a port held off, nothing plugged in). */
        REFUSED("refused"),
        /** Not this person's to do: a tenant stopping another's charge. */
        DENIED("denied");

        private final String word;

        Result(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static ChargingAnswer of(Result result, String reason) {
        return new ChargingAnswer(result, reason);
    }
}
