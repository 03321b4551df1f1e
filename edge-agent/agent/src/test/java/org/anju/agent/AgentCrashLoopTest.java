package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * The agent as a process, killed with SIGKILL twenty times at random moments while tenants open
 * doors and four e-bikes charge on a pile, then started once more: the park, behind a real
 * Mosquitto, holds every event the gateway committed exactly once (after dedupe by sequence) with
 * the payload the gateway stored; the SQLite file passes {@code PRAGMA integrity_check}; and every
 * charging session is reported started once, ended at most once, and never open twice on a port.
 */
@Tag("peer")
@Tag("process")
@Tag("wire")
class AgentCrashLoopTest {
    private static final int KILLS = 20;
    private static final Topics GATEWAY = new Topics("test-park", "gw-crash");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random();

    @Test
    void twentySigkillsLoseNothingDoubleNothingAndLeaveAHealthyFile() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        org.anju.bridge.testing.Uplinks.writeParkKey(dir);
        TcpSerialServer board = closer.keep(TcpSerialServer.onFreeLoopbackPort(new LockBoardSimulator(1)));
        PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
        for (int port = 1; port <= 4; port++) {
            pile.plugIn(port, Bike.TYPICAL);
            pile.switchRelay(port, true); // started at the pile, as a tenant's card would
        }
        TcpSerialServer pileLine = closer.keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(1)));
        // the bikes charge on while the gateway is down: ten simulated seconds a real second
        ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();
        closer.keep(time::shutdownNow);
        time.scheduleAtFixedRate(() -> pile.advance(Duration.ofSeconds(1)), 100, 100, TimeUnit.MILLISECONDS);
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-crash, gpio: mock, dataDir: data}
                park: {id: test-park, broker: %s, drainRate: 5000, commandKeys: [{id: park-test, file: park-test.pub.pem}]}
                buses:
                  - id: locks
                    port: tcp://127.0.0.1:%d
                    devices: [{id: board-1, profile: lockboard-8a-16, address: 1}]
                  - id: piles
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]
                doors:
                  - {id: room-101, building: "7", floor: "1", room: "101", lock: {lockBoard: {device: board-1, channel: 1}}}
                  - {id: room-102, building: "7", floor: "1", room: "102", lock: {lockBoard: {device: board-1, channel: 2}}}
                chargingAreas:
                  - {id: shed, piles: [pile-1]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri(), board.port(), pileLine.port()));

        AtomicInteger opened = new AtomicInteger();
        for (int kill = 0; kill < KILLS; kill++) {
            AgentProcess agent = closer.keep(AgentProcess.start(site));
            AtomicBoolean alive = new AtomicBoolean(true);
            Thread tenants = new Thread(() -> openDoors(agent.apiPort(), alive, opened), "tenants");
            tenants.setDaemon(true);
            tenants.start();
            // a random moment: after a few more opens, so the kill lands amid door events, commits and drains
            int target = opened.get() + 1 + random.nextInt(6);
            await().atMost(Duration.ofSeconds(60)).until(() -> opened.get() >= target || !tenants.isAlive());
            if (kill == 0) {
                // the first run lasts until the charges are sessions, so every later kill lands on sessions to resume
                await().atMost(Duration.ofSeconds(60)).until(() -> park.ledger().arrivalOrder().stream()
                        .filter(e -> e.type().equals("charging.session_started")).count() >= 4);
            }
            agent.kill();
            alive.set(false);
            tenants.join(10_000);
        }
        time.shutdownNow();

        AgentProcess last = closer.keep(AgentProcess.start(site));
        Path file = dir.resolve("data/gateway.db");
        Map<Long, String[]> committed = outbox(file);
        await().atMost(Duration.ofSeconds(90)).until(() -> committed.keySet().stream().allMatch(park.ledger()::has));
        last.kill();

        Map<Long, String[]> all = outbox(file);
        assertThat(opened.get()).as("doors opened across the runs").isGreaterThanOrEqualTo(KILLS);
        for (Map.Entry<Long, String[]> row : committed.entrySet()) {
            EventBatch.Event arrived = park.ledger().event(row.getKey());
            assertThat(arrived.type()).as("type of seq %d", row.getKey()).isEqualTo(row.getValue()[0]);
            assertThat(arrived.payload()).as("payload of seq %d", row.getKey()).isEqualTo(row.getValue()[1]);
        }
        for (EventBatch.Event e : park.ledger().arrivalOrder()) {
            assertThat(all).as("the park holds seq %d, which the gateway never committed", e.seq()).containsKey(e.seq());
        }
        assertThat(park.invalid()).isEmpty();
        assertThat(integrityCheck(file)).isEqualTo("ok");
        assertSessionsWhole(file, park);
    }

    /** Opens the two doors in turn until the agent is gone. */
    private void openDoors(int apiPort, AtomicBoolean alive, AtomicInteger opened) {
        try {
            String token = Files.readString(dir.resolve("data/api.token")).trim();
            for (int i = 0; alive.get(); i++) {
                HttpRequest open = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/commands"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("id", "o-" + System.nanoTime())
                                .put("kind", "door.open").put("door", i % 2 == 0 ? "room-101" : "room-102").encode()))
                        .build();
                HttpResponse<String> reply = http.send(open, HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && "opened".equals(new JsonObject(reply.body()).getString("result"))) {
                    opened.incrementAndGet();
                }
            }
        } catch (Exception killed) {
            // the agent died under the request: this run is over
        }
    }

    /** seq -> {type, payload} of every event in the gateway's file (WAL lets a reader in while it runs). */
    private static Map<Long, String[]> outbox(Path file) throws Exception {
        Map<Long, String[]> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             ResultSet rs = c.createStatement().executeQuery("SELECT seq, type, payload FROM outbox")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return rows;
    }

    private static String integrityCheck(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return String.join("\n", lines);
        }
    }

    /** Each stored session reached the park as started once; none is open twice on a port; energy never runs backwards. */
    private static void assertSessionsWhole(Path file, ParkClient park) throws Exception {
        Map<String, Integer> started = new HashMap<>();
        Map<String, Integer> ended = new HashMap<>();
        for (EventBatch.Event e : park.ledger().arrivalOrder()) {
            if (e.type().equals("charging.session_started") || e.type().equals("charging.session_ended")) {
                String id = new JsonObject(e.payload()).getJsonObject("session").getString("sessionId");
                (e.type().endsWith("started") ? started : ended).merge(id, 1, Integer::sum);
            }
        }
        List<String> sessions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT session_key, energy_wh, ended FROM charging_session")) {
                while (rs.next()) {
                    sessions.add(rs.getString(1));
                    assertThat(rs.getLong(2)).as("energy of %s", rs.getString(1)).isNotNegative();
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT pile, port, count(*) FROM charging_session WHERE ended IS NULL GROUP BY pile, port HAVING count(*) > 1")) {
                assertThat(rs.next()).as("a port with two open sessions").isFalse();
            }
        }
        assertThat(sessions).as("sessions recorded").isNotEmpty();
        for (String id : sessions) {
            assertThat(started.getOrDefault(id, 0)).as("session %s reported started", id).isEqualTo(1);
            assertThat(ended.getOrDefault(id, 0)).as("session %s reported ended", id).isLessThanOrEqualTo(1);
        }
        assertThat(started.keySet()).as("the park knows of no session the gateway lost").isSubsetOf(sessions);
    }
}
