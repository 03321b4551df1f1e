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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.Priority;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.MutableClock;
import org.anju.bridge.testing.ParkClient;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * The park's broker gone for a day, the agent as a process: a day of a building's events waits
 * in its outbox (a reading of 40 ports every two minutes, the doors' comings and goings, a few
 * alarms), and while the broker is still down tenants open doors and an overloaded port is cut by
 * the gateway on its own. When the broker returns, the backlog drains whole, in order within each
 * priority, the urgent ones ahead of the readings, no faster than the site's drain rate.
 */
@Tag("peer")
@Tag("process")
@Tag("wire")
class BrokerOutageDayTest {
    private static final Topics GATEWAY = new Topics("test-park", "gw-outage");
    private static final int DRAIN_RATE = 4_000;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDayWithoutTheBrokerDrainsWholeInOrderAtTheDrainRateWhileDoorsAndCutsWentOn() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).persistent().start());
        ParkClient park = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, true));
        org.anju.bridge.testing.Uplinks.writeParkKey(dir);
        broker.stop(); // the outage: the park's session waits in the broker's saved state

        TcpSerialServer board = closer.keep(TcpSerialServer.onFreeLoopbackPort(new LockBoardSimulator(1)));
        PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
        TcpSerialServer pileLine = closer.keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(1)));
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-outage, gpio: mock, dataDir: data}
                park: {id: test-park, broker: %s, drainRate: %d, commandKeys: [{id: park-test, file: park-test.pub.pem}]}
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
                chargingAreas:
                  - {id: shed, piles: [pile-1]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri(), DRAIN_RATE, board.port(), pileLine.port()));
        int dayEvents = fillWithADay(dir.resolve("data"));

        AgentProcess agent = closer.keep(AgentProcess.start(site));
        for (int i = 0; i < 20; i++) {
            assertThat(open(agent.apiPort(), "o-" + i)).as("open %d with the broker down", i).isEqualTo("opened");
        }
        pile.plugIn(3, Bike.TYPICAL);
        pile.switchRelay(3, true);
        pile.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> types(dir.resolve("data/gateway.db")).contains("charging.session_started"));
        pile.overload(3, 700); // over the profile's 800 W, under the firmware's own limit
        pile.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> !pile.port(3).relayClosed());
        assertThat(pile.port(3).cutReason()).as("cut by the gateway, with nobody to ask").isEqualTo(CutReason.REMOTE);
        assertThat(park.ledger().size()).as("nothing got out during the outage").isZero();

        long committed = lastSeq(dir.resolve("data/gateway.db"));
        long back = System.nanoTime();
        broker.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> java.util.stream.LongStream.rangeClosed(1, committed)
                .allMatch(park.ledger()::has));
        double seconds = (System.nanoTime() - back) / 1e9;

        for (long seq = 1; seq <= committed; seq++) {
            assertThat(park.ledger().has(seq)).as("seq %d", seq).isTrue();
        }
        for (Priority p : Priority.values()) {
            assertThat(park.ledger().firstArrivals(p)).as("%s in order", p).isSorted();
        }
        List<EventBatch.Event> arrival = park.ledger().arrivalOrder();
        int lastUrgent = lastIndex(arrival, e -> e.priority() == Priority.ALARM || e.priority() == Priority.ACCESS);
        assertThat(lastUrgent).as("alarms and access events came ahead of the day's readings")
                .isLessThan(arrival.size() - dayEvents / 2);
        assertThat(arrival).anyMatch(e -> e.type().equals("alarm.raised"));
        // the rate limit allows a burst of one second's worth, then DRAIN_RATE a second
        assertThat(seconds).as("%d events drained; the site allows %d a second", committed, DRAIN_RATE)
                .isGreaterThanOrEqualTo((committed - DRAIN_RATE) / (double) DRAIN_RATE * 0.95);
        assertThat(park.invalid()).isEmpty();
    }

    /** A day of a building's events, stamped across the day: readings, door events and a few alarms. */
    private static int fillWithADay(Path data) throws Exception {
        Files.createDirectories(data);
        MutableClock day = new MutableClock(Instant.parse("2026-11-24T16:00:00Z"));
        List<CompletableFuture<?>> appended = new ArrayList<>();
        try (GatewayDatabase db = ((OpenResult.Opened) GatewayDatabase.open(data.resolve("gateway.db"))).database();
             Outbox outbox = new Outbox(db, day)) {
            for (int minute = 0; minute < 24 * 60; minute += 2, day.advance(Duration.ofMinutes(2))) {
                for (int port = 1; port <= 40; port++) {
                    appended.add(outbox.append(new OutboxEvent.New(Priority.TELEMETRY, "port.reading",
                            "{\"pile\":\"pile-" + (1 + port / 10) + "\",\"port\":" + (1 + port % 10) + ",\"minute\":" + minute + "}")));
                }
                if (minute % 6 == 0) {
                    appended.add(outbox.append(new OutboxEvent.New(Priority.ACCESS, "door.access_granted",
                            "{\"door\":\"room-101\",\"minute\":" + minute + "}")));
                }
                if (minute % 240 == 0) {
                    appended.add(outbox.append(new OutboxEvent.New(Priority.ALARM, "alarm.raised",
                            "{\"minute\":" + minute + "}")));
                }
                CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).join();
            }
        }
        return appended.size();
    }

    private String open(int apiPort, String id) throws Exception {
        String token = Files.readString(dir.resolve("data/api.token")).trim();
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/commands"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("id", id).put("kind", "door.open")
                        .put("door", "room-101").encode())).build(), HttpResponse.BodyHandlers.ofString());
        return new JsonObject(reply.body()).getString("result");
    }

    private static List<String> types(Path file) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT type FROM outbox")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        return types;
    }

    private static long lastSeq(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             ResultSet rs = c.createStatement().executeQuery("SELECT max(seq) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int lastIndex(List<EventBatch.Event> events, java.util.function.Predicate<EventBatch.Event> which) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (which.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
