package org.anju.agent.charging;

import java.time.Instant;
import java.util.Objects;

import org.anju.protocol.pile.PileRegisterMap;

/**
 * One poll of what a pile reports for itself: the temperature inside it, its smoke detector and
 * its alarm register (bit 0 smoke, bit 1 over-temperature, bit 2 heartbeat watchdog tripped).
 */
public record PileReading(String pileId, Instant at, double temperatureC, boolean smoke, int alarmBits)
        implements Reading {

    public PileReading {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(at, "at");
        if (Double.isNaN(temperatureC)) {
            throw new IllegalArgumentException("temperature is NaN");
        }
    }

    /** The pile's own smoke input or its smoke alarm bit: either one is smoke. */
    public boolean smokeDetected() {
        return smoke || (alarmBits & PileRegisterMap.ALARM_SMOKE) != 0;
    }

    /** The firmware's own over-temperature alarm, which holds every relay open. */
    public boolean firmwareOverTemperature() {
        return (alarmBits & PileRegisterMap.ALARM_OVER_TEMPERATURE) != 0;
    }

    /** The firmware opened every relay because the gateway's heartbeat stopped. */
    public boolean watchdogTripped() {
        return (alarmBits & PileRegisterMap.ALARM_WATCHDOG) != 0;
    }

    /** The same reading at another time (a supervisor holds time still when a clock is set back). */
    public PileReading withAt(Instant newAt) {
        return new PileReading(pileId, newAt, temperatureC, smoke, alarmBits);
    }

    @Override
    public String source() {
        return pileId;
    }
}
