package org.anju.agent.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.SideConnection;

/**
 * The roster on disk: tenants, their credentials and door grants, in the gateway database.
 *
 * <p>JDBC blocks, so every call runs on one dedicated thread and returns a future; nothing here
 * may be called from an event loop and waited on. The store has its own connection to the file:
 * the outbox's connection belongs to the outbox's writer thread and its group-commit transactions,
 * and sharing it would mix roster writes into them. WAL lets both connections work side by side;
 * a roster write begins IMMEDIATE, so it waits out an outbox commit rather than fail (see
 * {@link SideConnection}).
 */
public final class RosterStore implements AutoCloseable {
    private final GatewayDatabase database;
    private final SideConnection db;

    public RosterStore(GatewayDatabase database) {
        this.database = database;
        this.db = new SideConnection(database, "roster-store");
    }

    /** Replaces the whole roster and its version in one transaction (a snapshot from the park). */
    public CompletableFuture<RosterWrite> replaceAll(List<TenantRecord> tenants, long version) {
        return write(c -> {
            String conflict = firstConflict(tenants);
            if (conflict != null) {
                return new RosterWrite.NotSaved(conflict + "; the roster on disk is unchanged");
            }
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM door_grant");
                s.execute("DELETE FROM credential");
                s.execute("DELETE FROM tenant");
            }
            for (TenantRecord t : tenants) {
                insert(c, t);
            }
            forgetUsesOfRemoved(c);
            setVersion(c, version);
            return new RosterWrite.Saved(tenants.size());
        });
    }

    /**
     * Applies the park's changes from {@code fromVersion} to {@code toVersion} in one transaction,
     * or nothing if the roster on disk is not at {@code fromVersion} (a {@link RosterWrite.Gap}).
     */
    public CompletableFuture<RosterWrite> applyDelta(long fromVersion, long toVersion, List<TenantRecord> upserts,
                                                     List<String> removals) {
        return write(c -> {
            long held = readVersion(c);
            if (held != fromVersion) {
                return new RosterWrite.Gap(held);
            }
            String conflict = firstConflict(upserts);
            if (conflict == null) {
                conflict = heldByAnother(c, upserts, removals);
            }
            if (conflict != null) {
                return new RosterWrite.NotSaved(conflict + "; the roster on disk is unchanged");
            }
            try (PreparedStatement remove = c.prepareStatement("DELETE FROM tenant WHERE id = ?")) {
                for (String id : removals) {
                    remove.setString(1, id);
                    remove.executeUpdate();
                }
                for (TenantRecord t : upserts) {
                    remove.setString(1, t.id());
                    remove.executeUpdate(); // credentials and grants go with it: the upsert is the whole record
                    insert(c, t);
                }
            }
            forgetUsesOfRemoved(c);
            setVersion(c, toVersion);
            return new RosterWrite.Saved(upserts.size() + removals.size());
        });
    }

    /** The version of the park's roster on disk; 0 before the first snapshot or delta. */
    public CompletableFuture<Long> version() {
        return db.read(RosterStore::readVersion).thenApply(r -> {
            if (r instanceof SideConnection.Result.Done<Long> d) {
                return d.value();
            }
            throw new IllegalStateException("cannot read the roster version: " + ((SideConnection.Result.Failed<Long>) r).reason());
        });
    }

    private static long readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM roster_version")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void setVersion(Connection c, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE roster_version SET version = ?")) {
            ps.setLong(1, version);
            ps.executeUpdate();
        }
    }

    /**
     * Adds or updates one tenant, replacing their credentials and doors. A credential held by
     * another tenant moves to this one: the park's latest statement wins (a card handed on).
     */
    public CompletableFuture<RosterWrite> upsert(TenantRecord tenant) {
        return write(c -> {
            try (PreparedStatement creds = c.prepareStatement("DELETE FROM credential WHERE tenant_id = ?");
                 PreparedStatement doors = c.prepareStatement("DELETE FROM door_grant WHERE tenant_id = ?")) {
                creds.setString(1, tenant.id());
                creds.executeUpdate();
                doors.setString(1, tenant.id());
                doors.executeUpdate();
            }
            insert(c, tenant);
            return new RosterWrite.Saved(1);
        });
    }

    /**
     * A guest pass was used: {@code used} opens so far (never lowered, whatever order the writes
     * come in). Kept while the park keeps the record; a restart does not give the uses back.
     */
    public CompletableFuture<RosterWrite> recordUse(String tenantId, int used) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO guest_use (tenant_id, used) VALUES (?, ?)"
                    + " ON CONFLICT (tenant_id) DO UPDATE SET used = MAX(guest_use.used, excluded.used)")) {
                ps.setString(1, tenantId);
                ps.setInt(2, used);
                return new RosterWrite.Saved(ps.executeUpdate());
            }
        });
    }

    /** The uses of guest records the roster no longer holds: a pass revoked or gone. */
    private static void forgetUsesOfRemoved(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM guest_use WHERE tenant_id NOT IN (SELECT id FROM tenant)");
        }
    }

    /** Removes a tenant with their credentials and grants (the schema cascades). */
    public CompletableFuture<RosterWrite> remove(String tenantId) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tenant WHERE id = ?")) {
                ps.setString(1, tenantId);
                int removed = ps.executeUpdate();
                forgetUsesOfRemoved(c);
                return new RosterWrite.Saved(removed);
            }
        });
    }

    /** The roster as decisions need it (rooms and hosts for the lifts); names are not read. */
    public CompletableFuture<RosterLoad> load() {
        return db.<RosterLoad>read(c -> {
                Map<String, Instant[]> windows = new HashMap<>();
                Map<String, String> rooms = new HashMap<>();
                Map<String, String> hosts = new HashMap<>();
                Map<String, TenantAccess.GuestUses> uses = new HashMap<>();
                Map<String, Set<String>> doors = new HashMap<>();
                Map<CredentialKey, String> holders = new HashMap<>();
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT t.id, t.valid_from, t.valid_until, t.room, t.host, t.max_uses,"
                            + " COALESCE(u.used, 0) FROM tenant t LEFT JOIN guest_use u ON u.tenant_id = t.id")) {
                        while (rs.next()) {
                            windows.put(rs.getString(1), new Instant[] {
                                Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))});
                            rooms.put(rs.getString(1), rs.getString(4));
                            if (rs.getString(5) != null) {
                                hosts.put(rs.getString(1), rs.getString(5));
                            }
                            int max = rs.getInt(6);
                            if (!rs.wasNull()) {
                                uses.put(rs.getString(1), new TenantAccess.GuestUses(max, rs.getInt(7)));
                            }
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT tenant_id, door FROM door_grant")) {
                        while (rs.next()) {
                            doors.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT kind, value, tenant_id FROM credential")) {
                        while (rs.next()) {
                            holders.put(new CredentialKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                        }
                    }
                }
                Map<String, TenantAccess> tenants = new HashMap<>();
                windows.forEach((id, w) -> tenants.put(id, new TenantAccess(id, w[0], w[1], doors.getOrDefault(id, Set.of()),
                        rooms.get(id), java.util.Optional.ofNullable(hosts.get(id)), uses.get(id))));
                return new RosterLoad.Loaded(new Roster(holders, tenants));
        }).thenApply(r -> r instanceof SideConnection.Result.Done<RosterLoad> d ? d.value()
                : new RosterLoad.NotLoaded("cannot read the roster from " + database.file() + ": "
                        + ((SideConnection.Result.Failed<RosterLoad>) r).reason()));
    }

    /** Finishes queued work, closes the connection; later calls answer "closed". */
    @Override
    public void close() {
        db.close();
    }

    private CompletableFuture<RosterWrite> write(SideConnection.Work<RosterWrite> work) {
        return db.run(work, result -> result instanceof RosterWrite.Saved)
                .thenApply(r -> r instanceof SideConnection.Result.Done<RosterWrite> d ? d.value()
                        : new RosterWrite.NotSaved("roster write failed: " + ((SideConnection.Result.Failed<RosterWrite>) r).reason()));
    }

    private static void insert(Connection c, TenantRecord t) throws SQLException {
        try (PreparedStatement tenant = c.prepareStatement("INSERT INTO tenant (id, display_name, room, valid_from,"
                + " valid_until, host, max_uses) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET display_name ="
                + " excluded.display_name, room = excluded.room, valid_from = excluded.valid_from,"
                + " valid_until = excluded.valid_until, host = excluded.host, max_uses = excluded.max_uses");
             PreparedStatement cred = c.prepareStatement("INSERT INTO credential (kind, value, tenant_id)"
                     + " VALUES (?, ?, ?) ON CONFLICT (kind, value) DO UPDATE SET tenant_id = excluded.tenant_id");
             PreparedStatement door = c.prepareStatement("INSERT INTO door_grant (tenant_id, door) VALUES (?, ?)")) {
            tenant.setString(1, t.id());
            tenant.setString(2, t.displayName());
            tenant.setString(3, t.room());
            tenant.setLong(4, t.validFrom().toEpochMilli());
            tenant.setLong(5, t.validUntil().toEpochMilli());
            tenant.setString(6, t.host().orElse(null));
            if (t.maxUses().isPresent()) {
                tenant.setInt(7, t.maxUses().get());
            } else {
                tenant.setNull(7, java.sql.Types.INTEGER);
            }
            tenant.executeUpdate();
            for (CredentialKey k : t.credentials()) {
                cred.setString(1, k.kind());
                cred.setString(2, k.value());
                cred.setString(3, t.id());
                cred.executeUpdate();
            }
            for (String d : t.doors()) {
                door.setString(1, t.id());
                door.setString(2, d);
                door.executeUpdate();
            }
        }
    }

    /**
     * A delta that gives a credential to one tenant while the roster on disk has it with another,
     * whom the delta neither removes nor rewrites: applied, the card would silently change hands
     * (one renter's card opening another's room). A park-side error, said plainly.
     */
    private static String heldByAnother(Connection c, List<TenantRecord> upserts, List<String> removals)
            throws SQLException {
        Set<String> rewritten = new HashSet<>(removals);
        upserts.forEach(t -> rewritten.add(t.id()));
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM credential WHERE kind = ? AND value = ?")) {
            for (TenantRecord t : upserts) {
                for (CredentialKey k : t.credentials()) {
                    ps.setString(1, k.kind());
                    ps.setString(2, k.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && !rewritten.contains(rs.getString(1))) {
                            return "one " + k.kind() + " credential of tenant " + t.id() + " is held by tenant "
                                    + rs.getString(1) + ", whom this delta does not change";
                        }
                    }
                }
            }
        }
        return null;
    }

    /** A full roster that gives one credential to two tenants is a park-side error, said plainly. */
    private static String firstConflict(Collection<TenantRecord> tenants) {
        Map<CredentialKey, String> holder = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (TenantRecord t : tenants) {
            if (!ids.add(t.id())) {
                return "tenant " + t.id() + " appears twice";
            }
            for (CredentialKey k : t.credentials()) {
                String other = holder.putIfAbsent(k, t.id());
                if (other != null) {
                    // the value is left out: for a PIN it is its hash, which is not for logs
                    return "one " + k.kind() + " credential is given to both tenant " + other + " and " + t.id();
                }
            }
        }
        return null;
    }
}
