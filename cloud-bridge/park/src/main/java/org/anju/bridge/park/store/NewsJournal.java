package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The consoles' news as the live stream sent it ({@code live_news}): alarms, doors, command
 * outcomes, port statuses and gateway states, each numbered by a per-park sequence. The numbers
 * have no gaps and follow the order of the commits: whoever appends takes a lock first (on
 * PostgreSQL a transaction's advisory lock, which every instance shares; SQLite has one writer),
 * reads the last number and goes on from it. So a console that saw number N missed exactly what is
 * numbered above N, whichever instance it asks, and a number it saw can never be followed by a
 * smaller one committed later (what a serial column or the events' own ids would allow: two
 * instances' transactions commit in another order than they took their ids).
 */
public final class NewsJournal {
    /** The advisory lock the instances take around an append ("news" in ASCII). */
    static final long APPEND_LOCK = 0x6e657773L;

    private NewsJournal() {
    }

    /** One message of the journal: its number, when it was appended (epoch ms) and its JSON text. */
    public record Entry(long id, long at, String message) {
    }

    /** What a console that saw {@code after} missed. */
    public sealed interface Missed {
        /** Everything after it, in order (maybe nothing), up to {@code latest}, the journal's last number. */
        record Since(List<Entry> entries, long latest) implements Missed {
        }

        /**
         * More than can be sent, or older than is kept, or a number the journal never had: the
         * console reads the state again, and goes on from {@code latest}.
         */
        record TooMuch(String why, long latest) implements Missed {
        }
    }

    /**
     * Appends {@code messages} in their order inside the caller's transaction and returns the number
     * of the first; the lock is held until the caller commits.
     */
    public static long append(Connection c, ParkDatabase.Dialect dialect, List<String> messages, long at) throws SQLException {
        if (dialect == ParkDatabase.Dialect.POSTGRES) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            }
        }
        long first = latest(c) + 1;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_news (id, at, message) VALUES (?, ?, ?)")) {
            long id = first;
            for (String m : messages) {
                ps.setLong(1, id++);
                ps.setLong(2, at);
                ps.setString(3, m);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return first;
    }

    /** The journal's last number, 0 when it is empty. */
    public static long latest(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM live_news")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * What follows {@code after}: every message numbered above it, when there are at most
     * {@code most} and the first of them was appended at {@code since} or later; else why not.
     */
    public static Missed after(Connection c, long after, long since, int most) throws SQLException {
        long latest = latest(c);
        if (after == latest) {
            return new Missed.Since(List.of(), latest);
        }
        if (after > latest) {
            return new Missed.TooMuch("the park's news has no number " + after + " (its last is " + latest + ")", latest);
        }
        if (latest - after > most) {
            return new Missed.TooMuch((latest - after) + " messages were missed, more than " + most, latest);
        }
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, message FROM live_news WHERE id > ? AND id <= ? ORDER BY id")) {
            ps.setLong(1, after);
            ps.setLong(2, latest);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                }
            }
        }
        if (entries.isEmpty() || entries.get(0).id() != after + 1) {
            return new Missed.TooMuch("the park's news after " + after + " is no longer kept", latest);
        }
        if (entries.get(0).at() < since) {
            return new Missed.TooMuch("what was missed after " + after + " is older than is sent again", latest);
        }
        return new Missed.Since(entries, latest);
    }

    /**
     * Deletes what was appended before {@code before} (epoch ms) but the last message, whose number
     * the next one follows (an empty journal would number from 1 again); how many.
     */
    public static int prune(Connection c, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM live_news WHERE at < ? AND id < (SELECT MAX(id) FROM live_news)")) {
            ps.setLong(1, before);
            return ps.executeUpdate();
        }
    }
}
