package org.anju.bridge.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

import org.postgresql.PGConnection;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.ParkDatabase;

/**
 * The floor of a park's ingest: the very event rows a flood stores, written by a bare JDBC loop
 * into the bridge's own table (its schema, made by the bridge) on the same database, with nothing
 * else: no signatures, no MQTT, no last-known state, no receipts. One transaction per
 * {@code perTransaction} batches of {@link FloodGateways#BATCH} rows, as many as the bridge puts
 * in one at most. SQLite: a prepared statement run as a JDBC batch (WAL, synchronous FULL, as the
 * bridge). PostgreSQL: one multi-row INSERT per batch, or COPY.
 */
final class BareInserts {
    private static final String COLUMNS = "gateway, seq, ts, priority, type, payload, received_at, received_by, flag";

    enum Way { PREPARED_BATCH, MULTI_ROW_INSERT, COPY }

    private BareInserts() {
    }

    /** Rows per second for the flood of {@code perGateway} events on each of {@code gateways}. */
    static double run(Connection c, Way way, List<String> gateways, int perGateway, int perTransaction)
            throws SQLException, java.io.IOException {
        List<List<EventBatch.Event>> batches = FloodGateways.batches(FloodGateways.backlog(perGateway));
        c.setAutoCommit(false);
        long rows = 0;
        long start = System.nanoTime();
        int inTransaction = 0;
        long now = System.currentTimeMillis();
        for (List<EventBatch.Event> batch : batches) {
            for (String gateway : gateways) {
                switch (way) {
                    case PREPARED_BATCH -> prepared(c, gateway, batch, now);
                    case MULTI_ROW_INSERT -> multiRow(c, gateway, batch, now);
                    case COPY -> copy(c, gateway, batch, now);
                }
                rows += batch.size();
                if (++inTransaction == perTransaction) {
                    c.commit();
                    inTransaction = 0;
                }
            }
        }
        c.commit();
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** A new store of the bridge's schema, opened by the bridge's own code, then a bare connection to it. */
    static Connection fresh(ParkConfig.Store store) throws SQLException, java.io.IOException {
        ParkDatabase.Opened opened = ParkDatabase.open(store, "floor");
        if (!(opened instanceof ParkDatabase.Opened.Ok ok)) {
            throw new IllegalStateException(opened.toString());
        }
        ok.database().close();
        if (store instanceof ParkConfig.Store.Sqlite sqlite) {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite.file());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
            }
            return c;
        }
        ParkConfig.Store.Postgres pg = (ParkConfig.Store.Postgres) store;
        return DriverManager.getConnection(pg.url(), pg.user(), java.nio.file.Files.readAllLines(pg.passwordFile()).get(0));
    }

    private static void prepared(Connection c, String gateway, List<EventBatch.Event> batch, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EventBatch.Event e : batch) {
                ps.setString(1, gateway);
                ps.setLong(2, e.seq());
                ps.setLong(3, e.ts());
                ps.setString(4, e.priority().name());
                ps.setString(5, e.type());
                ps.setString(6, e.payload());
                ps.setLong(7, now);
                ps.setString(8, "floor");
                ps.setString(9, null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void multiRow(Connection c, String gateway, List<EventBatch.Event> batch, long now) throws SQLException {
        String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (" + COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(batch.size(), row)))) {
            int at = 1;
            for (EventBatch.Event e : batch) {
                ps.setString(at++, gateway);
                ps.setLong(at++, e.seq());
                ps.setLong(at++, e.ts());
                ps.setString(at++, e.priority().name());
                ps.setString(at++, e.type());
                ps.setString(at++, e.payload());
                ps.setLong(at++, now);
                ps.setString(at++, "floor");
                ps.setString(at++, null);
            }
            ps.executeUpdate();
        }
    }

    private static void copy(Connection c, String gateway, List<EventBatch.Event> batch, long now)
            throws SQLException, java.io.IOException {
        StringBuilder text = new StringBuilder();
        for (EventBatch.Event e : batch) {
            text.append(gateway).append('\t').append(e.seq()).append('\t').append(e.ts()).append('\t').append(e.priority().name())
                    .append('\t').append(e.type()).append('\t').append(e.payload().replace("\\", "\\\\")).append('\t')
                    .append(now).append("\tfloor\t\\N\n");
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY event (" + COLUMNS + ") FROM STDIN", new StringReader(text.toString()));
    }
}
