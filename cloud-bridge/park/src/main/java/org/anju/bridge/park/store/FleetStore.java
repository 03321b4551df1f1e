package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.GatewayStatus;

/**
 * What the fleet view reads: each gateway's newest status (one row per gateway, replaced only by a
 * newer one: a higher session, or the same session and a higher report), its presence (births and
 * deaths, as ingest keeps them) and its lost ranges. Statuses that arrive while one is being written
 * are written together in one transaction ({@link GroupedWrites}), so a park's gateways reporting at
 * once cost a handful of commits, not one each.
 */
public final class FleetStore {
    /** What became of a status. */
    public enum Recorded { NEWER, NOT_NEWER, SESSION_JUMP }

    /** A gateway's newest status and when it arrived (park clock). */
    public record StatusRow(String gateway, long receivedAt, String receivedBy, GatewayStatus status) {
    }

    /** A gateway's presence: online or not since {@code seenAt} (its last birth or death, park clock); {@code session} 0: never connected. */
    public record Presence(String gateway, boolean online, long session, long seenAt) {
    }

    /** Sequence numbers the gateway promised and the park never got, found at {@code foundAt}. */
    public record Lost(long from, long to, long foundAt) {
        public long count() {
            return to - from + 1;
        }
    }

    /** Everything the fleet view needs from the store, read in one transaction. */
    public record Snapshot(Map<String, Presence> presence, Map<String, StatusRow> statuses, Map<String, List<Lost>> lost) {
    }

    private record Pending(GatewayStatus status, long receivedAt, Believed believed) {
    }

    private final ParkDatabase db;
    private final String instance;
    private final GroupedWrites<Pending, Recorded> writes;
    /**
     * Statuses already read, by gateway: a row whose session and report are unchanged is not decoded
     * again (decoding was nine tenths of a 1,000-gateway snapshot).
     */
    private final Map<String, StatusRow> read = new java.util.concurrent.ConcurrentHashMap<>();

    public FleetStore(ParkDatabase db, String instance) {
        this.db = db;
        this.instance = instance;
        this.writes = new GroupedWrites<>(db, this::write);
    }

    /** Keeps {@code status}, received at {@code receivedAt}, if it is the gateway's newest and its session is believed. */
    public CompletableFuture<Recorded> record(GatewayStatus status, long receivedAt, Believed believed) {
        return writes.submit(new Pending(status, receivedAt, believed));
    }

    private Recorded write(Connection c, Pending p) throws SQLException {
        GatewayStatus s = p.status();
        long known = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT session FROM gateway_status WHERE gateway = ?")) {
            ps.setString(1, s.gateway());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    known = rs.getLong(1);
                }
            }
        }
        if (!p.believed().sessionStep(known, s.session(), p.receivedAt())) {
            return Recorded.SESSION_JUMP;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_status (gateway, session, report, received_at,"
                + " received_by, period_s, body) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway) DO UPDATE SET"
                + " session = excluded.session, report = excluded.report, received_at = excluded.received_at,"
                + " received_by = excluded.received_by, period_s = excluded.period_s, body = excluded.body"
                + " WHERE gateway_status.session < excluded.session"
                + " OR gateway_status.session = excluded.session AND gateway_status.report < excluded.report")) {
            ps.setString(1, s.gateway());
            ps.setLong(2, s.session());
            ps.setLong(3, s.report());
            ps.setLong(4, p.receivedAt());
            ps.setString(5, instance);
            ps.setInt(6, s.periodSeconds());
            ps.setString(7, new String(ContractJson.encode(s), java.nio.charset.StandardCharsets.UTF_8));
            return ps.executeUpdate() == 1 ? Recorded.NEWER : Recorded.NOT_NEWER;
        }
    }

    /** Every gateway's presence, newest status and lost ranges. */
    public CompletableFuture<Snapshot> snapshot() {
        return db.run(c -> {
            Map<String, Presence> presence = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, online, session, seen_at FROM gateway");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    presence.put(rs.getString(1), new Presence(rs.getString(1), rs.getInt(2) == 1, rs.getLong(3), rs.getLong(4)));
                }
            }
            Map<String, StatusRow> statuses = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT gateway, received_at, received_by, session, report, body FROM gateway_status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String gateway = rs.getString(1);
                    StatusRow known = read.get(gateway);
                    if (known != null && known.receivedAt() == rs.getLong(2) && known.status().session() == rs.getLong(4)
                            && known.status().report() == rs.getLong(5)) {
                        statuses.put(gateway, known);
                    } else if (ContractJson.decode(rs.getString(6).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            GatewayStatus.class) instanceof org.anju.bridge.contract.Decoded.Ok<GatewayStatus> ok) {
                        StatusRow row = new StatusRow(gateway, rs.getLong(2), rs.getString(3), ok.value());
                        read.put(gateway, row);
                        statuses.put(gateway, row);
                    }
                }
            }
            Map<String, List<Lost>> lost = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT gateway, from_seq, to_seq, found_at FROM lost_range ORDER BY gateway, from_seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lost.computeIfAbsent(rs.getString(1), g -> new ArrayList<>())
                            .add(new Lost(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return new Snapshot(presence, statuses, lost);
        });
    }
}
