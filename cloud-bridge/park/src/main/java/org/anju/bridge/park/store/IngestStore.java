package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;

/**
 * What the gateways report, kept once: a batch's events are inserted with their gateway and
 * sequence number as the key, so a redelivered or duplicated event (from this instance or
 * another one on the same PostgreSQL) is a no-op, and only the events stored for the first
 * time move the last-known state of doors, ports and alarms. The batch's {@code floor} says
 * every lower sequence number was delivered; numbers below it never stored are recorded as
 * lost ranges (unless the gateway announced them discarded), and filled if they turn up late.
 */
public final class IngestStore {
    private final ParkDatabase db;
    private final BatchWriter writer;
    /** Gateways whose row this instance has seen committed: their batches need not insert it. */
    private final java.util.Set<String> ensured = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public IngestStore(ParkDatabase db, String instance) {
        this.db = db;
        this.writer = new BatchWriter(db.dialect(), instance);
    }

    /**
     * What a batch changed: the events stored for the first time, how many were already there,
     * those held for review and those stored flagged, the seq up to which every event of the
     * gateway is now stored, and every seq of the batch the park now has (for the receipt).
     */
    public record Stored(List<EventBatch.Event> fresh, int duplicates, int held, int flagged, long confirmedTo,
                         List<Long> have) {
    }

    /** A batch and what each of its events would change in last-known state ({@link #prepare}). */
    public record Prepared(EventBatch batch, List<StateChange> changes) {
    }

    /** Reads what a batch's events would change: pure, so on any thread, beside the writer. */
    public static Prepared prepare(EventBatch batch) {
        return new Prepared(batch, StateChange.of(batch));
    }

    /** As {@link #prepare(EventBatch)}, from the payloads' fields the batch's reading took. */
    public static Prepared prepare(EventBatch.Read read) {
        return new Prepared(read.batch(), StateChange.of(read));
    }

    /** Stores a batch in one transaction within {@code believed}; completes once it is committed. */
    public CompletableFuture<Stored> store(EventBatch batch, Believed believed) {
        return storeAll(List.of(prepare(batch)), believed).thenApply(stored -> stored.get(0));
    }

    /**
     * Stores several gateways' batches in one transaction on the store's ingest lane, set-based
     * ({@link BatchWriter}); completes once they are committed, with what each batch changed, in
     * order.
     */
    public CompletableFuture<List<Stored>> storeAll(List<Prepared> batches, Believed believed) {
        return storeAll(batches, believed, false, 0);
    }

    /**
     * As {@link #storeAll(List, Believed)}; {@code alarms}: a group of alarm batches, written on the
     * store's alarm lane ({@link ParkDatabase#ingestAlarms}: beside the other batches on PostgreSQL);
     * else on ingest writer {@code ingestWriter} ({@link #ingestWriters}), which must be the same for
     * every batch of a gateway.
     */
    public CompletableFuture<List<Stored>> storeAll(List<Prepared> batches, Believed believed, boolean alarms, int ingestWriter) {
        ParkDatabase.Work<List<Stored>> work = c -> writer.write(c, batches, believed, ensured);
        return (alarms ? db.ingestAlarms(work) : db.ingest(ingestWriter, work)).thenApply(stored -> {
            batches.forEach(b -> ensured.add(b.batch().gateway()));
            return stored;
        });
    }

    /** How many ingest writers write groups beside each other (PostgreSQL: several; SQLite: one). */
    public int ingestWriters() {
        return db.ingestWriters();
    }

    /** Whether alarm groups are written beside the other batches' (PostgreSQL), not after them. */
    public boolean alarmsBeside() {
        return db.alarmsBesideIngest();
    }

    /**
     * A birth or a death, within {@code believed}. A birth counts if it is of a newer session, or
     * the same birth again while the gateway is online (retained, delivered on every subscription);
     * a replayed birth after its session's death does not bring the gateway back. A death only
     * counts if it is of the session the park knows or a newer one: the broker may deliver a stale
     * will after the gateway has already come back. Empty when the session jumps too far.
     * Births and deaths waiting meanwhile are written together, in order, in one transaction: a
     * park's gateways come back at once after an outage, and the live connection holds each until
     * it is written (one transaction each waited out a drain on SQLite and held alarms behind them).
     */
    public CompletableFuture<Presence> presence(GatewayState state, Believed believed) {
        PendingPresence pending = new PendingPresence(state, believed, new CompletableFuture<>());
        synchronized (presences) {
            presences.add(pending);
            if (presenceWriting) {
                return pending.done();
            }
            presenceWriting = true;
        }
        writePresences();
        return pending.done();
    }

    private record PendingPresence(GatewayState state, Believed believed, CompletableFuture<Presence> done) {
    }

    private final java.util.ArrayDeque<PendingPresence> presences = new java.util.ArrayDeque<>();
    private boolean presenceWriting;

    private void writePresences() {
        List<PendingPresence> group;
        synchronized (presences) {
            if (presences.isEmpty()) {
                presenceWriting = false;
                return;
            }
            group = new java.util.ArrayList<>(presences);
            presences.clear();
        }
        db.run(c -> {
            List<Presence> out = new java.util.ArrayList<>(group.size());
            for (PendingPresence p : group) {
                out.add(presenceIn(c, p.state(), p.believed()));
            }
            return out;
        }).whenComplete((out, failure) -> {
            for (int i = 0; i < group.size(); i++) {
                if (failure == null) {
                    group.get(i).done().complete(out.get(i));
                } else {
                    group.get(i).done().completeExceptionally(failure);
                }
            }
            writePresences();
        });
    }

    private Presence presenceIn(Connection c, GatewayState state, Believed believed) throws SQLException {
        long now = System.currentTimeMillis();
        ensureGateway(c, state.gateway(), now);
        long known;
        try (PreparedStatement ps = c.prepareStatement("SELECT session FROM gateway WHERE id = ?")) {
            ps.setString(1, state.gateway());
            try (ResultSet rs = ps.executeQuery()) {
                known = rs.next() ? rs.getLong(1) : 0;
            }
        }
        if (!believed.sessionStep(known, state.session(), now)) {
            return Presence.SESSION_JUMP;
        }
        if (state instanceof GatewayState.Birth b) {
            // a birth of a newer session says which roster the gateway holds; the same birth again
            // must not undo what replies told since
            try (PreparedStatement ps = c.prepareStatement("UPDATE gateway SET online = 1,"
                    + " roster_version = CASE WHEN session < ? THEN ? ELSE roster_version END, session = ?,"
                    + " seen_at = ?, software = ? WHERE id = ? AND (session < ? OR session = ? AND online = 1)")) {
                ps.setLong(1, b.session());
                ps.setLong(2, b.rosterVersion());
                ps.setLong(3, b.session());
                ps.setLong(4, now);
                ps.setString(5, b.software());
                ps.setString(6, b.gateway());
                ps.setLong(7, b.session());
                ps.setLong(8, b.session());
                return ps.executeUpdate() == 1 ? Presence.COUNTED : Presence.STALE;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE gateway SET online = 0, seen_at = ?, session = ? WHERE id = ? AND session <= ?")) {
            ps.setLong(1, now);
            ps.setLong(2, state.session());
            ps.setString(3, state.gateway());
            ps.setLong(4, state.session());
            return ps.executeUpdate() == 1 ? Presence.COUNTED : Presence.STALE;
        }
    }

    /** What became of a birth or death. */
    public enum Presence { COUNTED, STALE, SESSION_JUMP }

    /** The roster version a gateway said it holds (in its birth or a command reply). */
    public CompletableFuture<Void> rosterApplied(String gateway, long version) {
        return db.run(c -> {
            ensureGateway(c, gateway, System.currentTimeMillis());
            try (PreparedStatement ps = c.prepareStatement("UPDATE gateway SET roster_version = ? WHERE id = ?")) {
                ps.setLong(1, version);
                ps.setString(2, gateway);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** {@code events}, {@code held}: how many of its events the store holds, and holds for review. */
    public record GatewayView(String id, boolean online, long session, long seenAt, String software, long rosterVersion,
                              long floor, long events, List<long[]> lost, long confirmedTo, long held) {
    }

    /**
     * Every gateway with its counts and lost ranges: a row each, the counts as the writer keeps them
     * (counting the event table per gateway scanned millions of rows per request) and every lost
     * range in one query; on the consoles' read lane.
     */
    public CompletableFuture<List<GatewayView>> gateways() {
        return db.read(c -> {
            java.util.Map<String, List<long[]>> lost = LostRanges.all(c);
            List<GatewayView> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, online, session, seen_at, software, roster_version,"
                    + " floor, stored_events, confirmed_to, held_events FROM gateway ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GatewayView(rs.getString(1), rs.getInt(2) == 1, rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), lost.getOrDefault(rs.getString(1), List.of()),
                            rs.getLong(9), rs.getLong(10)));
                }
            }
            return out;
        });
    }

    /** The gateways online now, as their births and deaths last said: what the officer's overview needs of them. */
    public CompletableFuture<java.util.Set<String>> online() {
        return db.read(c -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM gateway WHERE online = 1");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** A stored event as the API shows it. */
    public record StoredEvent(String gateway, long seq, long ts, String type, String payload) {
    }

    /**
     * A gateway's events of these types whose payload has {@code text} as a whole JSON string (an
     * id of letters, digits and '-'), newest first.
     */
    public CompletableFuture<List<StoredEvent>> events(String gateway, List<String> types, String text, int limit) {
        if (!text.matches("[A-Za-z0-9-]{1,64}")) {
            return CompletableFuture.completedFuture(List.of()); // LIKE wildcards never come from a caller
        }
        return db.run(c -> {
            String in = String.join(", ", java.util.Collections.nCopies(types.size(), "?"));
            List<StoredEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, ts, type, payload FROM event WHERE gateway = ?"
                    + " AND type IN (" + in + ") AND payload LIKE ? ORDER BY ts DESC, seq DESC LIMIT " + limit)) {
                ps.setString(1, gateway);
                for (int i = 0; i < types.size(); i++) {
                    ps.setString(2 + i, types.get(i));
                }
                ps.setString(2 + types.size(), "%\"" + text + "\"%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(gateway, rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Every stored event of a gateway, for audits and tests: seq order. */
    public CompletableFuture<List<Long>> sequences(String gateway) {
        return db.run(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM event WHERE gateway = ? ORDER BY seq")) {
                ps.setString(1, gateway);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    static void ensureGateway(Connection c, String gateway, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway (id, online, session, seen_at) VALUES (?, 0, 0, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, gateway);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
    }

    static JsonNode json(String payload) {
        try {
            return ContractJson.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            return ContractJson.mapper().createObjectNode();
        }
    }
}
