package org.anju.agent.safety;

import java.time.Duration;

/**
 * Thresholds of the battery anomaly detector (SAFETY.md, "Early warning", says why each value).
 *
 * @param taperFraction       a charge is tapering once power falls below this share of its bulk power
 * @param minBulkWatts        a charge whose bulk power stayed below this is too small to judge
 * @param jumpWatts           a late jump must be at least this many watts...
 * @param jumpFraction        ...and at least this share of the bulk power
 * @param creepWatts          power must climb at least this far above its taper minimum...
 * @param creepFraction       ...and at least this share of the bulk power...
 * @param creepHold           ...and keep rising for this long
 * @param creepWindow         the window whose least-squares slope must be rising
 * @param heatingCPerMinute   the pile warming at least this fast...
 * @param heatingWindow       ...measured by least squares over this window...
 * @param heatingHold         ...for this long...
 * @param loadSettle          ...while the pile's load has not risen for this long...
 * @param loadRiseWatts       ...by more than this many watts...
 * @param loadRiseFraction    ...or this share of the load...
 * @param decayRatio          ...and the rise is not dying away (second half of the window at least
 *                            this share of the first half's rate), as warming from a past load step does
 */
public record AnomalySettings(double taperFraction, double minBulkWatts, double jumpWatts, double jumpFraction,
                              double creepWatts, double creepFraction, Duration creepHold, Duration creepWindow,
                              double heatingCPerMinute, Duration heatingWindow, Duration heatingHold,
                              Duration loadSettle, double loadRiseWatts, double loadRiseFraction, double decayRatio) {

    public static final AnomalySettings DEFAULTS = new AnomalySettings(0.85, 40, 30, 0.20, 15, 0.10,
            Duration.ofSeconds(60), Duration.ofMinutes(3), 0.5, Duration.ofMinutes(3), Duration.ofSeconds(60),
            Duration.ofMinutes(10), 20, 0.10, 0.8);
}
