package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Many rows in one statement, the way each database takes them fastest: on PostgreSQL a multi-row
 * {@code VALUES} list of up to {@link #MOST_ROWS} rows, each value its own parameter, so a group of
 * batches costs a few round trips whatever its size; on SQLite, in the same process, one prepared
 * statement run for every row as a JDBC batch. Both run the same SQL around the rows
 * ({@code ON CONFLICT ...}). PostgreSQL took rows as one array a column ({@code unnest}) before:
 * one round trip, but the driver wrote every payload into the array's text character by character,
 * escaping it, and that was a tenth of the bridge's CPU in a drain.
 */
final class Bulk {
    /** A column's SQL type as PostgreSQL's arrays name it. */
    enum Type {
        TEXT("text"), BIGINT("int8"), INT("int4"), DOUBLE("float8");

        final String pg;

        Type(String pg) {
            this.pg = pg;
        }
    }

    record Column(String name, Type type) {
        static Column text(String name) {
            return new Column(name, Type.TEXT);
        }

        static Column bigint(String name) {
            return new Column(name, Type.BIGINT);
        }

        static Column integer(String name) {
            return new Column(name, Type.INT);
        }

        static Column real(String name) {
            return new Column(name, Type.DOUBLE);
        }
    }

    private Bulk() {
    }

    /** {@code INSERT INTO table (columns) <rows> tail}; nothing happens for no rows. */
    static void insert(Connection c, ParkDatabase.Dialect dialect, String table, List<Column> columns, List<Object[]> rows,
                       String tail) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (dialect == ParkDatabase.Dialect.POSTGRES) {
            for (int at = 0; at < rows.size(); ) {
                List<Object[]> chunk = rows.subList(at, at + chunk(rows.size() - at));
                try (PreparedStatement ps = c.prepareStatement(valuesInsert(table, columns, chunk.size()) + " " + tail)) {
                    bindRows(ps, columns, chunk);
                    ps.executeUpdate();
                }
                at += chunk.size();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sqliteInsert(table, columns) + " " + tail)) {
            for (Object[] row : rows) {
                bindRow(ps, columns, row, 1);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Inserts like {@link #insert} and says which rows the table took (inserted, or updated by an
     * {@code ON CONFLICT DO UPDATE} whose condition held), as the indexes of {@code rows}. The rows'
     * first {@code keyColumns} columns must tell them apart.
     */
    static Set<Integer> insertReturning(Connection c, ParkDatabase.Dialect dialect, String table, List<Column> columns,
                                        List<Object[]> rows, String tail, int keyColumns) throws SQLException {
        Set<Integer> taken = new HashSet<>();
        if (rows.isEmpty()) {
            return taken;
        }
        if (dialect == ParkDatabase.Dialect.POSTGRES) {
            List<Column> key = columns.subList(0, keyColumns);
            String returning = " RETURNING " + key.stream().map(Column::name).collect(Collectors.joining(", "));
            java.util.Map<List<Object>, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                index.put(keyOf(rows.get(i), keyColumns), i);
            }
            for (int from = 0; from < rows.size(); ) {
                List<Object[]> chunk = rows.subList(from, from + chunk(rows.size() - from));
                try (PreparedStatement ps = c.prepareStatement(valuesInsert(table, columns, chunk.size()) + " " + tail + returning)) {
                    bindRows(ps, columns, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Object[] k = new Object[keyColumns];
                            for (int i = 0; i < keyColumns; i++) {
                                k[i] = read(rs, i + 1, key.get(i).type());
                            }
                            Integer at = index.get(keyOf(k, keyColumns));
                            if (at != null) {
                                taken.add(at);
                            }
                        }
                    }
                }
                from += chunk.size();
            }
            return taken;
        }
        try (PreparedStatement ps = c.prepareStatement(sqliteInsert(table, columns) + " " + tail)) {
            for (Object[] row : rows) {
                bindRow(ps, columns, row, 1);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    taken.add(i);
                }
            }
        }
        return taken;
    }

    /**
     * {@code UPDATE table SET ... WHERE ...} once per row: {@code set} and {@code where} name the
     * row's values as {@code v.COLUMN} (e.g. {@code floor = v.floor} ... {@code id = v.id}).
     */
    static void update(Connection c, ParkDatabase.Dialect dialect, String table, List<Column> columns, List<Object[]> rows,
                       String set, String where) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (dialect == ParkDatabase.Dialect.POSTGRES) {
            String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
            for (int at = 0; at < rows.size(); ) {
                List<Object[]> chunk = rows.subList(at, at + chunk(rows.size() - at));
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + set + " FROM (VALUES "
                        + values(columns, chunk.size()) + ") AS v(" + names + ") WHERE " + where)) {
                    bindRows(ps, columns, chunk);
                    ps.executeUpdate();
                }
                at += chunk.size();
            }
            return;
        }
        // SQLite: the same statement with each v.COLUMN a parameter, run per row
        List<Integer> order = new ArrayList<>();
        String sql = "UPDATE " + table + " SET " + set + " WHERE " + where;
        StringBuilder bound = new StringBuilder();
        int at = 0;
        while (true) {
            int v = sql.indexOf("v.", at);
            while (v > 0 && (Character.isLetterOrDigit(sql.charAt(v - 1)) || sql.charAt(v - 1) == '_')) {
                v = sql.indexOf("v.", v + 2);
            }
            if (v < 0) {
                bound.append(sql.substring(at));
                break;
            }
            int end = v + 2;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            String name = sql.substring(v + 2, end);
            int column = indexOf(columns, name);
            bound.append(sql, at, v).append('?');
            order.add(column);
            at = end;
        }
        try (PreparedStatement ps = c.prepareStatement(bound.toString())) {
            for (Object[] row : rows) {
                for (int i = 0; i < order.size(); i++) {
                    bind(ps, i + 1, columns.get(order.get(i)).type(), row[order.get(i)]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    private static List<Object> keyOf(Object[] row, int keyColumns) {
        List<Object> key = new ArrayList<>(keyColumns);
        for (int i = 0; i < keyColumns; i++) {
            key.add(row[i]);
        }
        return key;
    }

    /** Rows a PostgreSQL statement takes at most: 1,024 rows of 9 columns are far below the protocol's 65,535 parameters. */
    static final int MOST_ROWS = 1_024;

    /**
     * How many of {@code left} rows the next statement takes: {@link #MOST_ROWS}, else the largest
     * power of two, so each table's statements come in at most 11 sizes, each prepared once by the server.
     */
    static int chunk(int left) {
        return left >= MOST_ROWS ? MOST_ROWS : Integer.highestOneBit(left);
    }

    private static String valuesInsert(String table, List<Column> columns, int rows) {
        return "INSERT INTO " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES " + values(columns, rows);
    }

    private static String sqliteInsert(String table, List<Column> columns) {
        return "INSERT INTO " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code (?::type, ...)} once per row: typed, so a VALUES list in a FROM clause knows its columns' types. */
    private static String values(List<Column> columns, int rows) {
        String row = columns.stream().map(col -> "?::" + col.type().pg).collect(Collectors.joining(", ", "(", ")"));
        return String.join(", ", Collections.nCopies(rows, row));
    }

    private static void bindRows(PreparedStatement ps, List<Column> columns, List<Object[]> rows) throws SQLException {
        int at = 1;
        for (Object[] row : rows) {
            bindRow(ps, columns, row, at);
            at += columns.size();
        }
    }

    private static void bindRow(PreparedStatement ps, List<Column> columns, Object[] row, int from) throws SQLException {
        for (int col = 0; col < columns.size(); col++) {
            bind(ps, from + col, columns.get(col).type(), row[col]);
        }
    }

    private static void bind(PreparedStatement ps, int at, Type type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(at, switch (type) {
                case TEXT -> Types.VARCHAR;
                case BIGINT -> Types.BIGINT;
                case INT -> Types.INTEGER;
                case DOUBLE -> Types.DOUBLE;
            });
            return;
        }
        switch (type) {
            case TEXT -> ps.setString(at, (String) value);
            case BIGINT -> ps.setLong(at, ((Number) value).longValue());
            case INT -> ps.setInt(at, ((Number) value).intValue());
            case DOUBLE -> ps.setDouble(at, ((Number) value).doubleValue());
        }
    }

    private static Object read(ResultSet rs, int at, Type type) throws SQLException {
        return switch (type) {
            case TEXT -> rs.getString(at);
            case BIGINT -> rs.getLong(at);
            case INT -> rs.getInt(at);
            case DOUBLE -> rs.getDouble(at);
        };
    }
}
