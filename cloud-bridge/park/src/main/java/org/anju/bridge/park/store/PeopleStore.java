package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.park.people.Role;

/**
 * Accounts, landlords' buildings, leases and each building's roster version. Personal data is
 * stored sealed (the caller seals it with the park's data key); this class never sees it in
 * clear. Every lease change moves its building's roster version by one and records whose
 * record changed, so a gateway can be sent exactly the changes since the version it holds.
 */
public final class PeopleStore {
    private final ParkDatabase db;

    public PeopleStore(ParkDatabase db) {
        this.db = db;
    }

    public record Account(String id, String login, Role role, String displayName, String passwordHash) {
        @Override
        public String toString() {
            return "Account[" + id + ", " + role + "]";
        }
    }

    /**
     * A lease as stored. {@code phoneSealed} and {@code idNumberSealed} are ciphertexts;
     * {@code cards} are {@code facility:number} texts.
     */
    public record Lease(String id, String tenant, String landlord, String building, String room, String displayName,
                        String phoneSealed, String idNumberSealed, List<String> cards, long validFrom, long validUntil,
                        Long endedAt) {
        public boolean activeAt(long now) {
            return endedAt == null && validFrom <= now && now < validUntil;
        }

        @Override
        public String toString() {
            return "Lease[" + id + ", tenant " + tenant + ", " + building + "/" + room + "]";
        }
    }

    /** Creates an account; empty if the login is taken. */
    public CompletableFuture<Optional<Account>> createAccount(String login, Role role, String displayName, String hash) {
        return db.run(c -> insertAccount(c, newAccountId(role), login, role, displayName, hash));
    }

    /** A fresh account id for {@code role}, e.g. {@code tenant-1f3a9c2e}. */
    public static String newAccountId(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Optional<Account> insertAccount(Connection c, String id, String login, Role role, String displayName, String hash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (id, login, role, display_name, password_hash,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, login);
            ps.setString(3, role.name());
            ps.setString(4, displayName);
            ps.setString(5, hash);
            ps.setLong(6, System.currentTimeMillis());
            return ps.executeUpdate() == 1 ? Optional.of(new Account(id, login, role, displayName, hash)) : Optional.empty();
        }
    }

    /** Read on the read lane, as {@link #account}: a sign-in never waits behind the general lane's writes. */
    public CompletableFuture<Optional<Account>> accountByLogin(String login) {
        return db.read(c -> account(c, "login", login));
    }

    /** Read on the read lane: the consoles name who acknowledged each alarm on every page they read. */
    public CompletableFuture<Optional<Account>> account(String id) {
        return db.read(c -> account(c, "id", id));
    }

    static Optional<Account> account(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, login, role, display_name, password_hash FROM account WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    public CompletableFuture<Void> assignBuilding(String landlord, String building) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO landlord_building (landlord, building) VALUES (?, ?)"
                    + " ON CONFLICT (landlord, building) DO NOTHING")) {
                ps.setString(1, landlord);
                ps.setString(2, building);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public CompletableFuture<Set<String>> buildingsOf(String landlord) {
        return db.run(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT building FROM landlord_building WHERE landlord = ? ORDER BY building")) {
                ps.setString(1, landlord);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Ends a lease now; returns the building's new roster version, or empty if there is no such open lease. */
    public CompletableFuture<Optional<Long>> endLease(String leaseId, long at) {
        return db.run(c -> {
            Optional<Lease> lease = lease(c, leaseId);
            if (lease.isEmpty() || lease.get().endedAt() != null) {
                return Optional.<Long>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET ended_at = ? WHERE id = ?")) {
                ps.setLong(1, at);
                ps.setString(2, leaseId);
                ps.executeUpdate();
            }
            return Optional.of(bump(c, lease.get().building(), lease.get().tenant()));
        });
    }

    public CompletableFuture<Optional<Lease>> lease(String id) {
        return db.run(c -> lease(c, id));
    }

    public CompletableFuture<List<Lease>> leasesOfBuilding(String building) {
        return db.run(c -> leases(c, "building", building));
    }

    public CompletableFuture<List<Lease>> leasesOfTenant(String tenant) {
        return db.run(c -> leases(c, "tenant", tenant));
    }

    /** The building's roster version and the tenants whose records changed after {@code since}, if all are known. */
    public record Changes(long version, List<String> tenants, boolean complete) {
    }

    public CompletableFuture<Changes> changesSince(String building, long since) {
        return db.run(c -> {
            long version = version(c, building);
            Set<String> tenants = new LinkedHashSet<>();
            long first = Long.MAX_VALUE;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, tenant FROM roster_change WHERE building = ? AND version > ? ORDER BY version")) {
                ps.setString(1, building);
                ps.setLong(2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        first = Math.min(first, rs.getLong(1));
                        tenants.add(rs.getString(2));
                    }
                }
            }
            boolean complete = version == since || first == since + 1;
            return new Changes(version, List.copyOf(tenants), complete);
        });
    }

    /**
     * Moves the building's roster version by one for a change to {@code tenant}'s record, notes when,
     * and marks the tenant's leases in the building as waiting for that version at the gateway.
     */
    static long bump(Connection c, String building, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster (building, version) VALUES (?, 0)"
                + " ON CONFLICT (building) DO NOTHING")) {
            ps.setString(1, building);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE roster SET version = version + 1 WHERE building = ?")) {
            ps.setString(1, building);
            ps.executeUpdate();
        }
        long version = version(c, building);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO roster_change (building, version, tenant, changed_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, building);
            ps.setLong(2, version);
            ps.setString(3, tenant);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET roster_version = ? WHERE building = ? AND tenant = ?")) {
            ps.setLong(1, version);
            ps.setString(2, building);
            ps.setString(3, tenant);
            ps.executeUpdate();
        }
        return version;
    }

    static long version(Connection c, String building) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM roster WHERE building = ?")) {
            ps.setString(1, building);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static final String LEASE_COLUMNS = "id, tenant, landlord, building, room, display_name, phone_sealed,"
            + " id_number_sealed, cards, valid_from, valid_until, ended_at";

    static Optional<Lease> lease(Connection c, String id) throws SQLException {
        List<Lease> found = leases(c, "id", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static List<Lease> leases(Connection c, String column, String value) throws SQLException {
        List<Lease> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LEASE_COLUMNS + " FROM lease WHERE " + column
                + " = ? ORDER BY created_at, id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String cards = rs.getString(9);
                    long ended = rs.getLong(12);
                    Long endedAt = rs.wasNull() ? null : ended;
                    out.add(new Lease(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8),
                            cards.isEmpty() ? List.of() : List.of(cards.split(",")), rs.getLong(10), rs.getLong(11),
                            endedAt));
                }
            }
        }
        return out;
    }
}
