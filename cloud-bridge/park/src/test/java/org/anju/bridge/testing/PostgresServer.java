package org.anju.bridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.live.PostgresFanout;
import org.anju.bridge.park.store.ParkDatabase;


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

    /** The park store on database {@code anju}, as a bridge's configuration names it (its password file in {@code folder}). */
    public ParkConfig.Store.Postgres parkStore(Path folder) throws IOException {
        return new ParkConfig.Store.Postgres(jdbcUrl(), user(), passwordFile(folder));
    }

    /** The park's schema made in database {@code anju}, as a bridge's first start makes it. */
    public void createParkSchema(Path folder) throws IOException {
        try (ParkDatabase schema = ((ParkDatabase.Opened.Ok) ParkDatabase.open(parkStore(folder), "schema")).database()) {
            if (schema.dialect() != ParkDatabase.Dialect.POSTGRES) {
                throw new IllegalStateException("the park store opened as " + schema.dialect());
            }
        }
    }

    /** Where a live fan-out connects to reach this server, as the same user. */
    public PostgresFanout.Target fanoutTarget(Path folder) throws IOException {
        return new PostgresFanout.Target(jdbcUrl(), user(), Files.readString(passwordFile(folder)).strip());
    }

    /** A connection to database {@code anju}, as the bridges' user: to look, or to hold a lock as another instance would. */
    public Connection connect() throws SQLException {
        return server.connect("anju");
    }

    /** What a query of one number answers in database {@code anju}. */
    public long count(String sql) throws SQLException {
        return Long.parseLong(value(sql));
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
