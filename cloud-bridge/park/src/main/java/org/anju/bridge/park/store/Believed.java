package org.anju.bridge.park.store;

import java.time.Duration;

/**
 * How far the park believes a gateway, even one whose signature checks (a gateway in the hands of
 * its owner can still sign what it likes for its own building):
 *
 * @param futureSkew    an event stamped more than this ahead of the park's clock is stored, flagged
 *                      {@code future-ts}, and does not move last-known state (one reading stamped in
 *                      2100 would otherwise freeze a port's state)
 * @param maxSeqJump    an event whose seq is more than this beyond everything stored of its gateway is
 *                      held for review instead of stored, and a floor beyond it is not believed (it
 *                      would make a huge lost range)
 * @param maxSessionStep a birth or death whose session is more than this above the last one, and also
 *                      above the park's clock in ms (where a gateway whose session file broke jumps to),
 *                      is dropped (one forged birth with session 4·10^18 would hide every later one)
 */
public record Believed(Duration futureSkew, long maxSeqJump, long maxSessionStep) {
    /** 5 minutes, a million events, a million sessions. */
    public static Believed standard() {
        return new Believed(Duration.ofMinutes(5), 1_000_000, 1_000_000);
    }

    /** Whether a state message's session may follow {@code known}. */
    boolean sessionStep(long known, long session, long nowMillis) {
        return session <= known + maxSessionStep || session <= nowMillis + futureSkew.toMillis();
    }
}
