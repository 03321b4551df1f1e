package org.anju.agent.safety;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the gateway enforces on one pile, on top of the pile firmware's own: a device profile
 * gives them, the site file may override any of them, and {@link LimitsCheck} accepts the result
 * only if every limit is at least as strict as the firmware's ({@code PileLimits}). SAFETY.md
 * explains each one and its default.
 *
 * <p>The constructor only refuses nulls: whether the values make sense is a question for
 * {@link LimitsCheck}, which answers with reasons a person can act on.
 *
 * @param overloadWatts          a port drawing more is cut at once
 * @param fullChargeWatts        below this a port counts as full...
 * @param fullChargeTime         ...and once full for this long, its session ends and it is cut
 * @param maxSession             a session this old is ended and cut
 * @param temperatureWarnC       pile temperature that raises a warning
 * @param temperatureCutC        pile temperature at which every port of the pile is cut
 * @param temperatureHysteresisC how far below a level the temperature must fall for it to clear
 * @param trendWarnCPerMinute    a rise at least this fast warns...
 * @param trendWindow            ...measured by least squares over this window...
 * @param trendHorizon           ...if it would reach the cut level within this time
 * @param relayOffWatts          at or below this a port counts as not conducting
 * @param cutVerifyTimeout       a cut not confirmed by a reading this long after the command has failed
 * @param heartbeatInterval      how often the pile's heartbeat register is written
 * @param meterPlausibleWatts    the most a port can draw; energy counter jumps beyond it are not believed
 * @param alarmClearAfter        a condition must stay gone this long before its alarm clears
 * @param resumeAfterPileReboot  whether a session interrupted by a pile reboot is switched back on
 */
public record SafetyLimits(int overloadWatts, int fullChargeWatts, Duration fullChargeTime, Duration maxSession,
                           double temperatureWarnC, double temperatureCutC, double temperatureHysteresisC,
                           double trendWarnCPerMinute, Duration trendWindow, Duration trendHorizon,
                           int relayOffWatts, Duration cutVerifyTimeout, Duration heartbeatInterval,
                           int meterPlausibleWatts, Duration alarmClearAfter, boolean resumeAfterPileReboot) {

    /**
     * Defaults for the reference pile (firmware defaults: overload 1000 W, full below 30 W for
     * 10 min, 8 h, 80 degC, watchdog 60 s). Where the gateway's value equals the firmware's, the
     * gateway is the second line for a firmware that fails to act.
     */
    public static final SafetyLimits DEFAULTS = new SafetyLimits(800, 30, Duration.ofMinutes(10), Duration.ofHours(8),
            55.0, 70.0, 5.0, 1.0, Duration.ofMinutes(5), Duration.ofMinutes(10), 2, Duration.ofSeconds(10),
            Duration.ofSeconds(20), 3000, Duration.ofSeconds(60), true);

    public SafetyLimits {
        Objects.requireNonNull(fullChargeTime, "fullChargeTime");
        Objects.requireNonNull(maxSession, "maxSession");
        Objects.requireNonNull(trendWindow, "trendWindow");
        Objects.requireNonNull(trendHorizon, "trendHorizon");
        Objects.requireNonNull(cutVerifyTimeout, "cutVerifyTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(alarmClearAfter, "alarmClearAfter");
    }

    public SafetyLimits withOverloadWatts(int watts) {
        return new SafetyLimits(watts, fullChargeWatts, fullChargeTime, maxSession, temperatureWarnC, temperatureCutC,
                temperatureHysteresisC, trendWarnCPerMinute, trendWindow, trendHorizon, relayOffWatts,
                cutVerifyTimeout, heartbeatInterval, meterPlausibleWatts, alarmClearAfter, resumeAfterPileReboot);
    }

    public SafetyLimits withTemperatures(double warnC, double cutC) {
        return new SafetyLimits(overloadWatts, fullChargeWatts, fullChargeTime, maxSession, warnC, cutC,
                temperatureHysteresisC, trendWarnCPerMinute, trendWindow, trendHorizon, relayOffWatts,
                cutVerifyTimeout, heartbeatInterval, meterPlausibleWatts, alarmClearAfter, resumeAfterPileReboot);
    }

    public SafetyLimits withFullCharge(int watts, Duration time) {
        return new SafetyLimits(overloadWatts, watts, time, maxSession, temperatureWarnC, temperatureCutC,
                temperatureHysteresisC, trendWarnCPerMinute, trendWindow, trendHorizon, relayOffWatts,
                cutVerifyTimeout, heartbeatInterval, meterPlausibleWatts, alarmClearAfter, resumeAfterPileReboot);
    }

    public SafetyLimits withMaxSession(Duration max) {
        return new SafetyLimits(overloadWatts, fullChargeWatts, fullChargeTime, max, temperatureWarnC, temperatureCutC,
                temperatureHysteresisC, trendWarnCPerMinute, trendWindow, trendHorizon, relayOffWatts,
                cutVerifyTimeout, heartbeatInterval, meterPlausibleWatts, alarmClearAfter, resumeAfterPileReboot);
    }

    public SafetyLimits withHeartbeatInterval(Duration interval) {
        return new SafetyLimits(overloadWatts, fullChargeWatts, fullChargeTime, maxSession, temperatureWarnC,
                temperatureCutC, temperatureHysteresisC, trendWarnCPerMinute, trendWindow, trendHorizon, relayOffWatts,
                cutVerifyTimeout, interval, meterPlausibleWatts, alarmClearAfter, resumeAfterPileReboot);
    }
}
