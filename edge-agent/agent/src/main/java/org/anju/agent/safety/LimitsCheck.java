package org.anju.agent.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.anju.protocol.pile.PileLimits;

/**
 * Accepts a pile's limits only if they make sense and the gateway is never laxer than the pile's
 * own firmware: the gateway is the second line of defence, and a second line that trips later
 * than the first is no line at all. Equal is allowed (the gateway then backs up a firmware that
 * fails to act).
 */
public final class LimitsCheck {

    /** The verdict: the limits to use, or every reason they cannot be used. */
    public sealed interface Verdict {
    }

    public record Accepted(SafetyLimits limits) implements Verdict {
    }

    public record Refused(List<LimitProblem> problems) implements Verdict {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    private final SafetyLimits limits;
    private final PileLimits firmware;
    private final Set<String> fromSite;
    private final List<LimitProblem> problems = new ArrayList<>();

    private LimitsCheck(SafetyLimits limits, PileLimits firmware, Set<String> fromSite) {
        this.limits = limits;
        this.firmware = firmware;
        this.fromSite = fromSite;
    }

    /**
     * @param limits   the profile's limits with the site file's overrides applied
     * @param firmware the pile firmware's own limits (from the profile, or read from the pile)
     * @param fromSite names of the fields the site file set, so a problem names the right file
     */
    public static Verdict check(SafetyLimits limits, PileLimits firmware, Set<String> fromSite) {
        LimitsCheck c = new LimitsCheck(limits, firmware, Set.copyOf(fromSite));
        c.run();
        return c.problems.isEmpty() ? new Accepted(limits) : new Refused(c.problems);
    }

    private void run() {
        SafetyLimits l = limits;
        if (l.overloadWatts() < 1) {
            fail("overloadWatts", "must be at least 1 W, not " + l.overloadWatts());
        } else if (l.overloadWatts() > firmware.overloadWatts()) {
            fail("overloadWatts", l.overloadWatts() + " W is above the pile firmware's own overload limit of "
                    + firmware.overloadWatts() + " W; the gateway may only be stricter: set it to "
                    + firmware.overloadWatts() + " W or less");
        }
        if (l.fullChargeWatts() < firmware.fullChargeWatts()) {
            fail("fullChargeWatts", l.fullChargeWatts() + " W is below the pile firmware's full-charge power of "
                    + firmware.fullChargeWatts() + " W, so the gateway would call a battery full later than the pile; "
                    + "set it to " + firmware.fullChargeWatts() + " W or more");
        }
        if (l.fullChargeWatts() >= l.overloadWatts()) {
            fail("fullChargeWatts", l.fullChargeWatts() + " W must be below overloadWatts (" + l.overloadWatts() + " W)");
        }
        notLonger("fullChargeTime", l.fullChargeTime(), firmware.fullChargeTime(), "full-charge time");
        notLonger("maxSession", l.maxSession(), firmware.maxSession(), "maximum session");
        if (l.temperatureCutC() > firmware.overTemperatureCelsius()) {
            fail("temperatureCutC", l.temperatureCutC() + " degC is above the pile firmware's over-temperature limit of "
                    + firmware.overTemperatureCelsius() + " degC; set it to " + firmware.overTemperatureCelsius()
                    + " degC or less");
        }
        if (!(l.temperatureWarnC() < l.temperatureCutC())) {
            fail("temperatureWarnC", l.temperatureWarnC() + " degC must be below temperatureCutC ("
                    + l.temperatureCutC() + " degC), or the warning never comes first");
        }
        positive("temperatureHysteresisC", l.temperatureHysteresisC(), "degC");
        positive("trendWarnCPerMinute", l.trendWarnCPerMinute(), "degC/min");
        atLeast("trendWindow", l.trendWindow(), Duration.ofMinutes(1), "a shorter window turns sensor noise into trends");
        positive("trendHorizon", l.trendHorizon());
        if (l.relayOffWatts() < 0 || l.relayOffWatts() >= l.fullChargeWatts()) {
            fail("relayOffWatts", l.relayOffWatts() + " W must be 0 W or more and below fullChargeWatts ("
                    + l.fullChargeWatts() + " W): a port off must read as less than a full battery's float");
        }
        positive("cutVerifyTimeout", l.cutVerifyTimeout());
        checkHeartbeat();
        if (l.meterPlausibleWatts() <= l.overloadWatts()) {
            fail("meterPlausibleWatts", l.meterPlausibleWatts() + " W must be above overloadWatts ("
                    + l.overloadWatts() + " W), or a real overload's energy would be thrown away as a meter fault");
        }
        positive("alarmClearAfter", l.alarmClearAfter());
    }

    private void checkHeartbeat() {
        Duration timeout = firmware.heartbeatTimeout();
        if (timeout.isZero()) {
            problems.add(new LimitProblem("heartbeatTimeout", "pile firmware", "the pile's heartbeat watchdog is off "
                    + "(timeout 0), so its ports stay on if the gateway dies; set a timeout such as 60 s"));
            return;
        }
        Duration interval = limits.heartbeatInterval();
        if (interval.isZero() || interval.isNegative()) {
            fail("heartbeatInterval", "must be above 0 s, not " + interval.toSeconds() + " s");
        } else if (interval.multipliedBy(2).compareTo(timeout) > 0) {
            fail("heartbeatInterval", interval.toSeconds() + " s leaves no room for one lost write before the pile's "
                    + "watchdog (" + timeout.toSeconds() + " s) opens every relay; use at most half of it, "
                    + "a third (" + timeout.dividedBy(3).toSeconds() + " s) is better");
        }
    }

    private void notLonger(String field, Duration value, Duration firmwareValue, String what) {
        if (value.isZero() || value.isNegative()) {
            fail(field, "must be above 0, not " + value);
        } else if (value.compareTo(firmwareValue) > 0) {
            fail(field, describe(value) + " is longer than the pile firmware's " + what + " of "
                    + describe(firmwareValue) + "; the gateway may only be stricter");
        }
    }

    private void positive(String field, double value, String unit) {
        if (!(value > 0)) {
            fail(field, "must be above 0 " + unit + ", not " + value);
        }
    }

    private void positive(String field, Duration value) {
        if (value.isZero() || value.isNegative()) {
            fail(field, "must be above 0, not " + describe(value));
        }
    }

    private void atLeast(String field, Duration value, Duration min, String why) {
        if (value.compareTo(min) < 0) {
            fail(field, describe(value) + " is shorter than " + describe(min) + ": " + why);
        }
    }

    private void fail(String field, String message) {
        problems.add(new LimitProblem(field, fromSite.contains(field) ? "site file" : "profile", message));
    }

    static String describe(Duration d) {
        if (d.toSeconds() % 3600 == 0 && d.toSeconds() != 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0 && d.toSeconds() != 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
