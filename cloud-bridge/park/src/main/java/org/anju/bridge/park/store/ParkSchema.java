package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The park store's schema as ordered steps, in SQL that SQLite and PostgreSQL both run: text
 * ids, BIGINT times in epoch milliseconds, {@code ON CONFLICT} upserts. A step runs once, in
 * the same transaction as the record that it ran; steps are only ever appended. Any number of
 * instances starting at once on PostgreSQL: the first statement of the migration takes a
 * transaction-scoped advisory lock, so the others wait for the first's commit before they look at
 * the schema at all (even {@code CREATE TABLE IF NOT EXISTS} races on an empty database).
 */
final class ParkSchema {
    static final List<List<String>> STEPS = List.of(
            // 1: what the gateways report, and people, leases and rosters
            List.of(
                "CREATE TABLE gateway (id TEXT PRIMARY KEY, online INTEGER NOT NULL, session BIGINT NOT NULL,"
                        + " seen_at BIGINT NOT NULL, software TEXT, roster_version BIGINT NOT NULL DEFAULT 0,"
                        + " floor BIGINT NOT NULL DEFAULT 0)",
                "CREATE TABLE event (gateway TEXT NOT NULL, seq BIGINT NOT NULL, ts BIGINT NOT NULL,"
                        + " priority TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, received_at BIGINT NOT NULL,"
                        + " received_by TEXT NOT NULL, PRIMARY KEY (gateway, seq))",
                "CREATE INDEX event_type ON event (gateway, type, ts)",
                "CREATE TABLE lost_range (gateway TEXT NOT NULL, from_seq BIGINT NOT NULL, to_seq BIGINT NOT NULL,"
                        + " found_at BIGINT NOT NULL, PRIMARY KEY (gateway, from_seq))",
                "CREATE TABLE door_state (gateway TEXT NOT NULL, door TEXT NOT NULL, state TEXT NOT NULL,"
                        + " ts BIGINT NOT NULL, PRIMARY KEY (gateway, door))",
                "CREATE TABLE port_state (gateway TEXT NOT NULL, pile TEXT NOT NULL, port INTEGER NOT NULL,"
                        + " state TEXT NOT NULL, power_w INTEGER NOT NULL, energy_wh BIGINT NOT NULL, voltage_v REAL NOT NULL,"
                        + " current_a REAL NOT NULL, session_s BIGINT NOT NULL, ts BIGINT NOT NULL,"
                        + " PRIMARY KEY (gateway, pile, port))",
                "CREATE TABLE alarm (gateway TEXT NOT NULL, alarm_id TEXT NOT NULL, kind TEXT NOT NULL,"
                        + " severity TEXT NOT NULL, source TEXT NOT NULL, detail TEXT NOT NULL, state TEXT NOT NULL,"
                        + " raised_at BIGINT NOT NULL, acknowledged_by TEXT, payload TEXT NOT NULL,"
                        + " PRIMARY KEY (gateway, alarm_id))",
                "CREATE TABLE account (id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, role TEXT NOT NULL,"
                        + " display_name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at BIGINT NOT NULL)",
                "CREATE TABLE landlord_building (landlord TEXT NOT NULL, building TEXT NOT NULL,"
                        + " PRIMARY KEY (landlord, building))",
                "CREATE TABLE lease (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, landlord TEXT NOT NULL,"
                        + " building TEXT NOT NULL, room TEXT NOT NULL, display_name TEXT NOT NULL, phone_sealed TEXT NOT NULL,"
                        + " id_number_sealed TEXT NOT NULL, cards TEXT NOT NULL, valid_from BIGINT NOT NULL,"
                        + " valid_until BIGINT NOT NULL, ended_at BIGINT, created_at BIGINT NOT NULL)",
                "CREATE INDEX lease_tenant ON lease (tenant)",
                "CREATE INDEX lease_building ON lease (building)",
                "CREATE TABLE registration (lease TEXT PRIMARY KEY, filed_at BIGINT NOT NULL, record TEXT NOT NULL)",
                "CREATE TABLE roster (building TEXT PRIMARY KEY, version BIGINT NOT NULL)",
                "CREATE TABLE roster_change (building TEXT NOT NULL, version BIGINT NOT NULL, tenant TEXT NOT NULL,"
                        + " PRIMARY KEY (building, version))"),
            // 2: sessions that can end (sign-out, a password change, an invitation reissued, an account disabled),
            // the event stream's single-use tickets, tenants' invitations; only hashes of tokens, tickets and codes
            List.of(
                "ALTER TABLE account ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE account ADD COLUMN disabled_at BIGINT",
                "CREATE TABLE session (id_hash TEXT PRIMARY KEY, account TEXT NOT NULL, generation BIGINT NOT NULL,"
                        + " created_at BIGINT NOT NULL, renewed_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                        + " ends_by BIGINT NOT NULL, ended_at BIGINT)",
                "CREATE INDEX session_account ON session (account)",
                "CREATE TABLE stream_ticket (id_hash TEXT PRIMARY KEY, session_hash TEXT NOT NULL, expires_at BIGINT NOT NULL,"
                        + " used_at BIGINT)",
                "CREATE TABLE invitation (code_hash TEXT PRIMARY KEY, account TEXT NOT NULL, issued_by TEXT NOT NULL,"
                        + " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)",
                "CREATE INDEX invitation_account ON invitation (account)"),
            // 3: park-confirmed delivery and the bounds on what a gateway is believed: the seq up to which
            // every event is stored (the receipts' upTo), events stored but kept from last-known state
            // (flag), and events held for review instead of stored (a seq far beyond the confirmed range)
            List.of(
                "ALTER TABLE gateway ADD COLUMN confirmed_to BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE event ADD COLUMN flag TEXT",
                "CREATE TABLE held_event (gateway TEXT NOT NULL, seq BIGINT NOT NULL, ts BIGINT NOT NULL,"
                        + " priority TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, received_at BIGINT NOT NULL,"
                        + " reason TEXT NOT NULL, PRIMARY KEY (gateway, seq))"),
            // 4: rosters as a state the park drives each gateway to, and what keeps leases apart: when a
            // change was made and confirmed, the version each lease last changed the roster at, the
            // person a lease is for (a keyed fingerprint of the ID number, never the number), each
            // gateway's sync state, and the landlords' idempotency keys
            List.of(
                "ALTER TABLE roster_change ADD COLUMN changed_at BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE roster_change ADD COLUMN confirmed_at BIGINT",
                "ALTER TABLE lease ADD COLUMN roster_version BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE lease ADD COLUMN person TEXT",
                "UPDATE lease SET roster_version = COALESCE((SELECT MAX(rc.version) FROM roster_change rc"
                        + " WHERE rc.building = lease.building AND rc.tenant = lease.tenant), 0)",
                "CREATE INDEX lease_person ON lease (building, person)",
                "CREATE TABLE roster_sync (gateway TEXT PRIMARY KEY, state TEXT NOT NULL, detail TEXT,"
                        + " attempts INTEGER NOT NULL, last_attempt_at BIGINT NOT NULL)",
                "CREATE TABLE registration_key (landlord TEXT NOT NULL, idem_key TEXT NOT NULL, request TEXT NOT NULL,"
                        + " lease TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (landlord, idem_key))"),
            // 5: who is inside each building (the renters only while a fire alarm is on there), and lifts a fire released
            List.of(
                "CREATE TABLE occupancy (gateway TEXT NOT NULL, building TEXT NOT NULL, inside INTEGER NOT NULL,"
                        + " unidentified INTEGER NOT NULL, fire INTEGER NOT NULL, roll TEXT, ts BIGINT NOT NULL,"
                        + " PRIMARY KEY (gateway, building))",
                "CREATE TABLE lift_state (gateway TEXT NOT NULL, lift TEXT NOT NULL, state TEXT NOT NULL, ts BIGINT NOT NULL,"
                        + " PRIMARY KEY (gateway, lift))"),
            // 6 (tenant page): tenants' guest passes, records of their building's roster (GuestPassStore); the
            // code and the link sealed with the data key, the link also hashed to be found by
            List.of(
                "CREATE TABLE guest_pass (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, building TEXT NOT NULL, room TEXT NOT NULL,"
                        + " label TEXT NOT NULL, code_sealed TEXT NOT NULL, link_hash TEXT NOT NULL UNIQUE, link_sealed TEXT NOT NULL,"
                        + " valid_from BIGINT NOT NULL, valid_until BIGINT NOT NULL, max_uses INTEGER NOT NULL,"
                        + " created_at BIGINT NOT NULL, revoked_at BIGINT, roster_version BIGINT NOT NULL DEFAULT 0)",
                "CREATE INDEX guest_pass_tenant ON guest_pass (tenant)",
                "CREATE INDEX guest_pass_building ON guest_pass (building)"),
            // 7 (console): a port's pile temperature and what holds it off at the gateway (a fire, its pile too hot,
            // an officer's cut: why, since when, by whom), as its port.reading last said, so the console never shows
            // a held port as available
            List.of(
                "ALTER TABLE port_state ADD COLUMN temperature_c REAL",
                "ALTER TABLE port_state ADD COLUMN held_for TEXT",
                "ALTER TABLE port_state ADD COLUMN held_since BIGINT",
                "ALTER TABLE port_state ADD COLUMN held_by TEXT"),
            // 8: the landlord's side: each export of a building's floating-population registrations for the
            // police station (who, when, which building, how many records; the admin reads them), and when an
            // ended renter's access history was deleted after the park's retention (retention.accessHistoryDays)
            List.of(
                "CREATE TABLE registration_export (id TEXT PRIMARY KEY, landlord TEXT NOT NULL, building TEXT NOT NULL,"
                        + " exported_at BIGINT NOT NULL, records INTEGER NOT NULL, address TEXT NOT NULL)",
                "CREATE INDEX registration_export_at ON registration_export (exported_at)",
                "ALTER TABLE lease ADD COLUMN history_forgotten_at BIGINT"),
            // 9 (fleet view): each gateway's newest status message (CONTRACT.md 4.1) as its record reads it, when it
            // arrived and which instance stored it; replaced only by a newer one (session, then report), so every
            // instance shows the same fleet and a status delivered again does not look fresh
            List.of(
                "CREATE TABLE gateway_status (gateway TEXT PRIMARY KEY, session BIGINT NOT NULL, report BIGINT NOT NULL,"
                        + " received_at BIGINT NOT NULL, received_by TEXT NOT NULL, period_s INTEGER NOT NULL, body TEXT NOT NULL)"),
            // 10 (buildings as data): the park's buildings, managed by the admin (BuildingStore): the gateway that serves
            // each (one building per gateway), its public key (PEM) or the key file park.yaml named, its doors, areas
            // and lifts as JSON ({doors, areas, lifts}), a version that each change bumps; and which of park.yaml's
            // buildings were imported already, so a later start neither overwrites the admin's changes nor brings back
            // a building the admin deleted
            List.of(
                "CREATE TABLE building (id TEXT PRIMARY KEY, gateway TEXT NOT NULL UNIQUE, name TEXT NOT NULL, village TEXT,"
                        + " gateway_key TEXT, gateway_key_file TEXT, layout TEXT NOT NULL, version BIGINT NOT NULL,"
                        + " updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)",
                "CREATE TABLE building_imported (id TEXT PRIMARY KEY, imported_at BIGINT NOT NULL)"),
            // 11 (console resume): the consoles' news as the live stream sent it (alarms, doors, command outcomes, port
            // statuses, gateway states), numbered by a per-park sequence without gaps in the order it was committed
            // (NewsJournal), so a console that reconnects to any instance is sent what it missed; kept a few hours
            List.of(
                "CREATE TABLE live_news (id BIGINT PRIMARY KEY, at BIGINT NOT NULL, message TEXT NOT NULL)"),
            // 12 (enrollment): the single-use codes with which a building's gateway enrolls (EnrollmentStore): only
            // the code's SHA-256 hash, the building and gateway it is for, who issued it, until when, and when and
            // from which address it was used; a new code for a building voids its earlier unused ones
            List.of(
                "CREATE TABLE enrollment (code_hash TEXT PRIMARY KEY, building TEXT NOT NULL, gateway TEXT NOT NULL,"
                        + " issued_by TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT,"
                        + " used_from TEXT)",
                "CREATE INDEX enrollment_building ON enrollment (building)"),
            // 13 (site configuration): each gateway's site file as the admin saved it, versioned from 1 with its digest
            // (what births and statuses name), and each deployment of a version (SiteFileStore): the site.apply command's
            // id, who sent it and when, and its outcome: PENDING until the gateway's reply or command.completed event
            // settles it as APPLIED, UNCHANGED, REFUSED (the problems by line), ROLLED_BACK or FAILED, with the reason
            List.of(
                "CREATE TABLE site_file (gateway TEXT NOT NULL, version BIGINT NOT NULL, digest TEXT NOT NULL, text TEXT NOT NULL,"
                        + " created_at BIGINT NOT NULL, created_by TEXT NOT NULL, PRIMARY KEY (gateway, version))",
                "CREATE TABLE site_deployment (request_id TEXT PRIMARY KEY, gateway TEXT NOT NULL, version BIGINT NOT NULL,"
                        + " sent_at BIGINT NOT NULL, sent_by TEXT NOT NULL, state TEXT NOT NULL, detail TEXT, settled_at BIGINT)",
                "CREATE INDEX site_deployment_gateway ON site_deployment (gateway, sent_at)"),
            // 14 (park scale): a park-wide page of the ports in one state (a console's "charging", "faulted") and its
            // count read that state's ports in page order, not every port of the park: at 220,000 ports both scanned
            // the table, 40 ms a page on two cores (./anju bench park-scale), growing with the park
            List.of(
                "CREATE INDEX port_state_state ON port_state (state, gateway, pile, port)"),
            // 15 (park under a flood): each gateway's count of events stored and held for review, moved by the writer
            // in the transaction that stores them (BatchWriter), so the gateways' list reads one row per gateway:
            // counting a gateway's events on every request scanned the event table on the lane the API waits on;
            // a store made before is counted once here
            List.of(
                "ALTER TABLE gateway ADD COLUMN stored_events BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE gateway ADD COLUMN held_events BIGINT NOT NULL DEFAULT 0",
                "UPDATE gateway SET stored_events = (SELECT COUNT(*) FROM event e WHERE e.gateway = gateway.id),"
                        + " held_events = (SELECT COUNT(*) FROM held_event h WHERE h.gateway = gateway.id)"));

    private ParkSchema() {
    }

    /** The advisory lock the park's instances take around their migrations ("anju" in ASCII). */
    static final long MIGRATION_LOCK = 0x616e6a75L;

    static void migrate(Connection c, ParkDatabase.Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == ParkDatabase.Dialect.POSTGRES) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
            s.execute("CREATE TABLE IF NOT EXISTS schema_step (step INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            int done = 0;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(step), 0) FROM schema_step")) {
                if (rs.next()) {
                    done = rs.getInt(1);
                }
            }
            if (done > STEPS.size()) {
                throw new SQLException("the store was written by a newer bridge (schema step " + done + "); upgrade this one");
            }
            for (int step = done + 1; step <= STEPS.size(); step++) {
                ParkDatabase.execute(c, STEPS.get(step - 1));
                s.execute("INSERT INTO schema_step (step, applied_at) VALUES (" + step + ", " + System.currentTimeMillis() + ")");
            }
        }
    }
}
