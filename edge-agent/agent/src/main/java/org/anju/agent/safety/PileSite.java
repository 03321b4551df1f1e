package org.anju.agent.safety;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A pile as the site file places it: its ports, the charging area it stands in, the feeder output
 * that can cut its whole supply (null if the site has none), and its accepted limits
 * ({@link LimitsCheck}). A relay board's metered sockets are a pile too: the board's channels are
 * its ports, so its port numbers need not run from 1 without a gap.
 *
 * @param ports the port numbers, ascending
 */
public record PileSite(String pileId, List<Integer> ports, String areaId, String feeder, SafetyLimits limits,
                       AnomalySettings anomaly) {

    public PileSite {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(areaId, "areaId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(anomaly, "anomaly");
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("pile " + pileId + " needs at least one port");
        }
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i) < 1 || (i > 0 && ports.get(i) <= ports.get(i - 1))) {
                throw new IllegalArgumentException("pile " + pileId + "'s ports are numbered from 1, ascending: " + ports);
            }
        }
    }

    /** A pile whose ports are 1 to {@code portCount}. */
    public PileSite(String pileId, int portCount, String areaId, String feeder, SafetyLimits limits, AnomalySettings anomaly) {
        this(pileId, IntStream.rangeClosed(1, portCount).boxed().toList(), areaId, feeder, limits, anomaly);
    }
}
