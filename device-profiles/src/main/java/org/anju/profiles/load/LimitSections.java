package org.anju.profiles.load;

import static org.anju.profiles.load.Types.duration;
import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.number;

import java.util.Optional;

import org.anju.profiles.model.FirmwareLimits;
import org.anju.profiles.model.SafetyLimitSettings;
import org.anju.profiles.model.SafetyOverride;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;

/** A pile firmware's own limits, and the stricter ones the gateway enforces on top. */
final class LimitSections {

    static final Section FIRMWARE = Section.named("firmwareLimits", "The pile firmware's own protection limits, as its maker sets them.")
            .required("overloadPower", integer(1, 65535), "W", "the firmware cuts a port drawing more than this")
            .required("fullChargePower", integer(0, 65535), "W", "below this a port counts as full")
            .required("fullChargeTime", duration("0s", "18h"), "", "the firmware cuts a port full for this long")
            .required("maxSession", duration("1min", "72h"), "", "the firmware cuts a session longer than this")
            .required("overTemperature", number(1, 200), "degC", "above this the firmware opens every relay")
            .required("heartbeatTimeout", duration("0s", "18h"), "",
                    "every relay opens when the gateway's heartbeat stops for this long; 0s: no watchdog")
            .build();

    static final Section SAFETY = Section.named("safetyLimits",
                    "The limits the gateway enforces on every port; each must be at least as strict as the firmware's own.")
            .required("overloadPower", integer(1, 65535), "W", "the gateway cuts a port drawing more than this")
            .required("fullChargePower", integer(0, 65535), "W", "below this a port counts as full")
            .required("fullChargeTime", duration("1s", "18h"), "", "the gateway cuts a port full for this long")
            .required("maxSession", duration("1min", "72h"), "", "no session runs longer than this")
            .required("temperatureWarn", number(0, 200), "degC", "above this the gateway raises a warning")
            .required("temperatureCut", number(1, 200), "degC", "above this the gateway cuts every port of the pile")
            .build();

    static final Section SAFETY_OVERRIDE = SAFETY.allOptional("chargingAreas[].safetyLimits",
            "Stricter limits for one charging area; the keys are those of a pile profile's safetyLimits.",
            "the pile profile's");

    private LimitSections() {
    }

    static Optional<FirmwareLimits> firmware(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new FirmwareLimits(r.integer("overloadPower"), r.integer("fullChargePower"),
                r.duration("fullChargeTime"), r.duration("maxSession"), r.number("overTemperature"),
                r.duration("heartbeatTimeout"))));
    }

    static Optional<SafetyLimitSettings> safety(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new SafetyLimitSettings(r.integer("overloadPower"), r.integer("fullChargePower"),
                r.duration("fullChargeTime"), r.duration("maxSession"), r.number("temperatureWarn"),
                r.number("temperatureCut"))));
    }

    static Optional<SafetyOverride> override(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new SafetyOverride(r.optional("overloadPower", Integer.class),
                r.optional("fullChargePower", Integer.class), r.optional("fullChargeTime", java.time.Duration.class),
                r.optional("maxSession", java.time.Duration.class), r.optional("temperatureWarn", Double.class),
                r.optional("temperatureCut", Double.class))));
    }
}
