package org.anju.profiles.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.protocol.modbus.RegisterSpec;

/**
 * A charging pile with its own relays and metering, on Modbus RTU.
 *
 * @param portRegisters registers every port has, by role (see {@link RegisterRoles#PILE_PORT})
 * @param pileRegisters registers of the whole pile, by role (see {@link RegisterRoles#PILE_WIDE})
 * @param reads         the read requests of one poll, which together cover every register
 */
public record ChargingPileProfile(String id, String protocol, String description, int ports,
                                  Map<String, RepeatedRegister> portRegisters, Map<String, RegisterSpec> pileRegisters,
                                  List<RegisterRead> reads, FirmwareLimits firmwareLimits, SafetyLimitSettings safetyLimits)
        implements Profile {

    public ChargingPileProfile {
        portRegisters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(portRegisters));
        pileRegisters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pileRegisters));
        reads = List.copyOf(reads);
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.CHARGING_PILE;
    }

    /** The registers of port {@code port} (from 1), in profile order. */
    public List<RegisterSpec> registersOfPort(int port) {
        if (port < 1 || port > ports) {
            throw new IllegalArgumentException(id + " has ports 1-" + ports + ", not " + port);
        }
        List<RegisterSpec> specs = new ArrayList<>();
        portRegisters.values().forEach(r -> specs.add(r.at(port)));
        return specs;
    }

    public Optional<RegisterSpec> portRegister(String role, int port) {
        return Optional.ofNullable(portRegisters.get(role)).map(r -> r.at(port));
    }
}
