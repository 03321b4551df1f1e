package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.SessionLimits;

/**
 * The rules that judge one session while its port delivers power: overload (cut at the first
 * reading above the limit: a poll is seconds apart and an overloaded charger is a fire risk now),
 * maximum session time, full charge (below the threshold continuously for the configured time;
 * any reading at or above it starts the clock over), and the power-curve early warning.
 * One instance per port, reset for each session.
 */
final class PortRules {

    /**
     * What one reading decides.
     *
     * @param cut     the reason to cut the port now, or null
     * @param detail  what a person reads about the cut (the overload's watts), or ""
     * @param anomaly the early warning first confirmed at this reading, or null
     */
    record Verdict(EndReason cut, String detail, String anomaly) {
        static final Verdict NOTHING = new Verdict(null, "", null);
    }

    private final SafetyLimits limits;
    private final AnomalySettings anomaly;
    private Instant belowFullSince;
    private PowerCurveDetector detector;

    PortRules(SafetyLimits limits, AnomalySettings anomaly) {
        this.limits = limits;
        this.anomaly = anomaly;
        newSession();
    }

    void newSession() {
        belowFullSince = null;
        detector = new PowerCurveDetector(anomaly);
    }

    /** The full-charge timer and the power curve detector, to carry over a restart. */
    RulesMemory.PortMemory memory(String sessionId, java.time.Duration spacing) {
        return new RulesMemory.PortMemory(sessionId, belowFullSince, detector.memory(spacing));
    }

    /** Carries on a session's timer and detector from before a restart. */
    void restore(RulesMemory.PortMemory m) {
        belowFullSince = m.belowFullSince();
        detector = m.curve() == null ? new PowerCurveDetector(anomaly) : PowerCurveDetector.restored(anomaly, m.curve());
    }

    boolean fullTimerRunning() {
        return belowFullSince != null;
    }

    /** The port drew at or above the full-charge power meanwhile (while the gateway was away): the wait starts over. */
    void restartFullTimer() {
        belowFullSince = null;
    }

    Verdict evaluate(PortReading r, Duration sessionAge) {
        return evaluate(r, sessionAge, 0, SessionLimits.NONE);
    }

    /**
     * @param sessionEnergyWh what the session has drawn so far
     * @param chosen          the limits the tenant chose for it (already within the site's)
     */
    Verdict evaluate(PortReading r, Duration sessionAge, long sessionEnergyWh, SessionLimits chosen) {
        if (r.watts() > limits.overloadWatts()) {
            return new Verdict(EndReason.OVERLOAD, String.format(Locale.ROOT, "%.0f W drawn, above the %d W limit",
                    r.watts(), limits.overloadWatts()), null);
        }
        if (sessionAge.compareTo(limits.maxSession()) >= 0) {
            return new Verdict(EndReason.MAX_TIME, "", null);
        }
        if (chosen.maxMinutes() != null && sessionAge.compareTo(Duration.ofMinutes(chosen.maxMinutes())) >= 0) {
            return new Verdict(EndReason.SESSION_LIMIT, "the " + chosen.maxMinutes() + " min chosen at the start", null);
        }
        if (chosen.maxEnergyWh() != null && sessionEnergyWh >= chosen.maxEnergyWh()) {
            return new Verdict(EndReason.SESSION_LIMIT, "the " + chosen.maxEnergyWh() + " Wh chosen at the start", null);
        }
        if (r.watts() < limits.fullChargeWatts()) {
            belowFullSince = belowFullSince == null ? r.at() : belowFullSince;
            if (Duration.between(belowFullSince, r.at()).compareTo(limits.fullChargeTime()) >= 0) {
                return new Verdict(EndReason.FULL, "", null);
            }
        } else {
            belowFullSince = null;
        }
        if (r.relayClosed()) {
            String found = detector.onReading(r.at(), r.watts()).orElse(null);
            if (found != null) {
                return new Verdict(null, "", found);
            }
        }
        return Verdict.NOTHING;
    }
}
