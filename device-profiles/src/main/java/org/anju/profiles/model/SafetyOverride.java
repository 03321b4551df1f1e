package org.anju.profiles.model;

import java.time.Duration;
import java.util.Optional;

/** A charging area's stricter limits; each one left empty keeps the pile profile's. */
public record SafetyOverride(Optional<Integer> overloadPower, Optional<Integer> fullChargePower,
                             Optional<Duration> fullChargeTime, Optional<Duration> maxSession,
                             Optional<Double> temperatureWarn, Optional<Double> temperatureCut) {

    public static final SafetyOverride NONE = new SafetyOverride(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /** The limits that apply to a pile whose profile says {@code base}. */
    public SafetyLimitSettings over(SafetyLimitSettings base) {
        return new SafetyLimitSettings(overloadPower.orElse(base.overloadPower()), fullChargePower.orElse(base.fullChargePower()),
                fullChargeTime.orElse(base.fullChargeTime()), maxSession.orElse(base.maxSession()),
                temperatureWarn.orElse(base.temperatureWarn()), temperatureCut.orElse(base.temperatureCut()));
    }
}
