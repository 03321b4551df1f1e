package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to write a pile's heartbeat register and what to write. The pile's watchdog opens every
 * relay when no write came for its timeout, so the gateway writes every {@code heartbeatInterval}
 * (at most half the timeout, a third by default: one lost write never trips it).
 *
 * <p>The write is driven by the pile's readings, not by a timer of its own: a gateway whose
 * supervision has stalled, or that can no longer read the pile, stops writing, and the pile's
 * firmware then takes the ports off on its own. That is the point of the watchdog.
 *
 * <p>The value counts 1..65535 and wraps to 1, never 0: the reference pile accepts any value, but
 * a pile that watches for a change rather than a write also sees the gateway alive, and 0 is what
 * a register reads after a pile reset.
 */
final class HeartbeatWriter {
    private final String pileId;
    private final Duration interval;
    private Instant lastWrite;
    private int value;

    HeartbeatWriter(String pileId, Duration interval) {
        this.pileId = pileId;
        this.interval = interval;
    }

    Optional<SafetyDecision.WriteHeartbeat> onPileReading(Instant at) {
        // a clock set back (at before the last write) must not hold the heartbeat back until it catches up
        if (lastWrite != null && !at.isBefore(lastWrite) && at.isBefore(lastWrite.plus(interval))) {
            return Optional.empty();
        }
        lastWrite = at;
        value = value >= 0xFFFF ? 1 : value + 1;
        return Optional.of(new SafetyDecision.WriteHeartbeat(pileId, value));
    }
}
