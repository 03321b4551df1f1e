package org.anju.profiles.model;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A serial lock board: one bus address, up to 48 lock channels, and door-sensor inputs.
 *
 * @param sensorInputs which sensor input reports the door of each channel (channel to input,
 *                     both from 1); a channel without an entry has no sensor
 */
public record LockBoardProfile(String id, String protocol, String description, int channels,
                               Map<Integer, Integer> sensorInputs) implements Profile {

    public LockBoardProfile {
        sensorInputs = Map.copyOf(new TreeMap<>(sensorInputs));
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.LOCK_BOARD;
    }

    public OptionalInt sensorOf(int channel) {
        Integer input = sensorInputs.get(channel);
        return input == null ? OptionalInt.empty() : OptionalInt.of(input);
    }
}
