package org.anju.profiles.validate;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import org.anju.profiles.Problems;
import org.anju.profiles.model.FirmwareLimits;
import org.anju.profiles.model.SafetyLimitSettings;
import org.anju.profiles.model.SafetyOverride;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.schema.Scalars;
import org.anju.profiles.Location;

/**
 * The gateway's safety limits sit on top of the pile firmware's own and may only be stricter: a
 * gateway limit looser than the firmware's would never act, and a reader of the profile would
 * believe in a protection that is not there.
 */
public final class PileLimitRules {
    private static final String STRICTER = "the gateway may only be stricter than the firmware: use at most ";

    private PileLimitRules() {
    }

    /** Checks a pile profile's own limits. */
    public static void check(FirmwareLimits fw, SafetyLimitSettings safety, Origins origins, Problems problems) {
        if (fw.fullChargePower() >= fw.overloadPower()) {
            problems.add(origins.at(fw, "fullChargePower"), "fullChargePower " + fw.fullChargePower() + " W is not below overloadPower "
                    + fw.overloadPower() + " W", "a port counts as full far below its overload limit");
        }
        compare(fw, safety, key -> true, key -> origins.at(safety, key), "", problems);
    }

    /** Checks a charging area's override against the firmware of one pile profile in it. */
    public static void checkOverride(FirmwareLimits fw, SafetyLimitSettings profileLimits, SafetyOverride override, String profileId,
                                     Origins origins, Problems problems) {
        SafetyLimitSettings effective = override.over(profileLimits);
        compare(fw, effective, key -> origins.has(override, key), key -> origins.at(override, key), " (profile " + profileId + ")", problems);
    }

    private static void compare(FirmwareLimits fw, SafetyLimitSettings s, Predicate<String> written, Function<String, Location> at,
                                String whose, Problems problems) {
        if (written.test("overloadPower") && s.overloadPower() > fw.overloadPower()) {
            problems.add(at.apply("overloadPower"), "overloadPower " + s.overloadPower() + " W is above the firmware's own limit of "
                    + fw.overloadPower() + " W" + whose, STRICTER + fw.overloadPower() + " W");
        }
        aboveFirmware("fullChargeTime", s.fullChargeTime(), fw.fullChargeTime(), written, at, whose, problems);
        aboveFirmware("maxSession", s.maxSession(), fw.maxSession(), written, at, whose, problems);
        if (written.test("temperatureCut") && s.temperatureCut() > fw.overTemperature()) {
            problems.add(at.apply("temperatureCut"), "temperatureCut " + Scalars.formatNumber(s.temperatureCut())
                    + " degC is above the firmware's own over-temperature limit of " + Scalars.formatNumber(fw.overTemperature())
                    + " degC" + whose, STRICTER + Scalars.formatNumber(fw.overTemperature()) + " degC");
        }
        if ((written.test("temperatureWarn") || written.test("temperatureCut")) && s.temperatureWarn() >= s.temperatureCut()) {
            String key = written.test("temperatureWarn") ? "temperatureWarn" : "temperatureCut";
            problems.add(at.apply(key), "temperatureWarn " + Scalars.formatNumber(s.temperatureWarn()) + " degC is not below temperatureCut "
                    + Scalars.formatNumber(s.temperatureCut()) + " degC" + whose, "warn before cutting: keep temperatureWarn below temperatureCut");
        }
        if ((written.test("fullChargePower") || written.test("overloadPower")) && s.fullChargePower() >= s.overloadPower()) {
            String key = written.test("fullChargePower") ? "fullChargePower" : "overloadPower";
            problems.add(at.apply(key), "fullChargePower " + s.fullChargePower() + " W is not below overloadPower " + s.overloadPower()
                    + " W" + whose, "a port counts as full far below its overload limit");
        }
    }

    private static void aboveFirmware(String key, Duration gateway, Duration firmware, Predicate<String> written,
                                      Function<String, Location> at, String whose, Problems problems) {
        if (written.test(key) && gateway.compareTo(firmware) > 0) {
            problems.add(at.apply(key), key + " " + Scalars.formatDuration(gateway) + " is above the firmware's own limit of "
                    + Scalars.formatDuration(firmware) + whose, STRICTER + Scalars.formatDuration(firmware));
        }
    }
}
