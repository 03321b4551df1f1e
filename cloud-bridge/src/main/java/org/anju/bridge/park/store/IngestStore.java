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
    private final String instance;

    public IngestStore(ParkDatabase db, String instance) {
        this.db = db;
        this.instance = instance;
    }

    /** What a batch changed: the events stored for the first time, and how many were already there. */
    public record Stored(List<EventBatch.Event> fresh, int duplicates) {
    }

    /** Stores a batch in one transaction; completes once it is committed. */
    public CompletableFuture<Stored> store(EventBatch batch) {
        return db.run(c -> {
            ensureGateway(c, batch.gateway(), batch.sentAt());
            lock(c, batch.gateway());
            List<EventBatch.Event> fresh = new ArrayList<>();
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (gateway, seq, ts, priority, type, payload,"
                    + " received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway, seq) DO NOTHING")) {
                for (EventBatch.Event e : batch.events()) {
                    ps.setString(1, batch.gateway());
                    ps.setLong(2, e.seq());
                    ps.setLong(3, e.ts());
                    ps.setString(4, e.priority().name());
                    ps.setString(5, e.type());
                    ps.setString(6, e.payload());
                    ps.setLong(7, now);
                    ps.setString(8, instance);
                    if (ps.executeUpdate() == 1) {
                        fresh.add(e);
                    }
                }
            }
            LastKnownState.apply(c, batch.gateway(), fresh);
            LostRanges.update(c, batch.gateway(), batch.floor(), fresh, now);
            return new Stored(fresh, batch.events().size() - fresh.size());
        });
    }

    /**
     * A birth or a death. A death only counts if it is of the session the park knows or a newer
     * one: the broker may deliver a stale will after the gateway has already come back.
     */
    public CompletableFuture<Boolean> presence(GatewayState state) {
        return db.run(c -> {
            if (state instanceof GatewayState.Birth b) {
                ensureGateway(c, b.gateway(), b.ts());
                // a birth of a newer session says which roster the gateway holds; the same birth again
                // (retained, re-delivered on every subscription) must not undo what replies told since
                try (PreparedStatement ps = c.prepareStatement("UPDATE gateway SET online = 1,"
                        + " roster_version = CASE WHEN session < ? THEN ? ELSE roster_version END, session = ?,"
                        + " seen_at = ?, software = ? WHERE id = ? AND session <= ?")) {
                    ps.setLong(1, b.session());
                    ps.setLong(2, b.rosterVersion());
                    ps.setLong(3, b.session());
                    ps.setLong(4, System.currentTimeMillis());
                    ps.setString(5, b.software());
                    ps.setString(6, b.gateway());
                    ps.setLong(7, b.session());
                    return ps.executeUpdate() == 1;
                }
            }
            GatewayState.Death d = (GatewayState.Death) state;
            ensureGateway(c, d.gateway(), System.currentTimeMillis());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE gateway SET online = 0, seen_at = ? WHERE id = ? AND session <= ?")) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setString(2, d.gateway());
                ps.setLong(3, d.session());
                return ps.executeUpdate() == 1;
            }
        });
    }

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

    public record GatewayView(String id, boolean online, long session, long seenAt, String software, long rosterVersion,
                              long floor, long events, List<long[]> lost) {
    }

    public CompletableFuture<List<GatewayView>> gateways() {
        return db.run(c -> {
            List<GatewayView> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, online, session, seen_at, software, roster_version,"
                    + " floor, (SELECT COUNT(*) FROM event e WHERE e.gateway = g.id) FROM gateway g ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GatewayView(rs.getString(1), rs.getInt(2) == 1, rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), LostRanges.of(c, rs.getString(1))));
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

    /** On PostgreSQL, one instance at a time works on a gateway's floor and lost ranges; SQLite has one writer anyway. */
    private void lock(Connection c, String gateway) throws SQLException {
        if (db.dialect() == ParkDatabase.Dialect.POSTGRES) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM gateway WHERE id = ? FOR UPDATE")) {
                ps.setString(1, gateway);
                ps.executeQuery().close();
            }
        }
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
