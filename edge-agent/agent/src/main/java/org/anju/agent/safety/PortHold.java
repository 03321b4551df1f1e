package org.anju.agent.safety;

import java.time.Instant;
import java.util.Objects;

import org.anju.agent.charging.EndReason;

/**
 * Why a port is held off: a fire in its area, its pile too hot, or an officer's cut of its area,
 * since when, and by whom (an officer's id; null when the rules decided it). A held port refuses
 * every start until its holds are released, which the park must be told: a port that reads
 * "Available" while held off would look usable and is not.
 */
public record PortHold(EndReason reason, Instant since, String by) {
    public PortHold {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
