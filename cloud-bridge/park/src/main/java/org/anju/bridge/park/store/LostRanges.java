package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Sequence numbers a gateway promised were delivered (below its {@code floor}) that never
 * reached the store: events lost between the broker and here. Recorded as ranges when the floor
 * moves past them, minus the numbers the gateway said it discarded on purpose ({@code outbox.discarded});
 * an event that turns up late takes its number out of the range. Everything up to a gateway's
 * confirmed range is stored, so only numbers above it are ever looked for: the usual group of
 * batches costs one query for the ranges a late event may fill and one update of the floors.
 */
final class LostRanges {
    private static final List<Bulk.Column> FLOOR = List.of(Bulk.Column.text("id"), Bulk.Column.bigint("floor"));
    private static final List<Bulk.Column> RANGE = List.of(Bulk.Column.text("gateway"), Bulk.Column.bigint("from_seq"),
            Bulk.Column.bigint("to_seq"), Bulk.Column.bigint("found_at"));

    private LostRanges() {
    }

    /** After a group's events were stored and each gateway's confirmed range moved. */
    static void update(Connection c, ParkDatabase.Dialect dialect, Collection<BatchWriter.Gateway> gateways, long now)
            throws SQLException {
        fill(c, dialect, gateways, now);
        List<Object[]> floors = new ArrayList<>();
        for (BatchWriter.Gateway g : gateways) {
            if (g.floorWanted > g.floorBefore) {
                floors.add(new Object[] {g.id, g.floorWanted});
                long from = Math.max(Math.max(1, g.floorBefore), g.confirmedTo + 1);
                if (from < g.floorWanted) {
                    record(c, dialect, g.id, from, g.floorWanted, now);
                }
            }
        }
        Bulk.update(c, dialect, "gateway", FLOOR, floors, "floor = v.floor", "gateway.id = v.id AND gateway.floor < v.floor");
    }

    /** Late events: their numbers are no longer lost (ranges split around them). */
    private static void fill(Connection c, ParkDatabase.Dialect dialect, Collection<BatchWriter.Gateway> gateways, long now)
            throws SQLException {
        List<BatchWriter.Gateway> with = gateways.stream().filter(g -> !g.stored.isEmpty()).toList();
        if (with.isEmpty()) {
            return;
        }
        java.util.Map<String, BatchWriter.Gateway> byId = new java.util.HashMap<>();
        with.forEach(g -> byId.put(g.id, g));
        List<Object[]> delete = new ArrayList<>();
        List<Object[]> add = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT gateway, from_seq, to_seq FROM lost_range WHERE gateway IN ("
                + String.join(", ", Collections.nCopies(with.size(), "?")) + ")")) {
            for (int i = 0; i < with.size(); i++) {
                ps.setString(i + 1, with.get(i).id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String gateway = rs.getString(1);
                    long from = rs.getLong(2);
                    long to = rs.getLong(3);
                    List<Long> inside = byId.get(gateway).stored.stream().filter(s -> s >= from && s <= to).sorted().toList();
                    if (inside.isEmpty()) {
                        continue;
                    }
                    delete.add(new Object[] {gateway, from});
                    long start = from;
                    for (long seq : inside) {
                        if (start <= seq - 1) {
                            add.add(new Object[] {gateway, start, seq - 1, now});
                        }
                        start = seq + 1;
                    }
                    if (start <= to) {
                        add.add(new Object[] {gateway, start, to, now});
                    }
                }
            }
        }
        if (!delete.isEmpty()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM lost_range WHERE gateway = ? AND from_seq = ?")) {
                for (Object[] d : delete) {
                    del.setString(1, (String) d[0]);
                    del.setLong(2, (Long) d[1]);
                    del.addBatch();
                }
                del.executeBatch();
            }
            Bulk.insert(c, dialect, "lost_range", RANGE, add, "");
        }
    }

    /** The numbers in [from, floor) that are not stored, as ranges, unless the gateway discarded them. */
    private static void record(Connection c, ParkDatabase.Dialect dialect, String gateway, long from, long floor, long now)
            throws SQLException {
        List<long[]> missing = new ArrayList<>();
        long expect = from;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM event WHERE gateway = ? AND seq >= ? AND seq < ? ORDER BY seq")) {
            ps.setString(1, gateway);
            ps.setLong(2, from);
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
        if (missing.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (long[] range : minus(missing, discarded(c, gateway))) {
            rows.add(new Object[] {gateway, range[0], range[1], now});
        }
        Bulk.insert(c, dialect, "lost_range", RANGE, rows, "ON CONFLICT (gateway, from_seq) DO NOTHING");
    }

    /** The numbers of {@code ranges} that are in none of {@code taken}, as ranges. */
    static List<long[]> minus(List<long[]> ranges, List<long[]> taken) {
        List<long[]> out = new ArrayList<>(ranges);
        for (long[] t : taken) {
            List<long[]> next = new ArrayList<>();
            for (long[] r : out) {
                if (t[1] < r[0] || t[0] > r[1]) {
                    next.add(r);
                    continue;
                }
                if (r[0] < t[0]) {
                    next.add(new long[] {r[0], t[0] - 1});
                }
                if (t[1] < r[1]) {
                    next.add(new long[] {t[1] + 1, r[1]});
                }
            }
            out = next;
        }
        return out;
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

    /** Every gateway's lost ranges, in order, in one query: gateways with none are not in it. */
    static java.util.Map<String, List<long[]>> all(Connection c) throws SQLException {
        java.util.Map<String, List<long[]>> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT gateway, from_seq, to_seq FROM lost_range ORDER BY gateway, from_seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), g -> new ArrayList<>()).add(new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }
}
