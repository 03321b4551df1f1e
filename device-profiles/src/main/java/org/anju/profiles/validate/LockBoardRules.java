package org.anju.profiles.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.profiles.Problems;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/** Consistency of a lock board's sensor map: channels and inputs the board has, each used once. */
public final class LockBoardRules {

    /** One sensorMap entry: {@code input} reports the door of {@code channel}. */
    public record Mapping(int channel, int input) {
    }

    private LockBoardRules() {
    }

    /** Reports the entries that do not fit a board of {@code channels} channels; returns the ones that do. */
    public static List<Mapping> checkSensorMap(int channels, List<Mapping> mappings, Origins origins, Problems problems) {
        List<Mapping> valid = new ArrayList<>();
        Map<Integer, Location> channelSeen = new HashMap<>();
        Map<Integer, Location> inputSeen = new HashMap<>();
        for (Mapping m : mappings) {
            Location channelAt = origins.at(m, "channel");
            Location inputAt = origins.at(m, "input");
            if (m.channel() > channels) {
                problems.add(channelAt, "channel " + m.channel() + " is beyond this board's " + channels + " channels",
                        "use a channel from 1 to " + channels);
            } else if (m.input() > channels) {
                problems.add(inputAt, "input " + m.input() + " is beyond this board's " + channels + " sensor inputs",
                        "use an input from 1 to " + channels);
            } else if (channelSeen.containsKey(m.channel())) {
                problems.add(channelAt, "channel " + m.channel() + " is mapped twice (first at " + Where.relative(channelSeen.get(m.channel()), channelAt) + ")",
                        "map each channel once");
            } else if (inputSeen.containsKey(m.input())) {
                problems.add(inputAt, "input " + m.input() + " already reports another channel (" + Where.relative(inputSeen.get(m.input()), inputAt) + ")",
                        "give each channel its own sensor input");
            } else {
                channelSeen.put(m.channel(), channelAt);
                inputSeen.put(m.input(), inputAt);
                valid.add(m);
            }
        }
        return valid;
    }
}
