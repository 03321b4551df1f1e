package org.anju.profiles.model;

import java.util.List;

import org.anju.protocol.modbus.RegisterSpec;

/** A Modbus relay board whose coils switch the power of ports metered by separate energy meters. */
public record RelayBoardProfile(String id, String protocol, String description, int channels, RepeatedRegister relay,
                                List<RegisterRead> reads) implements Profile {

    public RelayBoardProfile {
        reads = List.copyOf(reads);
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
