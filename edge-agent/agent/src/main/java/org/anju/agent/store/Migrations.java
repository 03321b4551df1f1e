package org.anju.agent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as an ordered list of steps. A file at version N is upgraded in place by running
 * steps N+1.. in one transaction each; {@code PRAGMA user_version} records where a file stands.
 * Steps are only ever appended: a released step never changes.
 */
final class Migrations {
    static final List<List<String>> STEPS = List.of(
            // 1: the outbox, the roster, charging sessions and the audit trail
            List.of(
                "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL,"
                        + " priority INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,"
                        + " acked INTEGER NOT NULL DEFAULT 0)",
                "CREATE INDEX outbox_unacked ON outbox (acked, priority, seq)",
                "CREATE TABLE tenant (id TEXT PRIMARY KEY, display_name TEXT NOT NULL, room TEXT NOT NULL,"
                        + " valid_from INTEGER NOT NULL, valid_until INTEGER NOT NULL)",
                "CREATE TABLE credential (kind TEXT NOT NULL, value TEXT NOT NULL, tenant_id TEXT NOT NULL"
                        + " REFERENCES tenant(id) ON DELETE CASCADE, PRIMARY KEY (kind, value))",
                "CREATE TABLE door_grant (tenant_id TEXT NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,"
                        + " door TEXT NOT NULL, PRIMARY KEY (tenant_id, door))",
                "CREATE TABLE charging_session (id INTEGER PRIMARY KEY AUTOINCREMENT, pile TEXT NOT NULL,"
                        + " port INTEGER NOT NULL, tenant_id TEXT, started INTEGER NOT NULL, ended INTEGER,"
                        + " start_meter_wh INTEGER NOT NULL, energy_wh INTEGER NOT NULL DEFAULT 0, end_reason TEXT)",
                "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL,"
                        + " actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)"),
            // 2: a charging session is kept whole, so a restarted gateway resumes its metering
            List.of(
                "ALTER TABLE charging_session ADD COLUMN session_key TEXT",
                "ALTER TABLE charging_session ADD COLUMN record TEXT",
                "CREATE UNIQUE INDEX charging_session_key ON charging_session (session_key)"),
            // 3: the version of the park's roster the gateway holds, so a missed delta is noticed
            List.of(
                "CREATE TABLE roster_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
                "INSERT INTO roster_version (id, version) VALUES (1, 0)"),
            // 4: charging alarms, so one raised before a restart is still enforced and shown after it
            List.of(
                "CREATE TABLE charging_alarm (id TEXT PRIMARY KEY, state TEXT NOT NULL, raised INTEGER NOT NULL,"
                        + " record TEXT NOT NULL)",
                "CREATE INDEX charging_alarm_open ON charging_alarm (state)"),
            // 5: lifts and gates: a guest's host, who is inside each building, the turnstiles' counters
            // as far as the passages are recorded, and lifts released by a fire until an officer restores them
            List.of(
                "ALTER TABLE tenant ADD COLUMN host TEXT",
                "CREATE TABLE occupancy_person (building TEXT NOT NULL, tenant TEXT NOT NULL, inside INTEGER NOT NULL,"
                        + " since INTEGER NOT NULL, gate TEXT NOT NULL, PRIMARY KEY (building, tenant))",
                "CREATE TABLE occupancy_building (building TEXT PRIMARY KEY, anonymous INTEGER NOT NULL, reconciled INTEGER)",
                "CREATE TABLE gate_counter (gate TEXT PRIMARY KEY, entries INTEGER NOT NULL, exits INTEGER NOT NULL)",
                "CREATE TABLE lift_release (lift TEXT PRIMARY KEY, since INTEGER NOT NULL, inputs TEXT NOT NULL)"),
            // 6: tenants' guest passes: how many opens a guest record allows, and how many it has had (kept
            // across the record's rewrites by the park, dropped with the record)
            List.of(
                "ALTER TABLE tenant ADD COLUMN max_uses INTEGER",
                "CREATE TABLE guest_use (tenant_id TEXT PRIMARY KEY, used INTEGER NOT NULL)"));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    /** Refuses a file written by a newer agent, before anything (even the journal mode) is changed. */
    static int checkNotNewer(Connection c) throws SQLException {
        int version;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > latest()) {
            throw new SQLException("the database is at schema version " + version + " but this agent knows only up to "
                    + latest() + "; it was written by a newer agent and is left untouched");
        }
        return version;
    }

    /** Brings the file to the latest version. */
    static void upgrade(Connection c) throws SQLException {
        int version = checkNotNewer(c);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = version + 1; v <= latest(); v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : STEPS.get(v - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + v);
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
