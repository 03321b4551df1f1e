package org.anju.bridge.park.store;

import java.nio.file.Path;
import java.sql.DriverManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.testing.PostgresServer;
import org.junit.jupiter.api.Tag;

/** The park store on a real PostgreSQL server, as several bridge instances use it. */
@Tag("peer")
class PostgresStoreTest extends StoreContract {
    private static PostgresServer server;
    @TempDir
    static Path shared;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    ParkConfig.Store emptyStore() throws Exception {
        Path password = server.passwordFile(shared);
        String secret = java.nio.file.Files.readString(password).strip();
        try (var c = DriverManager.getConnection(server.jdbcUrl(), server.user(), secret); var s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return new ParkConfig.Store.Postgres(server.jdbcUrl(), server.user(), password);
    }
}
