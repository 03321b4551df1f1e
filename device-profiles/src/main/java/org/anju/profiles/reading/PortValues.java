package org.anju.profiles.reading;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one charging port reported in one poll, whether a pile's port or a socket's energy meter,
 * in the units the rules compare (W, Wh, V, A, var, Hz), as the device sent them: a meter's power
 * is negative when it sees power flow back. What the device does not report is empty.
 *
 * @param relayClosed   the port's relay as its coil reads (a pile's port; a socket's relay is on a relay board)
 * @param plugged       a pile's plug sensor; a socket has none
 * @param stateCode     the device's own state code, unmapped
 * @param cutReasonCode the device's own code of why it last opened the relay, unmapped
 * @param unreadable    optional values that were read but are not values (each with the reason);
 *                      their fields are empty
 */
public record PortValues(double watts, EnergyCounter energy, OptionalDouble volts, OptionalDouble amps,
                         OptionalDouble reactiveVar, OptionalDouble powerFactor, OptionalDouble hertz,
                         Optional<Boolean> relayClosed, Optional<Boolean> plugged, OptionalInt stateCode,
                         OptionalInt cutReasonCode, List<String> unreadable) {

    public PortValues {
        unreadable = List.copyOf(unreadable);
    }
}
