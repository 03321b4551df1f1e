package org.anju.agent.safety;

import java.util.List;
import java.util.Objects;

/**
 * A charging area as the site file names it: the fail-safe egress doors to release when smoke or
 * the fire panel trips there. Which piles stand in it comes from each {@link PileSite}.
 */
public record AreaEgress(String areaId, List<String> egressDoors) {

    public AreaEgress {
        Objects.requireNonNull(areaId, "areaId");
        egressDoors = List.copyOf(egressDoors);
    }
}
