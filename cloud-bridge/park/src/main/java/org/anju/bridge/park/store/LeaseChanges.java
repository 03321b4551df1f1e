package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.park.people.Role;

/**
 * Registering a renter and changing a lease's cards, each in one transaction that first checks
 * what keeps a building's access true and writes nothing if a check fails:
 * <ul>
 *   <li>one card, one renter: a card held by another current lease of the building is refused,
 *       naming the room that holds it (never that renter);</li>
 *   <li>one person, one lease: a lease overlapping a current one of the same person (by the keyed
 *       fingerprint of the ID number) in the building is refused, unless it explicitly continues
 *       it (a move or an extension), which then ends the first and keeps the renter's account;</li>
 *   <li>one request, one lease: a landlord's idempotency key seen again gives back the lease it
 *       made; the same key with a different request is refused.</li>
 * </ul>
 * A change moves the building's roster version ({@link PeopleStore#bump}). On PostgreSQL the
 * building's roster row is locked first, so two bridge instances cannot both pass the checks.
 */
public final class LeaseChanges {
    /** A move or extension may name a start at most this far ahead (a landlord's "today" in their time zone). */
    static final long CONTINUE_START_SLACK_MS = 24 * 3600_000L;

    private final ParkDatabase db;

    public LeaseChanges(ParkDatabase db) {
        this.db = db;
    }

    /** The account a new renter gets; its id is the lease's tenant. */
    public record NewAccount(String id, String login, String displayName, String passwordHash) {
        @Override
        public String toString() {
            return "NewAccount[" + id + "]";
        }
    }

    /**
     * A registration as the landlord asked for it. {@code person} is the ID number's fingerprint;
     * {@code account} is null when the lease {@code continues} another (the renter keeps theirs);
     * {@code idempotencyKey} may be null; {@code request} fingerprints the request it came with.
     */
    public record Registration(PeopleStore.Lease lease, String person, String record, NewAccount account, String continues,
                               String idempotencyKey, String request) {
    }

    /** What became of a change. A refusal's {@code problem} is one sentence starting with the field it is about. */
    public sealed interface Outcome {
        record Done(PeopleStore.Lease lease, long rosterVersion) implements Outcome {
        }

        /** The idempotency key was used before for this very request: its lease, unchanged. */
        record Repeated(PeopleStore.Lease lease) implements Outcome {
        }

        /**
         * Refused, nothing changed: {@code field} is what it is about, {@code code} the catalog's text
         * of why, {@code args} its placeholders (name, value, ...).
         */
        record Refused(int status, String field, String code, Object... args) implements Outcome {
            /** "field: code", for logs and tests. */
            public String problem() {
                return field + ": " + code;
            }
        }
    }

    public CompletableFuture<Outcome> register(Registration r) {
        return db.run(c -> {
            PeopleStore.Lease lease = r.lease();
            long now = System.currentTimeMillis();
            lockBuilding(c, lease.building());
            if (r.idempotencyKey() != null) {
                Optional<String[]> seen = key(c, lease.landlord(), r.idempotencyKey());
                if (seen.isPresent()) {
                    if (!seen.get()[0].equals(r.request())) {
                        return new Outcome.Refused(422, "idempotencyKey", "landlord.key.reused");
                    }
                    return new Outcome.Repeated(PeopleStore.lease(c, seen.get()[1]).orElseThrow());
                }
            }
            List<Current> current = current(c, lease.building(), now);
            if (r.continues() != null) {
                Outcome.Refused problem = continuable(current, r, now);
                if (problem != null) {
                    return problem;
                }
            }
            Outcome.Refused cards = cardHeld(current, lease.cards(), r.continues());
            if (cards != null) {
                return cards;
            }
            for (Current other : current) {
                if (!other.lease.id().equals(r.continues()) && r.person().equals(other.person)
                        && other.lease.validFrom() < lease.validUntil() && lease.validFrom() < other.lease.validUntil()) {
                    return other.lease.landlord().equals(lease.landlord())
                            ? new Outcome.Refused(409, "idNumber", "landlord.person.mine", "room", other.lease.room(),
                                    "date", Instant.ofEpochMilli(other.lease.validUntil()), "lease", other.lease.id())
                            : new Outcome.Refused(409, "idNumber", "landlord.person.other");
                }
            }
            if (r.account() != null && PeopleStore.insertAccount(c, r.account().id(), r.account().login(), Role.TENANT,
                    r.account().displayName(), r.account().passwordHash()).isEmpty()) {
                throw new SQLException("the new tenant login was taken meanwhile; try again");
            }
            if (r.continues() != null) {
                end(c, r.continues(), now);
            }
            insert(c, lease, r.person());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration (lease, filed_at, record) VALUES (?, ?, ?)")) {
                ps.setString(1, lease.id());
                ps.setLong(2, now);
                ps.setString(3, r.record());
                ps.executeUpdate();
            }
            if (r.idempotencyKey() != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration_key (landlord, idem_key, request, lease,"
                        + " created_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, lease.landlord());
                    ps.setString(2, r.idempotencyKey());
                    ps.setString(3, r.request());
                    ps.setString(4, lease.id());
                    ps.setLong(5, now);
                    ps.executeUpdate();
                }
            }
            return new Outcome.Done(lease, PeopleStore.bump(c, lease.building(), lease.tenant()));
        });
    }

    /** Gives a current lease these cards (replacing its own); a card another current lease holds is refused. */
    public CompletableFuture<Outcome> changeCards(String leaseId, List<String> cards) {
        return db.run(c -> {
            PeopleStore.Lease lease = PeopleStore.lease(c, leaseId).orElseThrow();
            long now = System.currentTimeMillis();
            lockBuilding(c, lease.building());
            if (lease.endedAt() != null || lease.validUntil() <= now) {
                return new Outcome.Refused(409, "lease", "landlord.lease.ended", "lease", leaseId);
            }
            Outcome.Refused held = cardHeld(current(c, lease.building(), now), cards, leaseId);
            if (held != null) {
                return held;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET cards = ? WHERE id = ?")) {
                ps.setString(1, String.join(",", cards));
                ps.setString(2, leaseId);
                ps.executeUpdate();
            }
            long version = PeopleStore.bump(c, lease.building(), lease.tenant());
            return new Outcome.Done(PeopleStore.lease(c, leaseId).orElseThrow(), version);
        });
    }

    /** How far ahead a renewal may move a lease's end. */
    public static final long MAX_RENEWAL_MS = 5L * 366 * 24 * 3600_000L;

    /**
     * Renews a current lease: its end moves to {@code until}, later than its end now. The roster
     * version moves like any lease change, so the gateway is sent the new window and the lease
     * shows pending there until the gateway confirms it.
     */
    public CompletableFuture<Outcome> renew(String leaseId, long until) {
        return db.run(c -> {
            PeopleStore.Lease lease = PeopleStore.lease(c, leaseId).orElseThrow();
            long now = System.currentTimeMillis();
            lockBuilding(c, lease.building());
            if (lease.endedAt() != null) {
                return new Outcome.Refused(409, "lease", "landlord.lease.ended", "lease", leaseId);
            }
            if (until <= lease.validUntil()) {
                return new Outcome.Refused(400, "leaseEnd", "landlord.renew.after", "date", Instant.ofEpochMilli(lease.validUntil()));
            }
            if (until > now + MAX_RENEWAL_MS) {
                return new Outcome.Refused(400, "leaseEnd", "landlord.renew.ahead");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET valid_until = ? WHERE id = ?")) {
                ps.setLong(1, until);
                ps.setString(2, leaseId);
                ps.executeUpdate();
            }
            long version = PeopleStore.bump(c, lease.building(), lease.tenant());
            return new Outcome.Done(PeopleStore.lease(c, leaseId).orElseThrow(), version);
        });
    }

    /** The lease a landlord's idempotency key made, if the key was used before, with the request it came with. */
    private static Optional<String[]> key(Connection c, String landlord, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT request, lease FROM registration_key WHERE landlord = ? AND idem_key = ?")) {
            ps.setString(1, landlord);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** A current lease of the building (not ended, not run out) and whose it is. */
    private record Current(PeopleStore.Lease lease, String person) {
    }

    private static List<Current> current(Connection c, String building, long now) throws SQLException {
        List<PeopleStore.Lease> leases = PeopleStore.leases(c, "building", building).stream()
                .filter(l -> l.endedAt() == null && l.validUntil() > now).toList();
        java.util.Map<String, String> persons = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, person FROM lease WHERE building = ? AND ended_at IS NULL")) {
            ps.setString(1, building);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    persons.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return leases.stream().map(l -> new Current(l, persons.get(l.id()))).toList();
    }

    /** The first of {@code cards} another current lease holds, as a refusal naming its room; null if none. */
    private static Outcome.Refused cardHeld(List<Current> current, List<String> cards, String except) {
        for (String card : cards) {
            for (Current other : current) {
                if (!other.lease.id().equals(except) && other.lease.cards().contains(card)) {
                    return new Outcome.Refused(409, "cards", "landlord.cards.held", "card", card, "room", other.lease.room());
                }
            }
        }
        return null;
    }

    /** Null if the registration may continue the lease it names, else why not. */
    private static Outcome.Refused continuable(List<Current> current, Registration r, long now) {
        PeopleStore.Lease lease = r.lease();
        Current first = current.stream().filter(l -> l.lease.id().equals(r.continues())).findFirst().orElse(null);
        if (first == null || !first.lease.landlord().equals(lease.landlord())) {
            return new Outcome.Refused(409, "continues", "landlord.continues.none", "lease", r.continues(),
                    "building", lease.building());
        }
        if (!r.person().equals(first.person)) {
            return new Outcome.Refused(409, "continues", "landlord.continues.person", "lease", r.continues());
        }
        if (!first.lease.tenant().equals(lease.tenant())) {
            return new Outcome.Refused(409, "continues", "landlord.continues.renter", "lease", r.continues());
        }
        if (lease.validFrom() > now + CONTINUE_START_SLACK_MS) {
            return new Outcome.Refused(409, "leaseStart", "landlord.continues.ahead", "lease", r.continues());
        }
        return null;
    }

    private static void insert(Connection c, PeopleStore.Lease lease, String person) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lease (id, tenant, landlord, building, room,"
                + " display_name, phone_sealed, id_number_sealed, cards, valid_from, valid_until, created_at, person)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, lease.id());
            ps.setString(2, lease.tenant());
            ps.setString(3, lease.landlord());
            ps.setString(4, lease.building());
            ps.setString(5, lease.room());
            ps.setString(6, lease.displayName());
            ps.setString(7, lease.phoneSealed());
            ps.setString(8, lease.idNumberSealed());
            ps.setString(9, String.join(",", lease.cards()));
            ps.setLong(10, lease.validFrom());
            ps.setLong(11, lease.validUntil());
            ps.setLong(12, System.currentTimeMillis());
            ps.setString(13, person);
            ps.executeUpdate();
        }
    }

    private static void end(Connection c, String leaseId, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET ended_at = ? WHERE id = ? AND ended_at IS NULL")) {
            ps.setLong(1, at);
            ps.setString(2, leaseId);
            ps.executeUpdate();
        }
    }

    /** One change per building at a time across bridge instances (SQLite has one writer anyway). */
    private void lockBuilding(Connection c, String building) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster (building, version) VALUES (?, 0)"
                + " ON CONFLICT (building) DO NOTHING")) {
            ps.setString(1, building);
            ps.executeUpdate();
        }
        if (db.dialect() == ParkDatabase.Dialect.POSTGRES) {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM roster WHERE building = ? FOR UPDATE")) {
                ps.setString(1, building);
                ps.executeQuery().close();
            }
        }
    }
}
