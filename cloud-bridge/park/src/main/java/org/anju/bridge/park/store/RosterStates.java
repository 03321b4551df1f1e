package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where each gateway stands against its building's roster: the version the park wants it to
 * hold (the building's), the version it confirmed (in a reply or its birth), and how the park's
 * last attempt to bring it there went. From these, each lease's state at its gateway: applied
 * (when), pending (since when) or failing (the gateway's reason; still retried).
 */
public final class RosterStates {
    /** How the park's last attempt to bring a gateway to its roster went. */
    public enum Sync { IN_SYNC, PENDING, FAILING }

    /** A gateway against its building's roster. {@code outOfSyncSince} is null when in sync. */
    public record GatewayRoster(String building, String gateway, boolean online, long wanted, long confirmed, Sync sync,
                                String detail, int attempts, long lastAttemptAt, Long outOfSyncSince) {
        public boolean inSync() {
            return wanted == confirmed;
        }
    }

    /** A lease's change at its gateway: APPLIED at {@code at}, or PENDING / FAILING since {@code since}. */
    public record LeaseAtGateway(String lease, String gateway, long version, State state, Long since, Long at,
                                 String detail, int attempts) {
        public enum State { APPLIED, PENDING, FAILING }
    }

    private final ParkDatabase db;

    public RosterStates(ParkDatabase db) {
        this.db = db;
    }

    public CompletableFuture<GatewayRoster> of(String building, String gateway) {
        return db.run(c -> roster(c, building, gateway));
    }

    /**
     * Every building's gateway, given as building id to gateway id: three reads for the whole park
     * (and one more per gateway out of sync), not three per building. The roster sync asks this every
     * second on the lane the API's requests share: at 1,000 buildings, read building by building, it
     * held that lane for seconds (the park-scale bench saw the API's p99 at 5 to 11 s in a drain).
     */
    public CompletableFuture<List<GatewayRoster>> of(Map<String, String> gatewayOfBuilding) {
        return db.run(c -> {
            Map<String, long[]> gateways = new HashMap<>(); // id -> online, roster version confirmed
            try (PreparedStatement ps = c.prepareStatement("SELECT id, online, roster_version FROM gateway");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gateways.put(rs.getString(1), new long[] {rs.getInt(2), rs.getLong(3)});
                }
            }
            Map<String, Long> wanted = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT building, version FROM roster");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wanted.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, Attempts> attempts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gateway, state, detail, attempts, last_attempt_at FROM roster_sync");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.put(rs.getString(1), new Attempts(Sync.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4),
                            rs.getLong(5)));
                }
            }
            List<GatewayRoster> out = new java.util.ArrayList<>();
            for (Map.Entry<String, String> b : gatewayOfBuilding.entrySet()) {
                long[] g = gateways.getOrDefault(b.getValue(), new long[] {0, 0});
                out.add(roster(c, b.getKey(), b.getValue(), g[0] == 1, g[1], wanted.getOrDefault(b.getKey(), 0L),
                        attempts.getOrDefault(b.getValue(), Attempts.NONE)));
            }
            return out;
        });
    }

    /** How the park's attempts to bring a gateway to its roster went (none yet: pending). */
    private record Attempts(Sync sync, String detail, int attempts, long lastAttemptAt) {
        static final Attempts NONE = new Attempts(Sync.PENDING, null, 0, 0);
    }

    /** The state at {@code gateway} of every lease of {@code building}, by lease id. */
    public CompletableFuture<Map<String, LeaseAtGateway>> leases(String building, String gateway) {
        return db.run(c -> {
            GatewayRoster g = roster(c, building, gateway);
            Map<String, LeaseAtGateway> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT l.id, l.roster_version, rc.changed_at, rc.confirmed_at"
                    + " FROM lease l LEFT JOIN roster_change rc ON rc.building = l.building AND rc.version = l.roster_version"
                    + " WHERE l.building = ?")) {
                ps.setString(1, building);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long version = rs.getLong(2);
                        long changedAt = rs.getLong(3);
                        long confirmedAt = rs.getLong(4);
                        Long at = rs.wasNull() ? null : confirmedAt;
                        LeaseAtGateway state;
                        if (g.confirmed() >= version) {
                            state = new LeaseAtGateway(rs.getString(1), gateway, version, LeaseAtGateway.State.APPLIED, null,
                                    at, null, 0);
                        } else {
                            boolean failing = g.sync() == Sync.FAILING;
                            state = new LeaseAtGateway(rs.getString(1), gateway, version, failing
                                    ? LeaseAtGateway.State.FAILING : LeaseAtGateway.State.PENDING, changedAt, null,
                                    g.online() || failing ? g.detail() : "gateway offline: it gets the change when it is back",
                                    g.attempts());
                        }
                        out.put(state.lease(), state);
                    }
                }
            }
            return out;
        });
    }

    /** The park's attempt went as {@code sync} says; a failure counts towards the attempts shown. */
    public CompletableFuture<Void> attempted(String gateway, Sync sync, String detail) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster_sync (gateway, state, detail, attempts,"
                    + " last_attempt_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (gateway) DO UPDATE SET state = excluded.state,"
                    + " detail = excluded.detail, last_attempt_at = excluded.last_attempt_at, attempts = CASE"
                    + " WHEN excluded.state = 'FAILING' THEN roster_sync.attempts + 1 ELSE 0 END")) {
                ps.setString(1, gateway);
                ps.setString(2, sync.name());
                ps.setString(3, detail);
                ps.setInt(4, sync == Sync.FAILING ? 1 : 0);
                ps.setLong(5, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The gateway holds {@code version} of its building's roster: every change up to it is applied
     * there (stamped now if not yet), any later one is not.
     */
    public CompletableFuture<Void> confirmed(String building, String gateway, long version) {
        return db.run(c -> {
            IngestStore.ensureGateway(c, gateway, System.currentTimeMillis());
            try (PreparedStatement ps = c.prepareStatement("UPDATE gateway SET roster_version = ? WHERE id = ?")) {
                ps.setLong(1, version);
                ps.setString(2, gateway);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE roster_change SET confirmed_at = ? WHERE building = ?"
                    + " AND version <= ? AND confirmed_at IS NULL")) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setString(2, building);
                ps.setLong(3, version);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE roster_change SET confirmed_at = NULL WHERE building = ?"
                    + " AND version > ?")) {
                ps.setString(1, building);
                ps.setLong(2, version);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static GatewayRoster roster(Connection c, String building, String gateway) throws SQLException {
        boolean online = false;
        long confirmed = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT online, roster_version FROM gateway WHERE id = ?")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    online = rs.getInt(1) == 1;
                    confirmed = rs.getLong(2);
                }
            }
        }
        long wanted = PeopleStore.version(c, building);
        Attempts attempts = Attempts.NONE;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state, detail, attempts, last_attempt_at FROM roster_sync WHERE gateway = ?")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    attempts = new Attempts(Sync.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3), rs.getLong(4));
                }
            }
        }
        return roster(c, building, gateway, online, confirmed, wanted, attempts);
    }

    /** A gateway's roster from what was read of it; since when it is out of sync is read only when it is. */
    private static GatewayRoster roster(Connection c, String building, String gateway, boolean online, long confirmed,
                                        long wanted, Attempts attempts) throws SQLException {
        Sync sync = attempts.sync();
        String detail = attempts.detail();
        long lastAttempt = attempts.lastAttemptAt();
        Long since = null;
        if (wanted != confirmed) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(changed_at) FROM roster_change WHERE building = ? AND version > ?")) {
                ps.setString(1, building);
                ps.setLong(2, confirmed);
                try (ResultSet rs = ps.executeQuery()) {
                    long first = rs.next() ? rs.getLong(1) : 0;
                    since = first > 0 ? first : lastAttempt; // a gateway ahead of the park: since the park noticed
                }
            }
        }
        return new GatewayRoster(building, gateway, online, wanted, confirmed, sync, detail, attempts.attempts(), lastAttempt,
                since);
    }
}
