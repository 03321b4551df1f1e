package org.anju.agent.safety;

import java.util.Locale;
import java.util.OptionalDouble;

import org.anju.agent.charging.PileReading;

/**
 * A pile's temperature levels and trend. Levels have hysteresis (a level set at {@code L} clears
 * below {@code L - hysteresis}) so a temperature hovering at a threshold does not flap. The trend
 * warns when the least-squares slope over {@code trendWindow} is at least {@code trendWarnCPerMinute}
 * <em>and</em> the temperature would reach the cut level within {@code trendHorizon} at that rate:
 * the projection keeps the many-ports-start-at-once warm-up (fast, but levelling off far below the
 * cut level) from warning, while a steady climb toward the cut level warns with time to act.
 */
final class TemperatureRules {

    /** What the last reading says. */
    record Levels(boolean warn, boolean cut, boolean rising, double slopeCPerMinute, String risingDetail) {
    }

    private final SafetyLimits limits;
    private final SampleWindow temperatures;
    private boolean warn;
    private boolean cut;

    TemperatureRules(SafetyLimits limits) {
        this.limits = limits;
        this.temperatures = new SampleWindow(limits.trendWindow());
    }

    Levels onReading(PileReading r) {
        double t = r.temperatureC();
        temperatures.add(r.at(), t);
        warn = warn ? t >= limits.temperatureWarnC() - limits.temperatureHysteresisC() : t >= limits.temperatureWarnC();
        boolean hot = cut ? t >= limits.temperatureCutC() - limits.temperatureHysteresisC() : t >= limits.temperatureCutC();
        // the firmware's own over-temperature alarm counts too: its sensor may be the one that is right
        cut = hot || r.firmwareOverTemperature();
        OptionalDouble slope = temperatures.slopePerMinute(r.at(), limits.trendWindow());
        boolean rising = false;
        String detail = "";
        double perMinute = slope.orElse(0);
        if (slope.isPresent() && perMinute >= limits.trendWarnCPerMinute() && t < limits.temperatureCutC()) {
            double minutesToCut = (limits.temperatureCutC() - t) / perMinute;
            rising = minutesToCut * 60 <= limits.trendHorizon().toSeconds();
            detail = String.format(Locale.ROOT, "%.1f degC rising %.2f degC/min: %.0f degC cut level in about %.1f min",
                    t, perMinute, limits.temperatureCutC(), minutesToCut);
        }
        return new Levels(warn, cut, rising, perMinute, detail);
    }
}
