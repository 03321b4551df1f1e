package org.anju.bridge.park.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Tenants' invitations: the single-use code a landlord hands a new renter, with which the renter
 * sets their own password. Issuing one voids any earlier code of the account, clears its password
 * and ends its sessions (a reissue is how a landlord helps a renter who lost their phone or their
 * password, without ever learning the new one). Only the code's SHA-256 hash is stored.
 */
public final class InvitationStore {
    private final ParkDatabase db;

    public InvitationStore(ParkDatabase db) {
        this.db = db;
    }

    public CompletableFuture<Void> issue(String codeHash, String account, String issuedBy, long now, long expiresAt) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE invitation SET used_at = ? WHERE account = ? AND used_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, account);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE account SET password_hash = '',"
                    + " session_generation = session_generation + 1 WHERE id = ?")) {
                ps.setString(1, account);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invitation (code_hash, account, issued_by, created_at,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, codeHash);
                ps.setString(2, account);
                ps.setString(3, issuedBy);
                ps.setLong(4, now);
                ps.setLong(5, expiresAt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Uses the code, once and before it expires: the account's password becomes {@code passwordHash}
     * and its other sessions end. The account's id, or empty for a wrong, used or expired code.
     */
    public CompletableFuture<Optional<String>> redeem(String codeHash, long now, String passwordHash) {
        return db.run(c -> {
            String account;
            try (PreparedStatement ps = c.prepareStatement("SELECT account FROM invitation WHERE code_hash = ?"
                    + " AND used_at IS NULL AND expires_at > ?")) {
                ps.setString(1, codeHash);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<String>empty();
                    }
                    account = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE invitation SET used_at = ? WHERE code_hash = ? AND used_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, codeHash);
                if (ps.executeUpdate() != 1) {
                    return Optional.<String>empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE account SET password_hash = ?,"
                    + " session_generation = session_generation + 1 WHERE id = ?")) {
                ps.setString(1, passwordHash);
                ps.setString(2, account);
                ps.executeUpdate();
            }
            return Optional.of(account);
        });
    }
}
