package org.anju.bridge.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The payload of a {@code gate.passage} event: one person counted through a gate by the turnstile,
 * with the direction, who it was when a card or phone opened it for them, and the building's count
 * of people inside after it.
 *
 * @param how what let them through: card, pin or remote (a tenant identified), exit-button, free (the
 *            gate held open in a fire), unopened (counted though nobody opened it: a tailgater, someone
 *            vaulting the arm) or offline (passed while the gateway was not watching, counted on its return)
 */
@JsonPropertyOrder({"gate", "building", "direction", "how", "tenant", "inside"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatePassage(String gate, String building, String direction, String how, String tenant, int inside) {
    public static final String TYPE = "gate.passage";
    public static final List<String> HOW = List.of("card", "pin", "remote", "exit-button", "free", "unopened", "offline");

    public GatePassage {
        Fields.siteId("gate", gate);
        Fields.text("building", building, 64);
        Fields.oneOf("direction", direction, List.of("in", "out"));
        Fields.oneOf("how", how, HOW);
        Fields.tenant("tenant", tenant);
        if (inside < 0) {
            throw new IllegalArgumentException("inside is a count of people, not " + inside);
        }
    }
}
