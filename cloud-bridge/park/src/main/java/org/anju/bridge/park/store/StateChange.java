package org.anju.bridge.park.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.PayloadFields;

/**
 * What an event would change in the last-known state of doors, charging ports, alarms, buildings'
 * counts of who is inside and lifts' fire releases (the
 * gateway agent's event types, listed in CONTRACT.md), read from its payload. Pure, so it is read
 * on the threads that check signatures, beside the store's writer rather than on it; the writer
 * applies the changes of the events it stored for the first time ({@link LastKnownState}). A
 * port's reading, four events in five, is read field by field without building a tree.
 */
public sealed interface StateChange {
    /** {@code door} is now in {@code state}. */
    record Door(String door, String state, long ts) implements StateChange {
    }

    /**
     * A port's meters and state, its pile's temperature (null: none reported) and what holds it off
     * at the gateway ({@code heldFor} null: nothing; {@code heldBy} null: the rules, not an officer).
     */
    record Reading(String pile, int port, String state, int powerW, long energyWh, double voltageV, double currentA,
                   long sessionSeconds, Double temperatureC, String heldFor, Long heldSince, String heldBy, long ts)
            implements StateChange {
    }

    /** A port's state without meters (the meters it has stay). */
    record Status(String pile, int port, String state, long ts) implements StateChange {
    }

    /** An alarm's life: its state now, who acknowledged it, and the alarm as the gateway described it. */
    record Alarm(String id, String kind, String severity, String source, String detail, String state, String acknowledgedBy,
                 String payload, long ts) implements StateChange {
    }

    /** A building's count of people inside, after a passage, a reset or a reconciliation. */
    record Count(String building, int inside, long ts) implements StateChange {
    }

    /** Who is inside during a fire ({@code tenants} as JSON), or a fire's end ({@code fire} false, no list). */
    record Roll(String building, int inside, int unidentified, boolean fire, String tenants, long ts) implements StateChange {
    }

    /** A lift's fire release as last reported: released, input-cleared or restored. */
    record Lift(String lift, String state, long ts) implements StateChange {
    }

    /** Events that carry a building's count, and the field that holds it. */
    Map<String, String> OCCUPANCY_COUNTS = Map.of("gate.passage", "inside", "gate.passback_reset", "inside",
            "occupancy.reconciled", "after");

    Map<String, String> DOOR_STATES = Map.of(
            "door.opened", "OPEN", "door.closed", "CLOSED", "door.forced_open", "FORCED_OPEN",
            "door.held_open", "HELD_OPEN", "door.fire_released", "FIRE_RELEASED", "door.unlocked", "UNLOCKED",
            "door.relocked", "LOCKED", "door.lockdown_started", "LOCKDOWN", "door.lockdown_ended", "LOCKED");

    /** The change each event of a batch makes, in order; null where it makes none. */
    static List<StateChange> of(EventBatch batch) {
        List<StateChange> out = new ArrayList<>(batch.events().size());
        for (EventBatch.Event e : batch.events()) {
            out.add(of(e, null));
        }
        return Collections.unmodifiableList(out);
    }

    /** As {@link #of(EventBatch)}, from the payloads' fields read with the batch (not read again). */
    static List<StateChange> of(EventBatch.Read read) {
        List<EventBatch.Event> events = read.batch().events();
        List<StateChange> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(of(events.get(i), read.fields().get(i)));
        }
        return Collections.unmodifiableList(out);
    }

    /** The change one event makes, or null; {@code fields}: its payload's, when already read. */
    static StateChange of(EventBatch.Event e, PayloadFields fields) {
        try {
            String doorState = DOOR_STATES.get(e.type());
            if (doorState != null) {
                String door = fields(e, fields).text("door");
                return door.isEmpty() ? null : new Door(door, doorState, e.ts());
            }
            if (e.type().equals("port.reading")) {
                PayloadFields f = fields(e, fields);
                return new Reading(f.text("pile"), (int) f.number("port"), f.text("state"), (int) f.number("powerW"),
                        (long) f.number("energyWh"), f.number("voltageV"), f.number("currentA"), (long) f.number("sessionSeconds"),
                        f.has("temperatureC") ? f.number("temperatureC") : null, f.text("heldFor").isEmpty() ? null : f.text("heldFor"),
                        f.has("heldSince") ? (long) f.number("heldSince") : null,
                        f.text("heldBy").isEmpty() ? null : f.text("heldBy"), e.ts());
            }
            if (e.type().equals("port.status")) {
                PayloadFields f = fields(e, fields);
                String pile = f.text("pileId");
                int port = (int) f.number("port");
                return pile.isEmpty() || port < 1 ? null : new Status(pile, port, ocppName(f.text("status")), e.ts());
            }
            String countField = OCCUPANCY_COUNTS.get(e.type());
            if (countField != null) {
                PayloadFields f = fields(e, fields);
                String building = f.text("building");
                return building.isEmpty() || f.text(countField).isEmpty() || f.number(countField) < 0 ? null
                        : new Count(building, (int) f.number(countField), e.ts());
            }
            if (e.type().equals("occupancy.roll")) {
                JsonNode r = ContractJson.mapper().readTree(e.payload());
                String building = r.path("building").asText();
                boolean fire = r.path("fire").asBoolean(false);
                return building.isEmpty() ? null : new Roll(building, r.path("inside").asInt(), r.path("unidentified").asInt(),
                        fire, fire ? r.path("tenants").toString() : null, e.ts());
            }
            if (e.type().equals("lift.fire_release")) {
                PayloadFields f = fields(e, fields);
                return f.text("lift").isEmpty() || f.text("state").isEmpty() ? null : new Lift(f.text("lift"), f.text("state"), e.ts());
            }
            if (e.type().startsWith("alarm.")) {
                JsonNode a = ContractJson.mapper().readTree(e.payload()).path("alarm");
                if (!a.hasNonNull("id")) {
                    return null;
                }
                String state = a.hasNonNull("clearedAt") ? "CLEARED" : a.hasNonNull("acknowledgedBy") ? "ACKNOWLEDGED" : "RAISED";
                return new Alarm(a.path("id").asText(), a.path("kind").asText(), a.path("severity").asText(),
                        a.path("source").asText(), a.path("detail").asText(), state,
                        a.hasNonNull("acknowledgedBy") ? a.path("acknowledgedBy").asText() : null, a.toString(), e.ts());
            }
        } catch (IOException | RuntimeException unreadable) {
            return null; // the contract checked it is one JSON object; a field of the wrong kind moves nothing
        }
        return null;
    }

    private static PayloadFields fields(EventBatch.Event e, PayloadFields read) throws IOException {
        return read != null ? read : PayloadFields.read(e.payload());
    }

    /** The agent's enum names (SUSPENDED_EV) as OCPP writes them (SuspendedEV). */
    static String ocppName(String status) {
        return switch (status) {
            case "SUSPENDED_EV" -> "SuspendedEV";
            case "SUSPENDED_EVSE" -> "SuspendedEVSE";
            default -> status.isEmpty() ? status : status.charAt(0) + status.substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }
}
