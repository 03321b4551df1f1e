package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The landlord's records beyond the roster: a building's floating-population registrations as the
 * police station is given them, the audit trail of those exports, and the deletion of an ended
 * renter's access history once the park's retention has passed. Personal data stays sealed here;
 * the caller opens it only for the export itself.
 */
public final class RegistrationRecords {
    /** The access events a renter's history is made of: what is deleted from it after the retention. */
    public static final List<String> ACCESS_TYPES = List.of("door.access_granted", "door.access_denied", "door.unlocked",
            "gate.access_granted", "gate.access_denied");

    private final ParkDatabase db;

    public RegistrationRecords(ParkDatabase db) {
        this.db = db;
    }

    /** A current lease and when its registration was filed. */
    public record Registered(PeopleStore.Lease lease, long filedAt) {
    }

    /** The registrations of the building's current renters at {@code now} (not ended, not run out), by room. */
    public CompletableFuture<List<Registered>> current(String building, long now) {
        return db.run(c -> {
            List<Registered> out = new ArrayList<>();
            java.util.Map<String, Long> filed = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.lease, r.filed_at FROM registration r"
                    + " JOIN lease l ON l.id = r.lease WHERE l.building = ?")) {
                ps.setString(1, building);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        filed.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            for (PeopleStore.Lease l : PeopleStore.leases(c, "building", building)) {
                if (l.endedAt() == null && l.validUntil() > now) {
                    out.add(new Registered(l, filed.getOrDefault(l.id(), l.validFrom())));
                }
            }
            out.sort(java.util.Comparator.comparing((Registered r) -> r.lease().room()).thenComparing(r -> r.lease().validFrom()));
            return out;
        });
    }

    /**
     * One export of a building's registrations: who (their account and its login, null when only
     * just recorded), when, which building, how many records, from where.
     */
    public record Export(String id, String landlord, String login, String building, long at, int records, String address) {
    }

    /** Records an export in the audit trail; answers it with its id. */
    public CompletableFuture<Export> recordExport(String landlord, String building, long at, int records, String address) {
        Export e = new Export("export-" + UUID.randomUUID().toString().substring(0, 8), landlord, null, building, at, records,
                address);
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration_export (id, landlord, building,"
                    + " exported_at, records, address) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id());
                ps.setString(2, e.landlord());
                ps.setString(3, e.building());
                ps.setLong(4, e.at());
                ps.setInt(5, e.records());
                ps.setString(6, e.address());
                ps.executeUpdate();
            }
            return e;
        });
    }

    /** The latest exports first, at most {@code limit}. */
    public CompletableFuture<List<Export>> exports(int limit) {
        return db.run(c -> {
            List<Export> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.landlord, a.login, e.building, e.exported_at, e.records,"
                    + " e.address FROM registration_export e LEFT JOIN account a ON a.id = e.landlord"
                    + " ORDER BY e.exported_at DESC, e.id LIMIT " + Math.max(1, Math.min(limit, 1000)))) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Export(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                                rs.getInt(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Deletes the access history of every renter whose last lease ended (or ran out) before
     * {@code cutoff}: their tenant id is taken out of their access events, which stay as the
     * doors' own record without saying whose they were. Answers the renters whose history went.
     */
    public CompletableFuture<List<String>> forgetAccessEndedBefore(long cutoff, long now) {
        return db.run(c -> {
            List<String> tenants = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant FROM lease GROUP BY tenant"
                    + " HAVING MAX(CASE WHEN ended_at IS NULL AND valid_until > ? THEN 1 ELSE 0 END) = 0"
                    + " AND MAX(COALESCE(ended_at, valid_until)) < ? AND MIN(COALESCE(history_forgotten_at, 0)) = 0")) {
                ps.setLong(1, now);
                ps.setLong(2, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tenants.add(rs.getString(1));
                    }
                }
            }
            String in = String.join(", ", java.util.Collections.nCopies(ACCESS_TYPES.size(), "?"));
            for (String tenant : tenants) {
                forget(c, tenant, in);
            }
            return tenants;
        });
    }

    private static void forget(Connection c, String tenant, String in) throws SQLException {
        if (!tenant.matches("[A-Za-z0-9-]{1,64}")) {
            return; // the ids this park makes; anything else is not matched inside JSON text
        }
        String quoted = "\"" + tenant + "\"";
        try (PreparedStatement ps = c.prepareStatement("UPDATE event SET payload = REPLACE(payload, ?, 'null')"
                + " WHERE type IN (" + in + ") AND payload LIKE ?")) {
            ps.setString(1, quoted);
            int i = 2;
            for (String type : ACCESS_TYPES) {
                ps.setString(i++, type);
            }
            ps.setString(i, "%" + quoted + "%");
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET history_forgotten_at = ? WHERE tenant = ?")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, tenant);
            ps.executeUpdate();
        }
    }
}
