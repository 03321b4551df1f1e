package org.anju.bridge.park.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.EventBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    @Override
    java.sql.Connection connect(ParkConfig.Store store) throws Exception {
        ParkConfig.Store.Postgres pg = (ParkConfig.Store.Postgres) store;
        return DriverManager.getConnection(pg.url(), pg.user(), java.nio.file.Files.readString(pg.passwordFile()).strip());
    }

    @Test
    void twoInstancesStoringTheSameEventsAtOnceCountEachOnce() {
        ParkDatabase.Opened opened = ParkDatabase.open(store, "other");
        assertThat(opened).as(opened.toString()).isInstanceOf(ParkDatabase.Opened.Ok.class);
        try (ParkDatabase otherDb = ((ParkDatabase.Opened.Ok) opened).database()) {
            IngestStore other = new IngestStore(otherDb, "other");
            List<CompletableFuture<IngestStore.Stored>> all = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                // windows of ten seqs each overlapping the one before by five, and one seq far beyond to hold
                long[] seqs = new long[11];
                for (int i = 0; i < 10; i++) {
                    seqs[i] = 5L * k + 1 + i;
                }
                seqs[10] = 4_000_000 + k / 4;
                EventBatch batch = batch(k % 2 == 0 ? "gw-1" : "gw-2", 0, seqs);
                all.add(ingest.store(batch, B));
                all.add(other.store(batch, B));
            }
            all.forEach(CompletableFuture::join);
        }
        assertThat(ingest.gateways().join()).extracting(g -> g.id() + " " + g.events() + " stored " + g.held() + " held")
                .containsExactly("gw-1 200 stored 10 held", "gw-2 200 stored 10 held");
        assertThat(ingest.sequences("gw-1").join()).hasSize(200);
    }
}
