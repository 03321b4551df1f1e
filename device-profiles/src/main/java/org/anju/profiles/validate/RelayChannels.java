package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.Problems;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.Location;

/**
 * Who switches which relay-board channel: a metered port, a pile's feeder or a lift floor's button.
 * A channel wired to two of them would cut a socket when a renter rides the lift.
 */
final class RelayChannels {
    private final DeviceRefs devices;
    private final Problems problems;
    private final Map<String, Location> claimed = new HashMap<>();

    RelayChannels(DeviceRefs devices, Problems problems) {
        this.devices = devices;
        this.problems = problems;
    }

    /** A relay-board channel that exists and switches one thing only. */
    void claim(String relayId, int channel, Location relayAt, Location at) {
        Optional<Device> relay = devices.find(relayId, ProfileKind.RELAY_BOARD, relayAt);
        if (relay.isEmpty()) {
            return;
        }
        int count = ((RelayBoardProfile) relay.get().profile()).channels();
        if (channel > count) {
            problems.add(at, "relay board " + relayId + " has no channel " + channel + " (it has " + count + ")",
                    "use a channel from 1 to " + count);
            return;
        }
        Location first = claimed.putIfAbsent(relayId + "#" + channel, at);
        if (first != null) {
            problems.add(at, "channel " + channel + " of relay board " + relayId + " already switches something else ("
                    + Where.relative(first, at) + ")", "give each metered port, feeder and lift floor its own relay channel");
        }
    }
}
