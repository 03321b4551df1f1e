package org.anju.profiles.model;

import java.util.List;
import java.util.Map;

import org.anju.protocol.modbus.RegisterSpec;

/**
 * A Modbus relay board whose coils switch the power of ports metered by separate energy meters.
 *
 * @param boardRegisters registers of the whole board, by role (see {@link RegisterRoles#RELAY_BOARD_WIDE}):
 *                       the temperature input of the cabinet it sits in, when it has one
 */
public record RelayBoardProfile(String id, String protocol, String description, int channels, RepeatedRegister relay,
                                Map<String, RegisterSpec> boardRegisters, List<RegisterRead> reads) implements Profile {

    public RelayBoardProfile {
        boardRegisters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(boardRegisters));
        reads = List.copyOf(reads);
    }

    /** The cabinet's temperature input, in degC after scaling, when the board has one. */
    public java.util.Optional<RegisterSpec> temperature() {
        return java.util.Optional.ofNullable(boardRegisters.get("temperature"));
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.RELAY_BOARD;
    }

    /** The coil of channel {@code channel} (from 1). */
    public RegisterSpec relayOf(int channel) {
        if (channel < 1 || channel > channels) {
            throw new IllegalArgumentException(id + " has channels 1-" + channels + ", not " + channel);
        }
        return relay.at(channel);
    }
}
