package org.anju.profiles.model;

import java.time.Duration;

/**
 * The limits the gateway enforces on every port of a pile, on top of the firmware's own.
 *
 * @param overloadPower   W; a port drawing more is cut
 * @param fullChargePower W; below this a port counts as full
 * @param fullChargeTime  a port full for this long is cut
 * @param maxSession      no session runs longer
 * @param temperatureWarn degC; above this the gateway raises a warning
 * @param temperatureCut  degC; above this the gateway cuts every port of the pile
 */
public record SafetyLimitSettings(int overloadPower, int fullChargePower, Duration fullChargeTime, Duration maxSession,
                           double temperatureWarn, double temperatureCut) {
}
