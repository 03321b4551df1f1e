package org.anju.profiles.model;

import java.time.Duration;

import org.anju.protocol.pile.PileLimits;

/**
 * A pile firmware's own protection limits, as its maker sets them. The gateway's
 * {@link SafetyLimitSettings} may only be stricter.
 *
 * @param heartbeatTimeout every relay opens when the gateway's heartbeat stops for this long; zero: no watchdog
 */
public record FirmwareLimits(int overloadPower, int fullChargePower, Duration fullChargeTime, Duration maxSession,
                             double overTemperature, Duration heartbeatTimeout) {

    public static FirmwareLimits of(PileLimits limits) {
        return new FirmwareLimits(limits.overloadWatts(), limits.fullChargeWatts(), limits.fullChargeTime(),
                limits.maxSession(), limits.overTemperatureCelsius(), limits.heartbeatTimeout());
    }
}
