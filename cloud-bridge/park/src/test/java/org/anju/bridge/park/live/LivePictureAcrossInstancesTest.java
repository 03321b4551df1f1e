package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.ConsoleFeed;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;

/**
 * Two bridge instances of one park on one PostgreSQL: an officer's console connected to instance
 * A is shown every gateway's alarm and readings, whichever instance stored them (the shared
 * subscription gives B about half the readings; both hear every alarm and the first to store it
 * is the one that announces it), each alarm once. When the instances lose their LISTEN
 * connection, their consoles are told to read the state again and the instances say so until
 * they listen again.
 */
@Tag("peer")
@Tag("wire")
class LivePictureAcrossInstancesTest {
    private static final int GATEWAYS = 12;
    private static final int PORTS = 4;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private ParkBridge instance(String name, String brokerUri, PostgresServer pg) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        String keys = TestPark.keys(home).replace("commandKeyId: k1", "commandKeyId: " + Uplinks.PARK_KEY_ID);
        Files.writeString(home.resolve("command.pem"), Ed25519Keys.toPem(Uplinks.PARK_KEY.getPrivate()));
        Files.writeString(home.resolve("gateway.pub.pem"), Ed25519Keys.toPem(Uplinks.GATEWAY_KEY.getPublic()));
        pg.passwordFile(home);
        StringBuilder buildings = new StringBuilder();
        for (int g = 1; g <= GATEWAYS; g++) {
            buildings.append(g == 1 ? "" : ", ").append("{id: b").append(g).append(", gateway: ").append(gateway(g))
                    .append(", gatewayKeyFile: gateway.pub.pem}");
        }
        Path yaml = Files.writeString(home.resolve("park.yaml"), """
                park: huaqiao
                instance: %s
                broker: {uri: "%s"}
                store: {postgres: {url: "%s", user: %s, passwordFile: pg-password}}
                http: {port: 0}
                %sbuildings: [%s]
                """.formatted(name, brokerUri, pg.jdbcUrl(), pg.user(), keys, buildings));
        var loaded = ParkConfigLoader.load(yaml);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(ParkConfigLoader.Result.Loaded.class);
        var started = ParkBridge.start(((ParkConfigLoader.Result.Loaded) loaded).config(), Clock.systemUTC(), 10_000);
        assertThat(started).as(started.toString()).isInstanceOf(ParkBridge.Start.Started.class);
        return closer.keep(((ParkBridge.Start.Started) started).bridge());
    }

    private static String gateway(int g) {
        return String.format("gw-%02d", g);
    }

    @Test
    void aConsoleAtOneInstanceSeesWhatTheOtherStored() throws Exception {
        PostgresServer pg = closer.keep(PostgresServer.start());
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge a = instance("bridge-a", broker.uri(), pg);
        ParkBridge b = instance("bridge-b", broker.uri(), pg);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.brokerConnected() && b.brokerConnected()
                && ready(a) && ready(b));
        ConsoleFeed console = closer.keep(ConsoleFeed.open(a.port()));

        Map<String, Map<Integer, Long>> lastEnergy = new HashMap<>();
        for (int g = 1; g <= GATEWAYS; g++) {
            Topics topics = new Topics("huaqiao", gateway(g));
            Map<Integer, Long> last = new HashMap<>();
            List<EventBatch> batches = new ArrayList<>();
            batches.add(EventBatch.of(topics, 1, 0, 1_000, List.of(new EventBatch.Event(1, 1_000, Priority.ALARM, "alarm.raised",
                    "{\"alarm\":{\"id\":\"fire-" + g + "\",\"kind\":\"SMOKE\",\"severity\":\"FIRE\",\"source\":\"pile-1\","
                            + "\"detail\":\"smoke at pile-1\"}}"))));
            batches.addAll(SignedBatches.readings(topics, 1, 2, PORTS, PORTS, last));
            lastEnergy.put(gateway(g), last);
            SignedBatches.publish(broker.uri(), gateway(g), topics, batches);
        }
        long expected = GATEWAYS * (1L + 2 * PORTS);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(pg, "SELECT COUNT(*) FROM event") == expected);
        Set<String> storers = new TreeSet<>();
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password(pg)); var s = c.createStatement();
             var rs = s.executeQuery("SELECT DISTINCT received_by FROM event")) {
            while (rs.next()) {
                storers.add(rs.getString(1));
            }
        }
        assertThat(storers).as("both instances stored some of it").containsExactly("bridge-a", "bridge-b");

        // every alarm once, and every port's latest reading, on the console of A
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsoleFeed.Event> seen = console.events();
            for (int g = 1; g <= GATEWAYS; g++) {
                String gw = gateway(g);
                assertThat(seen.stream().filter(e -> e.kind().equals("alarm") && gw.equals(e.data().getString("gateway"))))
                        .as("%s's fire alarm on A's console", gw).hasSize(1);
                lastEnergy.get(gw).forEach((port, energy) -> assertThat(seen).as("%s port %d's last reading", gw, port)
                        .anyMatch(e -> e.kind().equals("port") && gw.equals(e.data().getString("gateway"))
                                && e.data().getJsonObject("payload").getInteger("port").equals(port)
                                && e.data().getJsonObject("payload").getLong("energyWh").equals(energy)));
            }
        });

        // the LISTEN connections cut by the database: each console is told to read the state again
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password(pg)); var s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> console.events().stream().anyMatch(e -> e.kind().equals("resync")));
        await().atMost(Duration.ofSeconds(20)).until(() -> ready(a) && ready(b));
        SignedBatches.publish(broker.uri(), gateway(1), new Topics("huaqiao", gateway(1)), List.of(EventBatch.of(
                new Topics("huaqiao", gateway(1)), 1, 0, 2_000, List.of(new EventBatch.Event(1 + 2 * PORTS + 1, 2_000,
                        Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"fire-again\",\"kind\":\"SMOKE\",\"severity\":\"FIRE\","
                                + "\"source\":\"pile-2\",\"detail\":\"smoke at pile-2\"}}")))));
        await().atMost(Duration.ofSeconds(20)).until(() -> console.events().stream().anyMatch(e -> e.kind().equals("alarm")
                && e.data().getJsonObject("payload").getJsonObject("alarm").getString("id").equals("fire-again")));
    }

    /** What the instance's /health says: ready, every connection up, the fan-out's included. */
    private static boolean ready(ParkBridge bridge) throws Exception {
        return new io.vertx.core.json.JsonObject(TestPark.call(bridge.port(), "GET", "/health", null, null).body())
                .getBoolean("ready");
    }

    private String password(PostgresServer pg) throws Exception {
        return Files.readString(dir.resolve("bridge-a").resolve("pg-password")).strip();
    }

    private long count(PostgresServer pg, String sql) throws Exception {
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password(pg)); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
