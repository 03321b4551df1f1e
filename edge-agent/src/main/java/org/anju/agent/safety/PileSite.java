package org.anju.agent.safety;

import java.util.Objects;

/**
 * A pile as the site file places it: its ports, the charging area it stands in, the feeder output
 * that can cut its whole supply (null if the site has none), and its accepted limits
 * ({@link LimitsCheck}).
 */
public record PileSite(String pileId, int portCount, String areaId, String feeder, SafetyLimits limits,
                       AnomalySettings anomaly) {

    public PileSite {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(areaId, "areaId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(anomaly, "anomaly");
        if (portCount < 1) {
            throw new IllegalArgumentException("pile " + pileId + " needs at least one port");
        }
    }
}
