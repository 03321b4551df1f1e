package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.EventBatch;

/**
 * Sequence numbers a gateway promised were delivered (below its {@code floor}) that never
 * reached the store: events lost between the broker and here. Recorded as ranges when the floor
 * moves past them, minus ranges the gateway said it discarded on purpose ({@code outbox.discarded});
 * an event that turns up late takes its number out of the range.
 */
final class LostRanges {
    private LostRanges() {
    }

    static void update(Connection c, String gateway, long floor, List<EventBatch.Event> fresh, long now) throws SQLException {
        for (EventBatch.Event e : fresh) {
            fill(c, gateway, e.seq());
        }
        long old;
        try (PreparedStatement ps = c.prepareStatement("SELECT floor FROM gateway WHERE id = ?")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                old = rs.next() ? rs.getLong(1) : 0;
            }
        }
        if (floor <= old) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE gateway SET floor = ? WHERE id = ? AND floor < ?")) {
            ps.setLong(1, floor);
            ps.setString(2, gateway);
            ps.setLong(3, floor);
            ps.executeUpdate();
        }
        long expect = Math.max(1, old);
        List<long[]> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM event WHERE gateway = ? AND seq >= ? AND seq < ? ORDER BY seq")) {
            ps.setString(1, gateway);
            ps.setLong(2, expect);
            ps.setLong(3, floor);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq > expect) {
                        missing.add(new long[] {expect, seq - 1});
                    }
                    expect = seq + 1;
                }
            }
        }
        if (expect < floor) {
            missing.add(new long[] {expect, floor - 1});
        }
        List<long[]> discarded = discarded(c, gateway);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lost_range (gateway, from_seq, to_seq, found_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (gateway, from_seq) DO NOTHING")) {
            for (long[] range : missing) {
                if (discarded.stream().anyMatch(d -> d[0] <= range[0] && range[1] <= d[1])) {
                    continue;
                }
                ps.setString(1, gateway);
                ps.setLong(2, range[0]);
                ps.setLong(3, range[1]);
                ps.setLong(4, now);
                ps.executeUpdate();
            }
        }
    }

    /** A late event: its number is no longer lost. */
    private static void fill(Connection c, String gateway, long seq) throws SQLException {
        long[] hit = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT from_seq, to_seq FROM lost_range WHERE gateway = ? AND from_seq <= ? AND to_seq >= ?")) {
            ps.setString(1, gateway);
            ps.setLong(2, seq);
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    hit = new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        }
        if (hit == null) {
            return;
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM lost_range WHERE gateway = ? AND from_seq = ?");
             PreparedStatement add = c.prepareStatement(
                     "INSERT INTO lost_range (gateway, from_seq, to_seq, found_at) VALUES (?, ?, ?, ?)")) {
            del.setString(1, gateway);
            del.setLong(2, hit[0]);
            del.executeUpdate();
            for (long[] part : new long[][] {{hit[0], seq - 1}, {seq + 1, hit[1]}}) {
                if (part[0] <= part[1]) {
                    add.setString(1, gateway);
                    add.setLong(2, part[0]);
                    add.setLong(3, part[1]);
                    add.setLong(4, System.currentTimeMillis());
                    add.executeUpdate();
                }
            }
        }
    }

    private static List<long[]> discarded(Connection c, String gateway) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM event WHERE gateway = ? AND type = 'outbox.discarded'")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var p = IngestStore.json(rs.getString(1));
                    out.add(new long[] {p.path("fromSeq").asLong(), p.path("toSeq").asLong()});
                }
            }
        }
        return out;
    }

    static List<long[]> of(Connection c, String gateway) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT from_seq, to_seq FROM lost_range WHERE gateway = ? ORDER BY from_seq")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        return out;
    }
}
