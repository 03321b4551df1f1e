package org.anju.agent.occupancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.agent.event.EventLog;
import org.anju.agent.occupancy.Occupancy.Direction;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OccupancyStore;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.testing.MutableClock;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The building's count on a real SQLite file: it survives a restart with the turnstile's
 * counters, is reconciled at the site's hour on a moved clock, and the roll travels only in a fire.
 */
class SiteOccupancyTest {
    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    // 03:50 in Shanghai
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T19:50:00Z"));
    private GatewayDatabase database;
    private Outbox outbox;
    private OccupancyStore store;
    private SiteOccupancy occupancy;

    @AfterEach
    void close() {
        stop();
        vertx.close();
    }

    private Site site() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-t3, gpio: mock, dataDir: data, timeZone: Asia/Shanghai}
                park: {id: p, broker: tcp://park.invalid:1883}
                buses: [{id: lobby, port: /dev/ttyUSB0, devices: [{id: lane, profile: anju-ref-turnstile, address: 20}]}]
                gates: [{id: lobby-gate, building: T3, device: lane, entryReader: {profile: wiegand-26-reader}, exitButton: {pin: 22}}]
                occupancy: {reconcileAt: "04:00", reconcileTo: identified}
                alarmInputs: [{id: fire-panel, kind: fire-panel, pin: 23}]
                """);
        LoadResult loaded = SiteLoader.load(file);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) loaded).site();
    }

    private void start() throws Exception {
        database = ((OpenResult.Opened) GatewayDatabase.open(dir.resolve("gateway.db"))).database();
        outbox = new Outbox(database, clock);
        store = new OccupancyStore(database);
        occupancy = SiteOccupancy.start(vertx, site(), store, new EventLog(outbox, vertx), clock);
    }

    private void stop() {
        if (occupancy != null) {
            occupancy.close();
            store.close();
            outbox.close();
            database.close();
            occupancy = null;
        }
    }

    private List<JsonObject> events(String type, int atLeast) {
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.after(0, 10_000).join().stream()
                .filter(e -> e.type().equals(type)).count() >= atLeast);
        return outbox.after(0, 10_000).join().stream().filter(e -> e.type().equals(type)).map(OutboxEvent::payload)
                .map(JsonObject::new).toList();
    }

    @Test
    void theCountAndTheTurnstilesCountersSurviveARestart() throws Exception {
        start();
        occupancy.passage("lobby-gate", "T3", Direction.IN, Optional.of("t-li"), "card", 1, 0);
        occupancy.passage("lobby-gate", "T3", Direction.IN, Optional.empty(), "unopened", 2, 0);
        occupancy.passage("lobby-gate", "T3", Direction.IN, Optional.of("t-wang"), "card", 3, 0);
        occupancy.passage("lobby-gate", "T3", Direction.OUT, Optional.of("t-wang"), "card", 3, 1);
        assertThat(events("gate.passage", 4)).extracting(e -> e.getInteger("inside")).containsExactly(1, 2, 3, 2);
        stop();

        start();
        assertThat(occupancy.count("T3")).isEqualTo(2);
        assertThat(occupancy.isInside("T3", "t-li")).isTrue();
        assertThat(occupancy.isInside("T3", "t-wang")).isFalse();
        assertThat(occupancy.counters("lobby-gate")).hasValueSatisfying(c -> assertThat(c).containsExactly(3, 1));
    }

    @Test
    void theCountIsReconciledOnceAtTheSitesHourLocalTime() throws Exception {
        start();
        occupancy.passage("lobby-gate", "T3", Direction.IN, Optional.of("t-li"), "card", 1, 0);
        occupancy.passage("lobby-gate", "T3", Direction.IN, Optional.empty(), "unopened", 2, 0);
        occupancy.tick();
        assertThat(occupancy.count("T3")).as("not 04:00 yet").isEqualTo(2);
        clock.advance(Duration.ofMinutes(10));
        occupancy.tick();
        occupancy.tick();
        assertThat(occupancy.count("T3")).isEqualTo(1);
        assertThat(events("occupancy.reconciled", 1)).singleElement().satisfies(e -> {
            assertThat(e.getInteger("before")).isEqualTo(2);
            assertThat(e.getInteger("after")).isEqualTo(1);
            assertThat(e.getString("mode")).isEqualTo("identified");
        });
        stop();
        start();
        occupancy.tick();
        assertThat(occupancy.count("T3")).isEqualTo(1);
        assertThat(events("occupancy.reconciled", 1)).as("once, across the restart").hasSize(1);
    }

    @Test
    void theRollTravelsOnlyDuringAFireAndTheParkIsToldToForgetIt() throws Exception {
        start();
        occupancy.passage("lobby-gate", "T3", Direction.IN, Optional.of("t-li"), "card", 1, 0);
        assertThat(occupancy.view()).singleElement().satisfies(v -> assertThat(v.roll()).isEmpty());
        occupancy.fire("fire-panel", true);
        assertThat(events("occupancy.roll", 1)).singleElement().satisfies(r -> {
            assertThat(r.getBoolean("fire")).isTrue();
            assertThat(r.getJsonArray("tenants").getJsonObject(0).getString("tenant")).isEqualTo("t-li");
        });
        assertThat(occupancy.view()).singleElement().satisfies(v -> assertThat(v.roll()).hasSize(1));
        occupancy.passage("lobby-gate", "T3", Direction.OUT, Optional.of("t-li"), "card", 1, 1);
        clock.advance(SiteOccupancy.ROLL_EVERY);
        occupancy.tick();
        assertThat(events("occupancy.roll", 2).get(1).getJsonArray("tenants")).isEmpty();
        occupancy.fire("fire-panel", false);
        assertThat(events("occupancy.roll", 3).get(2)).isEqualTo(new JsonObject()
                .put("building", "T3").put("fire", false).put("inside", 0).put("unidentified", 0).put("tenants", new io.vertx.core.json.JsonArray()));
    }
}
