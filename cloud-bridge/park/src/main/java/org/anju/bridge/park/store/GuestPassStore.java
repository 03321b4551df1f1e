package org.anju.bridge.park.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.park.privacy.FieldCipher;

/**
 * Tenants' guest passes: a code for the building's keypad and a link for the guest's phone, for
 * the entrances, a window of at most a day and a number of opens. A pass is a record in its
 * building's roster (id {@code g-...}, its tenant as host): issuing and revoking one moves the
 * roster's version like a lease change ({@link PeopleStore#bump}), and the gateway, which counts
 * the opens, holds it once it confirms that version. The code and the link are sealed with the
 * park's data key (the roster must send the code again in a snapshot); the link is found by its hash.
 */
public final class GuestPassStore {
    /** How many passes a tenant may have live at once (not revoked, not run out). */
    public static final int LIVE_PER_TENANT = 10;
    private static final int CODE_DIGITS = 6;

    private final ParkDatabase db;
    private final FieldCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public GuestPassStore(ParkDatabase db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** A pass as the tenant and the roster see it. {@code code} and {@code link} are in the clear here only. */
    public record Pass(String id, String tenant, String building, String room, String label, long validFrom, long validUntil,
                       int maxUses, long createdAt, Long revokedAt, long rosterVersion, String code, String link) {
        public boolean liveAt(long now) {
            return revokedAt == null && validUntil > now;
        }

        @Override
        public String toString() {
            return "Pass[" + id + ", building=" + building + ", until=" + validUntil + ", uses=" + maxUses + "]";
        }
    }

    /** What the tenant asked for; the store picks the id, the code and the link. */
    public record Request(String tenant, String building, String room, String label, long validFrom, long validUntil,
                          int maxUses) {
    }

    /** Issued with the roster version that carries it, or refused ({@code tooMany}). */
    public sealed interface Issued {
        record Done(Pass pass) implements Issued {
        }

        record TooMany(int live) implements Issued {
        }
    }

    public CompletableFuture<Issued> issue(Request r, long now) {
        return db.run(c -> {
            int live = 0;
            List<String> codes = new ArrayList<>();
            for (Pass p : passes(c, "building", r.building())) {
                if (p.liveAt(now)) {
                    codes.add(p.code());
                    live += p.tenant().equals(r.tenant()) ? 1 : 0;
                }
            }
            if (live >= LIVE_PER_TENANT) {
                return new Issued.TooMany(live);
            }
            String code;
            do {
                code = String.format("%0" + CODE_DIGITS + "d", random.nextInt(1_000_000));
            } while (codes.contains(code)); // a code opens for one pass only at a building's keypad
            String id = "g-" + token(9);
            String link = token(24);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO guest_pass (id, tenant, building, room, label,"
                    + " code_sealed, link_hash, link_sealed, valid_from, valid_until, max_uses, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, r.tenant());
                ps.setString(3, r.building());
                ps.setString(4, r.room());
                ps.setString(5, r.label());
                ps.setString(6, cipher.encrypt(code, id));
                ps.setString(7, hash(link));
                ps.setString(8, cipher.encrypt(link, id));
                ps.setLong(9, r.validFrom());
                ps.setLong(10, r.validUntil());
                ps.setInt(11, r.maxUses());
                ps.setLong(12, now);
                ps.executeUpdate();
            }
            long version = PeopleStore.bump(c, r.building(), id);
            setVersion(c, id, version);
            return new Issued.Done(pass(c, "id", id).orElseThrow());
        });
    }

    /** Revokes the tenant's own pass; empty when they have no such pass that is not revoked already. */
    public CompletableFuture<Optional<Pass>> revoke(String tenant, String id, long now) {
        return db.run(c -> {
            Optional<Pass> pass = pass(c, "id", id).filter(p -> p.tenant().equals(tenant) && p.revokedAt() == null);
            if (pass.isEmpty()) {
                return Optional.<Pass>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE guest_pass SET revoked_at = ? WHERE id = ?")) {
                ps.setLong(1, now);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            setVersion(c, id, PeopleStore.bump(c, pass.get().building(), id));
            return pass(c, "id", id);
        });
    }

    /** Whether a roster record's id is a guest pass's. */
    public static boolean isGuest(String rosterId) {
        return rosterId.startsWith("g-");
    }

    public CompletableFuture<List<Pass>> ofTenant(String tenant) {
        return db.run(c -> passes(c, "tenant", tenant));
    }

    public CompletableFuture<List<Pass>> ofBuilding(String building) {
        return db.run(c -> passes(c, "building", building));
    }

    /** The pass a guest's link opens, by the link's hash. */
    public CompletableFuture<Optional<Pass>> byLink(String link) {
        return db.run(c -> pass(c, "link_hash", hash(link)));
    }

    public CompletableFuture<Optional<Pass>> byId(String id) {
        return db.run(c -> pass(c, "id", id));
    }

    private static void setVersion(Connection c, String id, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE guest_pass SET roster_version = ? WHERE id = ?")) {
            ps.setLong(1, version);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    private Optional<Pass> pass(Connection c, String column, String value) throws SQLException {
        List<Pass> found = passes(c, column, value);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Pass> passes(Connection c, String column, String value) throws SQLException {
        List<Pass> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, tenant, building, room, label, valid_from, valid_until,"
                + " max_uses, created_at, revoked_at, roster_version, code_sealed, link_sealed FROM guest_pass WHERE "
                + column + " = ? ORDER BY created_at DESC, id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long revoked = rs.getLong(10);
                    Long revokedAt = rs.wasNull() ? null : revoked;
                    out.add(new Pass(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                            rs.getLong(7), rs.getInt(8), rs.getLong(9), revokedAt, rs.getLong(11),
                            cipher.decrypt(rs.getString(12), id), cipher.decrypt(rs.getString(13), id)));
                }
            }
        }
        return out;
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('_', 'x');
    }

    static String hash(String link) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(link.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
