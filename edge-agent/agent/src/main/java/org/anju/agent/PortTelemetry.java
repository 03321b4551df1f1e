package org.anju.agent;

import java.time.Duration;
import java.time.Instant;

import org.anju.agent.charging.PortReading;
import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.telemetry.ReadingThinner;

/**
 * Charging ports' readings as {@code port.reading} telemetry for the park's fire safety console,
 * thinned at the edge as the contract says (on a state change, a move beyond the deadbands, and a
 * heartbeat), so a 220-port building polled every second writes a few readings a minute per port
 * instead of sixty. Runs on the charging rules' thread, after the rules have seen the reading.
 */
final class PortTelemetry {
    private final ReadingThinner thinner = ReadingThinner.standard();
    private final EventLog events;
    private final long startNanos = System.nanoTime();

    PortTelemetry(EventLog events) {
        this.events = events;
    }

    /**
     * {@code sessionStart} is the running session's start, or null when the port has none;
     * {@code temperatureC} the pile's temperature in the same scan, NaN when it has none; {@code hold}
     * what keeps the port off (null: nothing), so the park never shows a held port as available.
     */
    void offer(PortReading r, Instant sessionStart, double temperatureC, org.anju.agent.safety.PortHold hold) {
        long sessionSeconds = sessionStart == null ? 0 : Math.max(0, Duration.between(sessionStart, r.at()).toSeconds());
        var reading = new org.anju.bridge.telemetry.PortReading(r.pileId(), r.port(), r.state().ocppName(),
                round(r.volts()), round(r.amps()), (int) Math.round(r.watts()), r.energyCounterWh(), sessionSeconds,
                Double.isNaN(temperatureC) ? null : Math.round(temperatureC * 10) / 10.0,
                hold == null ? null : hold.reason().name(), hold == null ? null : hold.since().toEpochMilli(),
                hold == null ? null : hold.by());
        // the thinner's heartbeat runs on the monotonic clock: a wall clock set back must not silence a port
        if (thinner.offer(reading, (System.nanoTime() - startNanos) / 1_000_000)) {
            events.record(Priority.TELEMETRY, org.anju.bridge.telemetry.PortReading.TYPE, reading);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
