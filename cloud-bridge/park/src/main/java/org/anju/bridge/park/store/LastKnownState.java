package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the last-known state of doors, charging ports, alarms, buildings' occupancy and lifts' fire
 * releases by the {@link StateChange}s of newly stored events. A state only moves forward in the gateway's time, so a backlog drained
 * alarms-first does not leave an older reading on top. A group's changes are first folded to one
 * row per door, port and alarm (the latest of the group, in the gateway's time, ties to the later
 * event), then written with one statement per kind. Counts, fire rolls and lift releases are few
 * and written one by one, in order.
 */
final class LastKnownState {
    private static final List<Bulk.Column> DOOR = List.of(Bulk.Column.text("gateway"), Bulk.Column.text("door"),
            Bulk.Column.text("state"), Bulk.Column.bigint("ts"));
    private static final List<Bulk.Column> PORT = List.of(Bulk.Column.text("gateway"), Bulk.Column.text("pile"),
            Bulk.Column.integer("port"), Bulk.Column.text("state"), Bulk.Column.integer("power_w"),
            Bulk.Column.bigint("energy_wh"), Bulk.Column.real("voltage_v"), Bulk.Column.real("current_a"),
            Bulk.Column.bigint("session_s"), Bulk.Column.bigint("ts"), Bulk.Column.real("temperature_c"),
            Bulk.Column.text("held_for"), Bulk.Column.bigint("held_since"), Bulk.Column.text("held_by"));
    private static final List<Bulk.Column> ALARM = List.of(Bulk.Column.text("gateway"), Bulk.Column.text("alarm_id"),
            Bulk.Column.text("kind"), Bulk.Column.text("severity"), Bulk.Column.text("source"), Bulk.Column.text("detail"),
            Bulk.Column.text("state"), Bulk.Column.bigint("raised_at"), Bulk.Column.text("acknowledged_by"),
            Bulk.Column.text("payload"));

    /** The latest row of one key: its time, and the row as the table takes it. */
    private record Latest(long ts, Object[] row) {
    }

    /**
     * A door's, alarm's ({@code port} 0) or port's key, for the fold: a record hashes its parts
     * directly, where a list boxed the port and hashed through an iterator.
     */
    private record Key(String gateway, String name, int port) {
    }

    private LastKnownState() {
    }

    /** {@code byGateway}: each gateway's changes, in the order of its events. */
    static void apply(Connection c, ParkDatabase.Dialect dialect, Map<String, List<StateChange>> byGateway)
            throws SQLException {
        Map<Key, Latest> doors = new LinkedHashMap<>();
        Map<Key, Latest> readings = new LinkedHashMap<>();
        Map<Key, Latest> statuses = new LinkedHashMap<>();
        Map<Key, Object[]> alarms = new LinkedHashMap<>();
        List<Object[]> buildings = new ArrayList<>();
        for (Map.Entry<String, List<StateChange>> entry : byGateway.entrySet()) {
            String gateway = entry.getKey();
            for (StateChange change : entry.getValue()) {
                if (change instanceof StateChange.Door d) {
                    latest(doors, new Key(gateway, d.door(), 0), d.ts(), new Object[] {gateway, d.door(), d.state(), d.ts()});
                } else if (change instanceof StateChange.Reading r) {
                    latest(readings, new Key(gateway, r.pile(), r.port()), r.ts(), new Object[] {gateway, r.pile(), r.port(),
                            r.state(), r.powerW(), r.energyWh(), r.voltageV(), r.currentA(), r.sessionSeconds(), r.ts(),
                            r.temperatureC(), r.heldFor(), r.heldSince(), r.heldBy()});
                } else if (change instanceof StateChange.Status st) {
                    latest(statuses, new Key(gateway, st.pile(), st.port()), st.ts(),
                            new Object[] {gateway, st.pile(), st.port(), st.state(), 0, 0L, 0.0, 0.0, 0L, st.ts(), null, null,
                                    null, null});
                } else if (change instanceof StateChange.Alarm a) {
                    alarm(alarms, gateway, a);
                } else if (change instanceof StateChange.Count || change instanceof StateChange.Roll
                        || change instanceof StateChange.Lift) {
                    buildings.add(new Object[] {gateway, change});
                }
            }
        }
        Bulk.insert(c, dialect, "door_state", DOOR, rows(doors), "ON CONFLICT (gateway, door) DO UPDATE SET"
                + " state = excluded.state, ts = excluded.ts WHERE door_state.ts <= excluded.ts");
        // readings first, then states without meters: a newer state keeps the newest meters, temperature and hold
        Bulk.insert(c, dialect, "port_state", PORT, rows(readings), "ON CONFLICT (gateway, pile, port) DO UPDATE SET"
                + " state = excluded.state, power_w = excluded.power_w, energy_wh = excluded.energy_wh,"
                + " voltage_v = excluded.voltage_v, current_a = excluded.current_a, session_s = excluded.session_s,"
                + " temperature_c = excluded.temperature_c, held_for = excluded.held_for, held_since = excluded.held_since,"
                + " held_by = excluded.held_by, ts = excluded.ts WHERE port_state.ts <= excluded.ts");
        Bulk.insert(c, dialect, "port_state", PORT, rows(statuses), "ON CONFLICT (gateway, pile, port) DO UPDATE SET"
                + " state = excluded.state, ts = excluded.ts WHERE port_state.ts <= excluded.ts");
        Bulk.insert(c, dialect, "alarm", ALARM, new ArrayList<>(alarms.values()), "ON CONFLICT (gateway, alarm_id) DO UPDATE"
                + " SET state = excluded.state, acknowledged_by = excluded.acknowledged_by, payload = excluded.payload"
                + " WHERE alarm.state <> 'CLEARED'");
        for (Object[] b : buildings) {
            String gateway = (String) b[0];
            if (b[1] instanceof StateChange.Count count) {
                count(c, gateway, count);
            } else if (b[1] instanceof StateChange.Roll roll) {
                roll(c, gateway, roll);
            } else if (b[1] instanceof StateChange.Lift lift) {
                lift(c, gateway, lift);
            }
        }
    }

    /** A building's count moved; its fire roll, if any, stays as the last roll left it. */
    private static void count(Connection c, String gateway, StateChange.Count count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO occupancy (gateway, building, inside, unidentified, fire, roll, ts)"
                + " VALUES (?, ?, ?, 0, 0, NULL, ?) ON CONFLICT (gateway, building) DO UPDATE SET inside = excluded.inside,"
                + " ts = excluded.ts WHERE occupancy.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, count.building());
            ps.setInt(3, count.inside());
            ps.setLong(4, count.ts());
            ps.executeUpdate();
        }
    }

    /** Who is inside, sent during a fire; a roll with fire false ends the fire and forgets the list. */
    private static void roll(Connection c, String gateway, StateChange.Roll roll) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO occupancy (gateway, building, inside, unidentified, fire, roll, ts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway, building) DO UPDATE SET inside = excluded.inside,"
                + " unidentified = excluded.unidentified, fire = excluded.fire, roll = excluded.roll, ts = excluded.ts"
                + " WHERE occupancy.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, roll.building());
            ps.setInt(3, roll.inside());
            ps.setInt(4, roll.unidentified());
            ps.setInt(5, roll.fire() ? 1 : 0);
            ps.setString(6, roll.tenants());
            ps.setLong(7, roll.ts());
            ps.executeUpdate();
        }
    }

    private static void lift(Connection c, String gateway, StateChange.Lift lift) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lift_state (gateway, lift, state, ts) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (gateway, lift) DO UPDATE SET state = excluded.state, ts = excluded.ts"
                + " WHERE lift_state.ts <= excluded.ts")) {
            ps.setString(1, gateway);
            ps.setString(2, lift.lift());
            ps.setString(3, lift.state());
            ps.setLong(4, lift.ts());
            ps.executeUpdate();
        }
    }

    /** Keeps the row with the latest time for its key; a later event of the same time wins. */
    private static void latest(Map<Key, Latest> map, Key key, long ts, Object[] row) {
        Latest old = map.get(key);
        if (old == null || old.ts() <= ts) {
            map.put(key, new Latest(ts, row));
        }
    }

    private static List<Object[]> rows(Map<Key, Latest> map) {
        return map.values().stream().map(Latest::row).toList();
    }

    /**
     * An alarm's life folded in event order: raised (its kind and time) by the first event, its state
     * and payload by the last, and nothing after it is cleared.
     */
    private static void alarm(Map<Key, Object[]> alarms, String gateway, StateChange.Alarm a) {
        Key key = new Key(gateway, a.id(), 0);
        Object[] row = alarms.get(key);
        if (row == null) {
            alarms.put(key, new Object[] {gateway, a.id(), a.kind(), a.severity(), a.source(), a.detail(), a.state(), a.ts(),
                    a.acknowledgedBy(), a.payload()});
        } else if (!"CLEARED".equals(row[6])) {
            row[6] = a.state();
            row[8] = a.acknowledgedBy();
            row[9] = a.payload();
        }
    }
}
