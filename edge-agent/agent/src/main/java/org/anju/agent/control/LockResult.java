package org.anju.agent.control;

/** What a lock actuator reports for one command. */
public sealed interface LockResult {

    /**
     * The lock did what it was told. {@code confirmed} when the lock itself reported it (a lock
     * board's "released" reply, a wireless lock's bolt report); not when the command went out to a
     * lock that cannot report (a GPIO relay written: the write took, whether the bolt moved is
     * unknown) or nothing needed sending.
     */
    record Done(boolean confirmed) implements LockResult {
    }

    /** The device could not be reached or refused; {@code detail} is for the person on site. */
    record Offline(String detail) implements LockResult {
    }

    /** No answer in time; the lock may or may not have moved. */
    record TimedOut() implements LockResult {
    }
}
