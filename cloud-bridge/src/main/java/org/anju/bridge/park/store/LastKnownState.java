package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.bridge.contract.EventBatch;

/**
 * Moves the last-known state of doors, charging ports and alarms from newly stored events (the
 * gateway agent's event types, listed in CONTRACT.md). A state only moves forward in the
 * gateway's time, so a backlog drained alarms-first does not leave an older reading on top. A
 * group of events is first folded to one row per door, port and alarm (the latest of the group,
 * in the gateway's time, ties to the later event), then written with one statement per kind.
 */
final class LastKnownState {
    private static final Map<String, String> DOOR_STATES = Map.of(
            "door.opened", "OPEN", "door.closed", "CLOSED", "door.forced_open", "FORCED_OPEN",
            "door.held_open", "HELD_OPEN", "door.fire_released", "FIRE_RELEASED", "door.unlocked", "UNLOCKED",
            "door.relocked", "LOCKED", "door.lockdown_started", "LOCKDOWN", "door.lockdown_ended", "LOCKED");

    private static final List<Bulk.Column> DOOR = List.of(Bulk.Column.text("gateway"), Bulk.Column.text("door"),
            Bulk.Column.text("state"), Bulk.Column.bigint("ts"));
    private static final List<Bulk.Column> PORT = List.of(Bulk.Column.text("gateway"), Bulk.Column.text("pile"),
            Bulk.Column.integer("port"), Bulk.Column.text("state"), Bulk.Column.integer("power_w"),
            Bulk.Column.bigint("energy_wh"), Bulk.Column.real("voltage_v"), Bulk.Column.real("current_a"),
            Bulk.Column.bigint("session_s"), Bulk.Column.bigint("ts"));
    private static final List<Bulk.Column> ALARM = List.of(Bulk.Column.text("gateway"), Bulk.Column.text("alarm_id"),
            Bulk.Column.text("kind"), Bulk.Column.text("severity"), Bulk.Column.text("source"), Bulk.Column.text("detail"),
            Bulk.Column.text("state"), Bulk.Column.bigint("raised_at"), Bulk.Column.text("acknowledged_by"),
            Bulk.Column.text("payload"));

    /** The latest row of one key: its time, and the row as the table takes it. */
    private record Latest(long ts, Object[] row) {
    }

    private LastKnownState() {
    }

    static void apply(Connection c, ParkDatabase.Dialect dialect, Map<String, List<EventBatch.Event>> byGateway)
            throws SQLException {
        Map<List<Object>, Latest> doors = new LinkedHashMap<>();
        Map<List<Object>, Latest> readings = new LinkedHashMap<>();
        Map<List<Object>, Latest> statuses = new LinkedHashMap<>();
        Map<List<Object>, Object[]> alarms = new LinkedHashMap<>();
        for (Map.Entry<String, List<EventBatch.Event>> entry : byGateway.entrySet()) {
            String gateway = entry.getKey();
            for (EventBatch.Event e : entry.getValue()) {
                String doorState = DOOR_STATES.get(e.type());
                if (doorState != null) {
                    String door = IngestStore.json(e.payload()).path("door").asText();
                    if (!door.isEmpty()) {
                        latest(doors, List.of(gateway, door), e.ts(), new Object[] {gateway, door, doorState, e.ts()});
                    }
                } else if (e.type().equals("port.reading")) {
                    JsonNode r = IngestStore.json(e.payload());
                    String pile = r.path("pile").asText();
                    int port = r.path("port").asInt();
                    latest(readings, List.of(gateway, pile, port), e.ts(), new Object[] {gateway, pile, port,
                            r.path("state").asText(), r.path("powerW").asInt(), r.path("energyWh").asLong(),
                            r.path("voltageV").asDouble(), r.path("currentA").asDouble(), r.path("sessionSeconds").asLong(),
                            e.ts()});
                } else if (e.type().equals("port.status")) {
                    JsonNode p = IngestStore.json(e.payload());
                    String pile = p.path("pileId").asText();
                    int port = p.path("port").asInt();
                    if (!pile.isEmpty() && port >= 1) {
                        latest(statuses, List.of(gateway, pile, port), e.ts(), new Object[] {gateway, pile, port,
                                ocppName(p.path("status").asText()), 0, 0L, 0.0, 0.0, 0L, e.ts()});
                    }
                } else if (e.type().startsWith("alarm.")) {
                    alarm(alarms, gateway, IngestStore.json(e.payload()).path("alarm"), e.ts());
                }
            }
        }
        Bulk.insert(c, dialect, "door_state", DOOR, rows(doors), "ON CONFLICT (gateway, door) DO UPDATE SET"
                + " state = excluded.state, ts = excluded.ts WHERE door_state.ts <= excluded.ts");
        // readings first, then states without meters: a newer state keeps the newest meters
        Bulk.insert(c, dialect, "port_state", PORT, rows(readings), "ON CONFLICT (gateway, pile, port) DO UPDATE SET"
                + " state = excluded.state, power_w = excluded.power_w, energy_wh = excluded.energy_wh,"
                + " voltage_v = excluded.voltage_v, current_a = excluded.current_a, session_s = excluded.session_s,"
                + " ts = excluded.ts WHERE port_state.ts <= excluded.ts");
        Bulk.insert(c, dialect, "port_state", PORT, rows(statuses), "ON CONFLICT (gateway, pile, port) DO UPDATE SET"
                + " state = excluded.state, ts = excluded.ts WHERE port_state.ts <= excluded.ts");
        Bulk.insert(c, dialect, "alarm", ALARM, new ArrayList<>(alarms.values()), "ON CONFLICT (gateway, alarm_id) DO UPDATE"
                + " SET state = excluded.state, acknowledged_by = excluded.acknowledged_by, payload = excluded.payload"
                + " WHERE alarm.state <> 'CLEARED'");
    }

    /** Keeps the row with the latest time for its key; a later event of the same time wins. */
    private static void latest(Map<List<Object>, Latest> map, List<Object> key, long ts, Object[] row) {
        Latest old = map.get(key);
        if (old == null || old.ts() <= ts) {
            map.put(key, new Latest(ts, row));
        }
    }

    private static List<Object[]> rows(Map<List<Object>, Latest> map) {
        return map.values().stream().map(Latest::row).toList();
    }

    /**
     * An alarm's life folded in event order: raised (its kind and time) by the first event, its state
     * and payload by the last, and nothing after it is cleared.
     */
    private static void alarm(Map<List<Object>, Object[]> alarms, String gateway, JsonNode a, long ts) {
        if (!a.hasNonNull("id")) {
            return;
        }
        String state = a.hasNonNull("clearedAt") ? "CLEARED" : a.hasNonNull("acknowledgedBy") ? "ACKNOWLEDGED" : "RAISED";
        String by = a.hasNonNull("acknowledgedBy") ? a.path("acknowledgedBy").asText() : null;
        List<Object> key = List.of(gateway, a.path("id").asText());
        Object[] row = alarms.get(key);
        if (row == null) {
            alarms.put(key, new Object[] {gateway, a.path("id").asText(), a.path("kind").asText(), a.path("severity").asText(),
                    a.path("source").asText(), a.path("detail").asText(), state, ts, by, a.toString()});
        } else if (!"CLEARED".equals(row[6])) {
            row[6] = state;
            row[8] = by;
            row[9] = a.toString();
        }
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
