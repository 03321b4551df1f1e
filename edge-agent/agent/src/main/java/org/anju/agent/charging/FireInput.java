package org.anju.agent.charging;

import java.time.Instant;
import java.util.Objects;

/**
 * A smoke detector or fire-panel contact wired to a charging area, as the gateway read it.
 * {@code input} names the contact in the site file (several inputs can guard one area).
 */
public record FireInput(String areaId, String input, Instant at, boolean active) implements Reading {

    public FireInput {
        Objects.requireNonNull(areaId, "areaId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(at, "at");
    }

    public static String source(String areaId) {
        return "area:" + areaId;
    }

    @Override
    public String source() {
        return source(areaId);
    }
}
