package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.bridge.contract.EventBatch;

/**
 * Moves the last-known state of doors, charging ports, alarms, buildings' occupancy and lifts' fire
 * releases from newly stored events (the
 * gateway agent's event types, listed in CONTRACT.md). A state only moves forward in the
 * gateway's time, so a backlog drained alarms-first does not leave an older reading on top.
 */
final class LastKnownState {
    private static final Map<String, String> DOOR_STATES = Map.of(
            "door.opened", "OPEN", "door.closed", "CLOSED", "door.forced_open", "FORCED_OPEN",
            "door.held_open", "HELD_OPEN", "door.fire_released", "FIRE_RELEASED", "door.unlocked", "UNLOCKED",
            "door.relocked", "LOCKED", "door.lockdown_started", "LOCKDOWN", "door.lockdown_ended", "LOCKED");

    /** Events that carry a building's count, and the field that holds it. */
    private static final Map<String, String> OCCUPANCY_COUNTS = Map.of("gate.passage", "inside",
            "gate.passback_reset", "inside", "occupancy.reconciled", "after");

    private LastKnownState() {
    }

    /** A building's count moved; its fire roll, if any, stays as the last roll left it. */
    private static void count(Connection c, String gateway, String building, int inside, long ts) throws SQLException {
        if (building.isEmpty() || inside < 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO occupancy (gateway, building, inside, unidentified, fire, roll, ts)"
                + " VALUES (?, ?, ?, 0, 0, NULL, ?) ON CONFLICT (gateway, building) DO UPDATE SET inside = excluded.inside,"
                + " ts = excluded.ts WHERE occupancy.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, building);
            ps.setInt(3, inside);
            ps.setLong(4, ts);
            ps.executeUpdate();
        }
    }

    /** Who is inside, sent during a fire; a roll with fire false ends the fire and forgets the list. */
    private static void roll(Connection c, String gateway, JsonNode r, long ts) throws SQLException {
        String building = r.path("building").asText();
        if (building.isEmpty()) {
            return;
        }
        boolean fire = r.path("fire").asBoolean(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO occupancy (gateway, building, inside, unidentified, fire, roll, ts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway, building) DO UPDATE SET inside = excluded.inside,"
                + " unidentified = excluded.unidentified, fire = excluded.fire, roll = excluded.roll, ts = excluded.ts"
                + " WHERE occupancy.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, building);
            ps.setInt(3, r.path("inside").asInt());
            ps.setInt(4, r.path("unidentified").asInt());
            ps.setInt(5, fire ? 1 : 0);
            ps.setString(6, fire ? r.path("tenants").toString() : null);
            ps.setLong(7, ts);
            ps.executeUpdate();
        }
    }

    private static void lift(Connection c, String gateway, String lift, String state, long ts) throws SQLException {
        if (lift.isEmpty() || state.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lift_state (gateway, lift, state, ts) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (gateway, lift) DO UPDATE SET state = excluded.state, ts = excluded.ts"
                + " WHERE lift_state.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, lift);
            ps.setString(3, state);
            ps.setLong(4, ts);
            ps.executeUpdate();
        }
    }

    static void apply(Connection c, String gateway, List<EventBatch.Event> events) throws SQLException {
        for (EventBatch.Event e : events) {
            String doorState = DOOR_STATES.get(e.type());
            if (doorState != null) {
                door(c, gateway, IngestStore.json(e.payload()).path("door").asText(), doorState, e.ts());
            } else if (e.type().equals("port.reading")) {
                port(c, gateway, IngestStore.json(e.payload()), e.ts());
            } else if (e.type().equals("port.status")) {
                JsonNode p = IngestStore.json(e.payload());
                status(c, gateway, p.path("pileId").asText(), p.path("port").asInt(), p.path("status").asText(), e.ts());
            } else if (e.type().startsWith("alarm.")) {
                alarm(c, gateway, IngestStore.json(e.payload()).path("alarm"), e.ts());
            } else if (OCCUPANCY_COUNTS.containsKey(e.type())) {
                JsonNode p = IngestStore.json(e.payload());
                count(c, gateway, p.path("building").asText(), p.path(OCCUPANCY_COUNTS.get(e.type())).asInt(-1), e.ts());
            } else if (e.type().equals("occupancy.roll")) {
                roll(c, gateway, IngestStore.json(e.payload()), e.ts());
            } else if (e.type().equals("lift.fire_release")) {
                JsonNode p = IngestStore.json(e.payload());
                lift(c, gateway, p.path("lift").asText(), p.path("state").asText(), e.ts());
            }
        }
    }

    private static void door(Connection c, String gateway, String door, String state, long ts) throws SQLException {
        if (door.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO door_state (gateway, door, state, ts) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (gateway, door) DO UPDATE SET state = excluded.state, ts = excluded.ts"
                + " WHERE door_state.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, door);
            ps.setString(3, state);
            ps.setLong(4, ts);
            ps.executeUpdate();
        }
    }

    private static void port(Connection c, String gateway, JsonNode r, long ts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO port_state (gateway, pile, port, state, power_w, energy_wh,"
                + " voltage_v, current_a, session_s, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (gateway, pile, port) DO UPDATE SET state = excluded.state, power_w = excluded.power_w,"
                + " energy_wh = excluded.energy_wh, voltage_v = excluded.voltage_v, current_a = excluded.current_a,"
                + " session_s = excluded.session_s, ts = excluded.ts WHERE port_state.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, r.path("pile").asText());
            ps.setInt(3, r.path("port").asInt());
            ps.setString(4, r.path("state").asText());
            ps.setInt(5, r.path("powerW").asInt());
            ps.setLong(6, r.path("energyWh").asLong());
            ps.setDouble(7, r.path("voltageV").asDouble());
            ps.setDouble(8, r.path("currentA").asDouble());
            ps.setLong(9, r.path("sessionSeconds").asLong());
            ps.setLong(10, ts);
            ps.executeUpdate();
        }
    }

    /** A state change without meters: keeps the last meters, changes the state. */
    private static void status(Connection c, String gateway, String pile, int port, String status, long ts)
            throws SQLException {
        if (pile.isEmpty() || port < 1) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO port_state (gateway, pile, port, state, power_w,"
                + " energy_wh, voltage_v, current_a, session_s, ts) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, ?)"
                + " ON CONFLICT (gateway, pile, port) DO UPDATE SET state = excluded.state, ts = excluded.ts"
                + " WHERE port_state.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, pile);
            ps.setInt(3, port);
            ps.setString(4, ocppName(status));
            ps.setLong(5, ts);
            ps.executeUpdate();
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

    private static void alarm(Connection c, String gateway, JsonNode a, long ts) throws SQLException {
        if (!a.hasNonNull("id")) {
            return;
        }
        String state = a.hasNonNull("clearedAt") ? "CLEARED" : a.hasNonNull("acknowledgedBy") ? "ACKNOWLEDGED" : "RAISED";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarm (gateway, alarm_id, kind, severity, source, detail,"
                + " state, raised_at, acknowledged_by, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (gateway, alarm_id) DO UPDATE SET state = excluded.state,"
                + " acknowledged_by = excluded.acknowledged_by, payload = excluded.payload"
                + " WHERE alarm.state <> 'CLEARED'")) {
            ps.setString(1, gateway);
            ps.setString(2, a.path("id").asText());
            ps.setString(3, a.path("kind").asText());
            ps.setString(4, a.path("severity").asText());
            ps.setString(5, a.path("source").asText());
            ps.setString(6, a.path("detail").asText());
            ps.setString(7, state);
            ps.setLong(8, ts);
            ps.setString(9, a.hasNonNull("acknowledgedBy") ? a.path("acknowledgedBy").asText() : null);
            ps.setString(10, a.toString());
            ps.executeUpdate();
        }
    }
}
