package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
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

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.ConsoleFeed;
import org.anju.bridge.testing.MissedNews;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;

/**
 * Two bridge instances of one park on one PostgreSQL: an officer's console connected to instance
 * A is shown every gateway's alarm and readings, whichever instance stored them (the shared
 * subscription gives B about half the readings; both hear every alarm and the first to store it
 * is the one that announces it), each alarm once. When the instances lose their LISTEN
 * connection, their consoles are told to read the state again and the instances say so until
 * they listen again. A console that goes away from A and comes back to B with the id it saw last
 * is sent what both stored meanwhile, from the store, in order, each once, then the live feed; one
 * that was away longer than is sent again reads the state again.
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
        StringBuilder buildings = new StringBuilder();
        for (int g = 1; g <= GATEWAYS; g++) {
            buildings.append(g == 1 ? "[" : ", ").append("{id: b").append(g).append(", gateway: ").append(gateway(g))
                    .append(", gatewayKeyFile: gateway.pub.pem}");
        }
        return closer.keep(TestPark.onPostgres(dir.resolve(name), name, brokerUri, pg, buildings.append("]").toString()));
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
        Set<String> storers = storers(pg, "");
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

    @Test
    void aConsoleThatComesBackToTheOtherInstanceIsSentWhatItMissedOnceInOrder() throws Exception {
        PostgresServer pg = closer.keep(PostgresServer.start());
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge a = instance("bridge-a", broker.uri(), pg);
        ParkBridge b = instance("bridge-b", broker.uri(), pg);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.brokerConnected() && b.brokerConnected() && ready(a) && ready(b));
        long now = System.currentTimeMillis();

        // a console at A sees each gateway's first alarm, then goes away
        ConsoleFeed away = closer.keep(ConsoleFeed.open(a.port()));
        for (int g = 1; g <= GATEWAYS; g++) {
            Topics topics = new Topics("huaqiao", gateway(g));
            SignedBatches.publish(broker.uri(), gateway(g), topics, List.of(EventBatch.of(topics, 1, 0, now, List.of(
                    new EventBatch.Event(1, now, Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"fire-" + g
                            + "\",\"kind\":\"SMOKE\",\"severity\":\"FIRE\",\"source\":\"pile-1\",\"detail\":\"smoke\"}}")))));
        }
        // (raised now, so each may come first unnumbered, shown ahead of the news before it; the numbered copy is the news)
        await().atMost(Duration.ofSeconds(30)).until(() -> away.events().stream()
                .filter(e -> e.kind().equals("alarm") && e.id() != null).count() == GATEWAYS);
        assertThat(away.events().stream().filter(e -> e.kind().equals("alarm") && e.id() != null).map(ConsoleFeed.Event::id))
                .as("each alarm numbered, in order").isSorted().doesNotHaveDuplicates();
        long last = away.lastId();
        away.close();

        // meanwhile every gateway raises and acknowledges an alarm, opens a door, completes a command, faults a port
        List<MissedNews.Shown> missed = new ArrayList<>();
        for (int g = 1; g <= GATEWAYS; g++) {
            Topics topics = new Topics("huaqiao", gateway(g));
            SignedBatches.publish(broker.uri(), gateway(g), topics, MissedNews.batches(topics, 2, now));
            missed.addAll(MissedNews.shown(gateway(g), 2));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(pg, "SELECT COUNT(*) FROM event") == GATEWAYS * (1L + MissedNews.EVENTS)
                && count(pg, "SELECT MAX(id) FROM live_news") == last + missed.size());
        Set<String> storers = storers(pg, " WHERE seq > 1");
        assertThat(storers).as("both instances stored some of what was missed").containsExactly("bridge-a", "bridge-b");

        // back, at B: exactly what was missed, once each, in order, then the live feed
        ConsoleFeed back = closer.keep(ConsoleFeed.open(b.port(), last));
        await().atMost(Duration.ofSeconds(20)).until(() -> back.events().stream().anyMatch(e -> e.kind().equals("live")));
        List<ConsoleFeed.Event> replayed = before(back, "live");
        assertThat(replayed).as("no resync: all of it is sent again").noneMatch(e -> e.kind().equals("resync"));
        assertThat(replayed.stream().map(ConsoleFeed.Event::id).toList()).as("numbered on from the last seen, none twice, none left out")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(last + 1, last + missed.size()).boxed().toList());
        assertThat(replayed.stream().map(MissedNews::of).toList()).containsExactlyInAnyOrderElementsOf(missed);
        assertThat(replayed.stream().filter(e -> e.kind().equals("alarm"))).as("alarms shown as alarms")
                .allMatch(e -> e.data().getJsonObject("view") != null && e.data().getJsonObject("view").getString("severity").equals("FIRE"));
        assertThat(back.events().stream().filter(e -> e.kind().equals("live")).findFirst().orElseThrow().id())
                .as("the stream is at the last one sent").isEqualTo(last + missed.size());

        // and the next alarm, whichever instance stores it, comes live, numbered after them
        Topics first = new Topics("huaqiao", gateway(1));
        SignedBatches.publish(broker.uri(), gateway(1), first, List.of(EventBatch.of(first, 1, 0, now, List.of(
                new EventBatch.Event(2 + MissedNews.EVENTS, now, Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"fire-next\","
                        + "\"kind\":\"SMOKE\",\"severity\":\"FIRE\",\"source\":\"pile-2\",\"detail\":\"smoke\"}}")))));
        await().atMost(Duration.ofSeconds(20)).until(() -> back.events().stream().anyMatch(e -> e.kind().equals("alarm")
                && e.data().getLong("seq") == 2 + MissedNews.EVENTS));
        List<ConsoleFeed.Event> all = back.events();
        List<ConsoleFeed.Event> after = all.subList(all.indexOf(all.stream().filter(e -> e.kind().equals("live")).findFirst()
                .orElseThrow()) + 1, all.size()).stream().filter(e -> e.id() != null).toList();
        assertThat(after).as("live after the replay: only the new one").hasSize(1)
                .allMatch(e -> e.id() == last + missed.size() + 1);

        // away longer than is sent again (the first it missed stored two hours ago), or an id the park never had: resync
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password(pg)); var s = c.createStatement()) {
            s.execute("UPDATE live_news SET at = at - 7200000 WHERE id <= " + (last + 1));
        }
        for (long stale : new long[] {last, last + 10_000}) {
            ConsoleFeed late = closer.keep(ConsoleFeed.open(a.port(), stale));
            await().atMost(Duration.ofSeconds(20)).until(() -> late.events().stream().anyMatch(e -> e.kind().equals("live")));
            assertThat(before(late, "live")).as("after=%d: read the state again, nothing sent again", stale)
                    .extracting(ConsoleFeed.Event::kind).containsExactly("resync");
            assertThat(late.lastId()).as("and goes on from the latest").isEqualTo(last + missed.size() + 1);
        }
        var malformed = TestPark.call(a.port(), "GET", "/api/v1/stream?ticket=x&after=12ab", null, null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(new io.vertx.core.json.JsonObject(malformed.body()).getString("code")).isEqualTo("console.stream.afterMalformed");
    }

    /** What a console was sent before the first event of {@code kind}, but for readings (not news). */
    static List<ConsoleFeed.Event> before(ConsoleFeed console, String kind) {
        List<ConsoleFeed.Event> out = new ArrayList<>();
        for (ConsoleFeed.Event e : console.events()) {
            if (e.kind().equals(kind)) {
                return out;
            }
            if (!e.kind().equals("port") || e.id() != null) {
                out.add(e);
            }
        }
        throw new AssertionError("no " + kind + " event in " + console.events());
    }

    /** What the instance's /health says: ready, every connection up, the fan-out's included. */
    private static boolean ready(ParkBridge bridge) throws Exception {
        return new io.vertx.core.json.JsonObject(TestPark.call(bridge.port(), "GET", "/health", null, null).body())
                .getBoolean("ready");
    }

    private String password(PostgresServer pg) throws Exception {
        return Files.readString(dir.resolve("bridge-a").resolve("pg-password")).strip();
    }

    /** The instances that stored the events {@code where} says. */
    private Set<String> storers(PostgresServer pg, String where) throws Exception {
        Set<String> storers = new TreeSet<>();
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password(pg)); var s = c.createStatement();
             var rs = s.executeQuery("SELECT DISTINCT received_by FROM event" + where)) {
            while (rs.next()) {
                storers.add(rs.getString(1));
            }
        }
        return storers;
    }

    private long count(PostgresServer pg, String sql) throws Exception {
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password(pg)); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
