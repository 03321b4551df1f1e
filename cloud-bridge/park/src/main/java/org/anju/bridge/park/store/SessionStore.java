package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.park.people.Role;

/**
 * Signed-in sessions, kept in the store so every bridge instance sees a sign-out at once: a
 * session lives until it expires, is ended, or its account's session generation moves on (a
 * password change, an invitation reissued, the account disabled end every session of it at once).
 * The event stream's tickets are single-use and short-lived. Only SHA-256 hashes of session ids
 * and tickets are stored, so a copy of the database signs nobody in.
 */
public final class SessionStore {
    /** A sliding session's expiry is written at most this often, not on every request. */
    static final long RENEW_EVERY_MS = 60_000;

    private final ParkDatabase db;

    public SessionStore(ParkDatabase db) {
        this.db = db;
    }

    /** What opening a session came to. */
    public enum Opened { OPENED, DISABLED, NO_ACCOUNT }

    /** A live session: whose, which role, and until when. */
    public record Live(String account, Role role, long expiresAt) {
    }

    /**
     * Opens a session for {@code account} at its current generation, unless the account is disabled
     * or gone. Ahead of the general lane's waiting work: the account was read beside it, and an
     * officer signing in during a drain must not wait for a thousand gateways' births.
     */
    public CompletableFuture<Opened> open(String idHash, String account, long now, long expiresAt, long endsBy) {
        return db.runUrgent(c -> {
            long generation;
            try (PreparedStatement ps = c.prepareStatement("SELECT session_generation, disabled_at FROM account WHERE id = ?")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Opened.NO_ACCOUNT;
                    }
                    generation = rs.getLong(1);
                    rs.getLong(2);
                    if (!rs.wasNull()) {
                        return Opened.DISABLED;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO session (id_hash, account, generation, created_at,"
                    + " renewed_at, expires_at, ends_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, idHash);
                ps.setString(2, account);
                ps.setLong(3, generation);
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.setLong(6, expiresAt);
                ps.setLong(7, endsBy);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM session WHERE expires_at < ?")) {
                ps.setLong(1, now - 86_400_000L);
                ps.executeUpdate();
            }
            return Opened.OPENED;
        });
    }

    /**
     * The session, if it is live now; a sliding one ({@code idleMs} of its role > 0) is renewed to
     * {@code now + idleMs}, never past its {@code ends_by}. Every API request asks this first, so it
     * is read on the read lane, and the renewal (at most once a {@link #RENEW_EVERY_MS}) is written
     * on the general lane without the request waiting for it: in a park's drain the general lane is
     * busy with the gateways' births, and every console's request waited there (the park-scale bench:
     * seconds for a page its query answered in milliseconds). A renewal lost to a failure is tried
     * again by the next request.
     */
    public CompletableFuture<Optional<Live>> find(String idHash, long now, java.util.function.ToLongFunction<Role> idle) {
        return db.read(c -> found(c, idHash, now)).thenApply(found -> {
            long idleMs = found.map(f -> idle.applyAsLong(f.live().role())).orElse(0L);
            if (idleMs > 0 && found.get().renewedAt() < now - RENEW_EVERY_MS) {
                renew(idHash, now, idleMs);
            }
            return found.map(Found::live);
        });
    }

    private void renew(String idHash, long now, long idleMs) {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE session SET renewed_at = ?,"
                    + " expires_at = CASE WHEN ends_by < ? THEN ends_by ELSE ? END WHERE id_hash = ? AND renewed_at < ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now + idleMs);
                ps.setLong(3, now + idleMs);
                ps.setString(4, idHash);
                ps.setLong(5, now - RENEW_EVERY_MS);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Live> live(Connection c, String idHash, long now) throws SQLException {
        return found(c, idHash, now).map(Found::live);
    }

    /** A live session and when its expiry was last written. */
    private record Found(Live live, long renewedAt) {
    }

    private static Optional<Found> found(Connection c, String idHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.account, a.role, s.expires_at, s.renewed_at FROM session s"
                + " JOIN account a ON a.id = s.account WHERE s.id_hash = ? AND s.ended_at IS NULL AND s.expires_at > ?"
                + " AND s.generation = a.session_generation AND a.disabled_at IS NULL")) {
            ps.setString(1, idHash);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Found(new Live(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getLong(3)),
                        rs.getLong(4))) : Optional.empty();
            }
        }
    }

    /** Ends one session (sign-out); true if it was live. */
    public CompletableFuture<Boolean> end(String idHash, long now) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, idHash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Ends every session of the account by moving its generation on. */
    public CompletableFuture<Void> endAll(String account) {
        return db.run(c -> {
            bumpGeneration(c, account);
            return null;
        });
    }

    static void bumpGeneration(Connection c, String account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET session_generation = session_generation + 1 WHERE id = ?")) {
            ps.setString(1, account);
            ps.executeUpdate();
        }
    }

    /** Disables or enables an account; disabling ends its sessions. False if there is no such account. */
    public CompletableFuture<Boolean> setDisabled(String account, boolean disabled, long now) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE account SET disabled_at = ?,"
                    + " session_generation = session_generation + 1 WHERE id = ?")) {
                if (disabled) {
                    ps.setLong(1, now);
                } else {
                    ps.setNull(1, java.sql.Types.BIGINT);
                }
                ps.setString(2, account);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Replaces the account's password hash and ends every session of it. */
    public CompletableFuture<Boolean> setPassword(String account, String hash) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE account SET password_hash = ?,"
                    + " session_generation = session_generation + 1 WHERE id = ?")) {
                ps.setString(1, hash);
                ps.setString(2, account);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * A single-use ticket for the event stream, good until {@code expiresAt}, tied to the session that
     * asked for it. Ahead of the general lane's waiting work, as its use is: an officer's console
     * connecting in a drain is not kept from the alarms behind a thousand gateways' births.
     */
    public CompletableFuture<Void> addTicket(String ticketHash, String sessionHash, long now, long expiresAt) {
        return db.runUrgent(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_ticket WHERE expires_at < ?")) {
                ps.setLong(1, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO stream_ticket (id_hash, session_hash, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, ticketHash);
                ps.setString(2, sessionHash);
                ps.setLong(3, expiresAt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Uses the ticket (once, before it expires): the session it stands for and that session's live state. */
    public CompletableFuture<Optional<Ticketed>> useTicket(String ticketHash, long now) {
        return db.runUrgent(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE stream_ticket SET used_at = ? WHERE id_hash = ?"
                    + " AND used_at IS NULL AND expires_at > ?")) {
                ps.setLong(1, now);
                ps.setString(2, ticketHash);
                ps.setLong(3, now);
                if (ps.executeUpdate() != 1) {
                    return Optional.<Ticketed>empty();
                }
            }
            String session;
            try (PreparedStatement ps = c.prepareStatement("SELECT session_hash FROM stream_ticket WHERE id_hash = ?")) {
                ps.setString(1, ticketHash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    session = rs.getString(1);
                }
            }
            return live(c, session, now).map(l -> new Ticketed(session, l));
        });
    }

    /** A used ticket: the session behind it (to check again while the stream runs) and who it is. */
    public record Ticketed(String sessionHash, Live live) {
    }

    /** Whether the session is still live, without renewing it (a running stream's periodic check). */
    public CompletableFuture<Boolean> isLive(String idHash, long now) {
        return db.read(c -> live(c, idHash, now).isPresent());
    }
}
