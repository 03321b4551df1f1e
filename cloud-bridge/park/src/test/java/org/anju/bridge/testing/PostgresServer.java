package org.anju.bridge.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;


/**
 * A real PostgreSQL server for tests ({@link LocalPostgres}, without fsync): Debian's postgresql
 * package, {@code initdb} in a new folder, listening on loopback on a free port; database
 * {@code anju} owned by user {@code anju}. {@link #close()} stops it and removes its folder.
 */
public final class PostgresServer implements AutoCloseable {
    private final LocalPostgres server;

    private PostgresServer(LocalPostgres server) {
        this.server = server;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        return new PostgresServer(LocalPostgres.start(false));
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    /** A new, empty database; its JDBC URL. */
    public String createDatabase(String name) throws IOException, InterruptedException {
        return server.createDatabase(name);
    }

    public String user() {
        return server.user();
    }

    /** A file holding the password, as the bridge's configuration names it. */
    public Path passwordFile(Path folder) throws IOException {
        return server.passwordFile(folder);
    }

    /** What a query of one value answers in database {@code anju} (its first row's first column), as text; null for none. */
    public String value(String sql) throws SQLException {
        try (Connection c = server.connect("anju"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
