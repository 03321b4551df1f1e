package org.anju.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.Priority;

/**
 * Keeps the outbox within a disk budget. What goes first: events the park already has, routine
 * telemetry before state before access before alarms, oldest first; then, only if that is not
 * enough, every other unsent telemetry reading (thinning, not a hole in the record). Unsent
 * alarms and access events are never deleted. SQLite reuses freed pages, so the measure is the
 * pages in use, not the file size.
 */
public final class Retention {
    private static final int DELETE_CHUNK = 2000;

    /** What a pass did; {@code thinnedSeqs} lets the park tell thinning from loss. */
    public record Report(long usedBytesBefore, long usedBytesAfter, int deletedSent, int thinnedUnsent,
                         long thinnedFromSeq, long thinnedToSeq, boolean stillOverBudget) {
        public boolean thinned() {
            return thinnedUnsent > 0;
        }
    }

    private Retention() {
    }

    /** Runs on the outbox's thread (see {@link Outbox#enforce(long)}). */
    static Report enforce(Connection c, long budgetBytes) {
        try {
            long before = usedBytes(c);
            long used = before;
            int deleted = 0;
            for (Priority p : new Priority[] {Priority.TELEMETRY, Priority.STATE,
                    Priority.ACCESS, Priority.ALARM}) {
                int n;
                while (used > budgetBytes && (n = deleteOldest(c, p)) > 0) {
                    deleted += n;
                    used = usedBytes(c);
                }
            }
            int thinned = 0;
            long from = 0;
            long to = 0;
            while (used > budgetBytes) {
                List<Long> victims = everyOtherUnsentTelemetry(c);
                if (victims.isEmpty()) {
                    break;
                }
                delete(c, victims);
                thinned += victims.size();
                from = from == 0 ? victims.get(0) : Math.min(from, victims.get(0));
                to = Math.max(to, victims.get(victims.size() - 1));
                used = usedBytes(c);
            }
            return new Report(before, used, deleted, thinned, from, to, used > budgetBytes);
        } catch (SQLException e) {
            throw new IllegalStateException("retention failed: " + e.getMessage(), e);
        }
    }

    static long usedBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long pages = pragma(s, "page_count");
            long free = pragma(s, "freelist_count");
            long size = pragma(s, "page_size");
            return (pages - free) * size;
        }
    }

    private static long pragma(Statement s, String name) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA " + name)) {
            return rs.getLong(1);
        }
    }

    private static int deleteOldest(Connection c, Priority p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox"
                + " WHERE acked = 1 AND priority = ? ORDER BY seq LIMIT ?)")) {
            ps.setInt(1, p.rank());
            ps.setInt(2, DELETE_CHUNK);
            return ps.executeUpdate();
        }
    }

    /** The older half of unsent telemetry, every other row, so what remains still spans the outage. */
    private static List<Long> everyOtherUnsentTelemetry(Connection c) throws SQLException {
        List<Long> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM outbox WHERE acked = 0 AND priority = ? ORDER BY seq")) {
            ps.setInt(1, Priority.TELEMETRY.rank());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getLong(1));
                }
            }
        }
        List<Long> victims = new ArrayList<>();
        for (int i = 1; i < all.size(); i += 2) {
            victims.add(all.get(i));
        }
        return victims;
    }

    private static void delete(Connection c, List<Long> seqs) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            for (long seq : seqs) {
                ps.setLong(1, seq);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
