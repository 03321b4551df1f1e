package org.anju.agent.door;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Guessing at a keypad: after {@link #LIMIT} wrong entries within {@link #WINDOW}, the keypad
 * refuses every entry for {@link #LOCKOUT}. Offline PINs are eight digits tried against every
 * tenant of the door, so the lockout is what keeps a patient guesser out. Pure, not thread-safe.
 */
public final class KeypadGuard {
    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration LOCKOUT = Duration.ofMinutes(5);

    private final Deque<Instant> wrong = new ArrayDeque<>();
    private Instant lockedUntil = Instant.MIN;

    public boolean locked(Instant now) {
        return now.isBefore(lockedUntil);
    }

    /** Records a wrong entry; true when it locks the keypad. */
    public boolean wrong(Instant now) {
        wrong.addLast(now);
        while (!wrong.isEmpty() && wrong.peekFirst().isBefore(now.minus(WINDOW))) {
            wrong.removeFirst();
        }
        if (wrong.size() >= LIMIT) {
            wrong.clear();
            lockedUntil = now.plus(LOCKOUT);
            return true;
        }
        return false;
    }

    public void right() {
        wrong.clear();
    }
}
