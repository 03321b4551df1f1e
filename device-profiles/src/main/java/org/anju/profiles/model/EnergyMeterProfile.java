package org.anju.profiles.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anju.protocol.modbus.RegisterSpec;

/**
 * A single-circuit Modbus energy meter that meters one charging port; the port's power comes
 * from a channel of a separate relay board.
 *
 * @param registers by role (see {@link RegisterRoles#METER})
 */
public record EnergyMeterProfile(String id, String protocol, String description, Map<String, RegisterSpec> registers,
                                 List<RegisterRead> reads) implements Profile {

    public EnergyMeterProfile {
        registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        reads = List.copyOf(reads);
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.ENERGY_METER;
    }
}
