package org.anju.bridge.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The payload of a {@code lift.fire_release} event, one per step of a fire release: {@code released}
 * (a fire input went active: every floor button works, {@code floors} lists them), {@code input-cleared}
 * (every fire input is quiet again; the buttons stay released) and {@code restored} (an officer, {@code by},
 * returned the lift to cards and hours).
 */
@JsonPropertyOrder({"lift", "state", "inputs", "floors", "by"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiftFireRelease(String lift, String state, List<String> inputs, List<String> floors, String by) {
    public static final String TYPE = "lift.fire_release";
    public static final String RELEASED = "released";
    public static final String INPUT_CLEARED = "input-cleared";
    public static final String RESTORED = "restored";

    public LiftFireRelease {
        Fields.siteId("lift", lift);
        Fields.oneOf("state", state, List.of(RELEASED, INPUT_CLEARED, RESTORED));
        inputs = inputs == null ? null : List.copyOf(inputs);
        if (inputs != null) {
            inputs.forEach(i -> Fields.siteId("an input", i));
        }
        floors = floors == null ? null : Fields.floors(floors);
        if (state.equals(RELEASED) && (floors == null || inputs == null || inputs.isEmpty())) {
            throw new IllegalArgumentException("a release names the fire inputs and every floor it released");
        }
        if (state.equals(RESTORED)) {
            org.anju.bridge.contract.Contract.requireId("by (the officer who restored the lift)", by);
        }
    }
}
