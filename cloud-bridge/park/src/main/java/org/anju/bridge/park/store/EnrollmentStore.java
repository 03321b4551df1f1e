package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The single-use codes a building's gateway enrolls with: the admin issues one for a building
 * (voiding any earlier unused one of it), the gateway redeems it once, before it expires, with its
 * public key, which becomes the building's gateway key in the same transaction (a building write:
 * its version is bumped and, on PostgreSQL, every instance told). Only the code's SHA-256 hash
 * is stored. A wrong, used or expired code, or one whose building was deleted or given another
 * gateway since, redeems nothing and changes nothing.
 */
public final class EnrollmentStore {
    /** Who the building's change is recorded as made by. */
    public static final String BY = "enrollment";

    /** What a valid code is for. */
    public record Pending(String building, String gateway) {
    }

    private final BuildingStore buildings;

    public EnrollmentStore(BuildingStore buildings) {
        this.buildings = buildings;
    }

    public CompletableFuture<Void> issue(String codeHash, Pending forWhom, String issuedBy, long now, long expiresAt) {
        return buildings.db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE enrollment SET used_at = ?, used_from = 'voided'"
                    + " WHERE building = ? AND used_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, forWhom.building());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO enrollment (code_hash, building, gateway, issued_by,"
                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, codeHash);
                ps.setString(2, forWhom.building());
                ps.setString(3, forWhom.gateway());
                ps.setString(4, issuedBy);
                ps.setLong(5, now);
                ps.setLong(6, expiresAt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** What the code is for, if it is unused, unexpired and its building still has that gateway; nothing is changed. */
    public CompletableFuture<Optional<Pending>> pending(String codeHash, long now) {
        return buildings.db.run(c -> find(c, codeHash, now));
    }

    /**
     * Uses the code: {@code publicKeyPem} becomes the building's gateway key (a key file park.yaml
     * named is no longer read). What it was for, or empty (and nothing changed) for a code that is
     * not {@link #pending} any more.
     */
    public CompletableFuture<Optional<Pending>> redeem(String codeHash, String publicKeyPem, long now, String from) {
        return buildings.db.run(c -> {
            buildings.lock(c);
            Optional<Pending> pending = find(c, codeHash, now);
            if (pending.isEmpty()) {
                return pending;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE enrollment SET used_at = ?, used_from = ?"
                    + " WHERE code_hash = ? AND used_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, from);
                ps.setString(3, codeHash);
                if (ps.executeUpdate() != 1) {
                    return Optional.<Pending>empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE building SET gateway_key = ?, gateway_key_file = NULL,"
                    + " version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND gateway = ?")) {
                ps.setString(1, publicKeyPem);
                ps.setLong(2, now);
                ps.setString(3, BY);
                ps.setString(4, pending.get().building());
                ps.setString(5, pending.get().gateway());
                ps.executeUpdate();
            }
            buildings.told(c);
            return pending;
        });
    }

    private static Optional<Pending> find(Connection c, String codeHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT e.building, e.gateway FROM enrollment e JOIN building b"
                + " ON b.id = e.building AND b.gateway = e.gateway WHERE e.code_hash = ? AND e.used_at IS NULL AND e.expires_at > ?")) {
            ps.setString(1, codeHash);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Pending(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }
}
