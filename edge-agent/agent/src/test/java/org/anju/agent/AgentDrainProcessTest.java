package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Priority;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;

/**
 * The agent killed with SIGKILL while it drains a backlog to a real Mosquitto, and started again:
 * the park receives every event, deduplicated by sequence number, alarms before telemetry, and the
 * gateway ends with nothing unacknowledged.
 */
@Tag("peer")
@Tag("process")
class AgentDrainProcessTest {
    private static final int BACKLOG = 6_000;
    private static final Topics GATEWAY = new Topics("test-park", "gw-drain");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void aBacklogInterruptedBySigkillArrivesWholeOnceTheAgentIsBack() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        org.anju.bridge.testing.Uplinks.writeParkKey(dir);
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                gateway: {id: gw-drain, gpio: mock, dataDir: data}
                park: {id: test-park, broker: %s, drainRate: 1500, commandKeys: [{id: park-test, file: park-test.pub.pem}]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri()));
        fillOutbox(dir.resolve("data"), BACKLOG);

        AgentProcess first = closer.keep(AgentProcess.start(site));
        await().atMost(Duration.ofSeconds(60)).until(() -> park.ledger().size() >= 1_000);
        first.kill();
        int beforeKill = park.ledger().size();
        assertThat(beforeKill).as("killed mid-drain").isLessThan(BACKLOG);

        closer.keep(AgentProcess.start(site));
        await().atMost(Duration.ofSeconds(90)).until(() -> park.ledger().size() == BACKLOG);
        for (long seq = 1; seq <= BACKLOG; seq++) {
            assertThat(park.ledger().has(seq)).as("seq %d", seq).isTrue();
        }
        // at least once: what was in flight at the kill may come twice, never more than the window
        assertThat(park.ledger().duplicates()).isLessThan(16 * 200 + 1);
        List<Long> alarms = park.ledger().firstArrivals(Priority.ALARM);
        List<Long> telemetry = park.ledger().firstArrivals(Priority.TELEMETRY);
        assertThat(alarms).isSorted();
        assertThat(telemetry).isSorted();
        assertThat(park.invalid()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> unacknowledged(site) == 0);
    }

    /** A backlog left by an outage: one alarm in ten, the rest telemetry. */
    private static void fillOutbox(Path data, int events) throws Exception {
        Files.createDirectories(data);
        try (GatewayDatabase db = ((OpenResult.Opened) GatewayDatabase.open(data.resolve("gateway.db"))).database();
             Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            List<CompletableFuture<?>> appended = new ArrayList<>();
            for (int i = 1; i <= events; i++) {
                boolean alarm = i % 10 == 0;
                appended.add(outbox.append(new OutboxEvent.New(alarm ? Priority.ALARM : Priority.TELEMETRY,
                        alarm ? "alarm.raised" : "port.reading", "{\"n\":" + i + "}")));
            }
            CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** How many events the gateway still has to send, read from its file while it runs (WAL lets a reader in). */
    private static long unacknowledged(Path site) throws Exception {
        Path file = site.resolveSibling("data").resolve("gateway.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE acked = 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
