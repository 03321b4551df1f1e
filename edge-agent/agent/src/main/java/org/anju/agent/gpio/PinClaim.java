package org.anju.agent.gpio;

/** Claiming a pin either works or says why not, in words for the person who wired the site. */
public sealed interface PinClaim<T> {

    record Claimed<T>(T pin) implements PinClaim<T> {
    }

    record Refused<T>(String reason) implements PinClaim<T> {
    }

    /** The pin, or an {@link IllegalStateException} carrying the reason; for set-up code and tests. */
    default T orElseThrow() {
        if (this instanceof Claimed<T> c) {
            return c.pin();
        }
        throw new IllegalStateException(((Refused<T>) this).reason());
    }
}
