package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.ConsoleFeed;
import org.anju.bridge.testing.MissedNews;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * Port readings and the consoles, through Mosquitto and the live stream as a console reads it:
 * with no console connected nothing is built for the feed (GET /health says so); a console is
 * sent far fewer readings than arrive, never a port's older reading after a newer one, and each
 * port's latest always; once it has gone, nothing is built again. A console that comes back with
 * the id it saw last is sent what the park stored meanwhile (its SQLite store), in order, each
 * once, then the live feed.
 */
@Tag("peer")
@Tag("wire")
class ConsoleStreamTest {
    private static final Topics GW = new Topics("huaqiao", "gw-b07");
    private static final int PORTS = 10;
    private static final int BATCHES = 40;
    private static final int EVENTS_PER_BATCH = 20;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private long seq;
    private MosquittoBroker broker;

    @Test
    void readingsAreBuiltOnlyForAListeningConsoleThinnedInOrderAndTheLatestAlways() throws Exception {
        ParkBridge bridge = bridgeOnItsBroker();

        publishReadings(broker);
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.ingest().storedEvents() == seq);
        assertThat(consoles(bridge)).as("nobody listening: nothing built for the feed")
                .isEqualTo(new JsonObject().put("listening", 0).put("sent", 0).put("notShown", 0));

        Map<Integer, Long> latest;
        try (ConsoleFeed console = ConsoleFeed.open(bridge.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> consoles(bridge).getInteger("listening") == 1);
            latest = publishReadings(broker);
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.ingest().storedEvents() == seq);
            await().atMost(Duration.ofSeconds(10)).until(() -> latest.entrySet().stream().allMatch(last -> energies(console, last.getKey())
                    .contains(last.getValue())));
            long readings = (long) BATCHES * EVENTS_PER_BATCH;
            List<ConsoleFeed.Event> ports = console.events().stream().filter(e -> e.kind().equals("port")).toList();
            assertThat(ports.size()).as("a console gets a port's latest, not every reading").isLessThan((int) readings / 10);
            for (int port = 1; port <= PORTS; port++) {
                assertThat(energies(console, port)).as("port %d: never an older reading after a newer one", port).isSorted()
                        .last().isEqualTo(latest.get(port));
            }
            assertThat(ports.get(0).data().getJsonObject("payload").fieldNames()).as("the reading as the gateway wrote it")
                    .contains("pile", "port", "state", "voltageV", "currentA", "powerW", "energyWh", "sessionSeconds");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> consoles(bridge).getInteger("listening") == 0);
        long sent = consoles(bridge).getLong("sent");
        assertThat(sent).isPositive();
        publishReadings(broker);
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.ingest().storedEvents() == seq);
        assertThat(consoles(bridge).getLong("sent")).as("the console has gone: nothing built again").isEqualTo(sent);
    }

    /**
     * A gateway back after an outage sends the morning's door events with its backlog: stored as
     * history, not streamed as news (in a park's drain tens of thousands of them would queue on a
     * console's event loop ahead of the next alarm); a door opening now still is.
     */
    @Test
    void aBacklogOfDoorEventsIsHistoryNotLiveNews() throws Exception {
        ParkBridge bridge = bridgeOnItsBroker();
        try (ConsoleFeed console = ConsoleFeed.open(bridge.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> consoles(bridge).getInteger("listening") == 1);
            long now = System.currentTimeMillis();
            long morning = now - Duration.ofHours(3).toMillis();
            SignedBatches.publish(broker.uri(), "gw-b07", GW, List.of(
                    EventBatch.of(GW, 1, 0, now, List.of(door(1, morning), door(2, morning + 1_000))),
                    EventBatch.of(GW, 1, 0, now, List.of(door(3, now - 1_000)))));
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.ingest().storedEvents() == 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> console.events().stream().anyMatch(e -> e.kind().equals("door")));
            assertThat(console.events().stream().filter(e -> e.kind().equals("door")).map(e -> e.data().getLong("seq")))
                    .as("the door opened now, not the morning's").containsExactly(3L);
        }
    }

    /**
     * A gateway's alarm with numbers where the console reads text (signed, but its payload held to no
     * schema): shown with what can be read, and the next alarm after it too. It stopped every console's
     * news on SQLite until a restart, and the officer's list of alarms.
     */
    @Test
    void anAlarmWithNumbersWhereTextBelongsStopsNothing() throws Exception {
        ParkBridge bridge = bridgeOnItsBroker();
        try (ConsoleFeed console = ConsoleFeed.open(bridge.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> consoles(bridge).getInteger("listening") == 1);
            long now = System.currentTimeMillis();
            SignedBatches.publish(broker.uri(), "gw-b07", GW, List.of(EventBatch.of(GW, 1, 0, now, List.of(
                    alarm(1, now, "{\"alarm\":{\"id\":\"odd-1\",\"kind\":\"OVERHEAT\",\"severity\":3,\"source\":5,"
                            + "\"detail\":[\"hot\"],\"cause\":\"71 C\"}}"),
                    alarm(2, now, "{\"alarm\":{\"id\":\"smoke-2\",\"kind\":\"SMOKE\",\"severity\":\"FIRE\","
                            + "\"source\":\"pile-1\",\"detail\":\"smoke at pile-1\"}}")))));
            await().atMost(Duration.ofSeconds(30)).until(() -> console.events().stream().anyMatch(e -> e.kind().equals("alarm")
                    && e.id() != null && "smoke-2".equals(e.data().getJsonObject("view").getString("id"))));
            assertThat(console.events().stream().filter(e -> e.kind().equals("alarm") && e.id() != null)
                    .map(e -> e.data().getJsonObject("view").getString("id"))).containsExactly("odd-1", "smoke-2");
            assertThat(consoles(bridge).getLong("notShown")).isZero();
            var alarms = TestPark.call(bridge.port(), "GET", "/api/v1/alarms", TestPark.adminToken(bridge.port()), null);
            assertThat(alarms.statusCode()).as("the officer's list of alarms").isEqualTo(200);
            assertThat(new JsonObject(alarms.body()).getJsonArray("alarms")).hasSize(2);
        }
    }

    private static EventBatch.Event alarm(long seq, long ts, String payload) {
        return new EventBatch.Event(seq, ts, org.anju.bridge.contract.Priority.ALARM, "alarm.raised", payload);
    }

    @Test
    void aConsoleThatComesBackIsSentWhatItMissedOnceInOrderFromTheStore() throws Exception {
        ParkBridge bridge = bridgeOnItsBroker();
        long now = System.currentTimeMillis();
        ConsoleFeed away = closer.keep(ConsoleFeed.open(bridge.port()));
        SignedBatches.publish(broker.uri(), "gw-b07", GW, List.of(EventBatch.of(GW, 1, 0, now, List.of(door(1, now)))));
        await().atMost(Duration.ofSeconds(20)).until(() -> away.events().stream().anyMatch(e -> e.kind().equals("door")));
        long last = away.lastId();
        away.close();

        SignedBatches.publish(broker.uri(), "gw-b07", GW, MissedNews.batches(GW, 2, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.ingest().storedEvents() == 1 + MissedNews.EVENTS);
        ConsoleFeed back = closer.keep(ConsoleFeed.open(bridge.port(), last));
        await().atMost(Duration.ofSeconds(20)).until(() -> back.events().stream().anyMatch(e -> e.kind().equals("live")));
        List<ConsoleFeed.Event> replayed = LivePictureAcrossInstancesTest.before(back, "live");
        assertThat(replayed.stream().map(ConsoleFeed.Event::id).toList()).as("numbered on from the last seen, none twice")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(last + 1, last + MissedNews.EVENTS).boxed().toList());
        assertThat(replayed.stream().map(MissedNews::of).toList()).containsExactlyInAnyOrderElementsOf(MissedNews.shown("gw-b07", 2));

        SignedBatches.publish(broker.uri(), "gw-b07", GW, List.of(EventBatch.of(GW, 1, 0, now,
                List.of(door(2 + MissedNews.EVENTS, System.currentTimeMillis())))));
        await().atMost(Duration.ofSeconds(20)).until(() -> back.lastId() == last + MissedNews.EVENTS + 1);
        assertThat(back.events().stream().filter(e -> e.id() != null && e.id() > last + MissedNews.EVENTS).map(MissedNews::of))
                .as("then live: the next door, once").containsExactly(new MissedNews.Shown("door", "gw-b07", 2 + MissedNews.EVENTS));

        ConsoleFeed unknown = closer.keep(ConsoleFeed.open(bridge.port(), last + 1_000));
        await().atMost(Duration.ofSeconds(20)).until(() -> unknown.events().stream().anyMatch(e -> e.kind().equals("live")));
        assertThat(LivePictureAcrossInstancesTest.before(unknown, "live")).as("an id the park never had: read the state again")
                .extracting(ConsoleFeed.Event::kind).containsExactly("resync");
    }

    /** A bridge for building 7 on a Mosquitto of its own ({@link #broker}), connected. */
    private ParkBridge bridgeOnItsBroker() throws Exception {
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge bridge = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\"",
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}]"));
        await().atMost(Duration.ofSeconds(20)).until(bridge::brokerConnected);
        return bridge;
    }

    private static EventBatch.Event door(long seq, long ts) {
        return new EventBatch.Event(seq, ts, org.anju.bridge.contract.Priority.ACCESS, "door.access_granted",
                "{\"door\":\"entrance\",\"via\":\"card\"}");
    }

    /** Publishes readings of ports 1 to 10 after those before; returns each port's last energy counter. */
    private Map<Integer, Long> publishReadings(MosquittoBroker broker) throws Exception {
        Map<Integer, Long> last = new HashMap<>();
        List<EventBatch> batches = SignedBatches.readings(GW, seq, BATCHES, EVENTS_PER_BATCH, PORTS, last);
        seq += (long) BATCHES * EVENTS_PER_BATCH;
        SignedBatches.publish(broker.uri(), "gw-b07", GW, batches);
        return last;
    }

    private static List<Long> energies(ConsoleFeed console, int port) {
        return console.events().stream().filter(e -> e.kind().equals("port")).map(e -> e.data().getJsonObject("payload"))
                .filter(p -> p.getInteger("port") == port).map(p -> p.getLong("energyWh")).toList();
    }

    private static JsonObject consoles(ParkBridge bridge) throws Exception {
        return new JsonObject(TestPark.call(bridge.port(), "GET", "/health", null, null).body()).getJsonObject("consoles");
    }
}
