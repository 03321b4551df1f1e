package org.anju.agent.door;

/** What a lock actuator reports for one command. */
public sealed interface LockResult {

    /** The lock did what it was told (a GPIO write, or the lock board's acknowledgement). */
    record Done() implements LockResult {
    }

    /** The device could not be reached or refused; {@code detail} is for the person on site. */
    record Offline(String detail) implements LockResult {
    }

    /** No answer in time; the lock may or may not have moved. */
    record TimedOut() implements LockResult {
    }
}
