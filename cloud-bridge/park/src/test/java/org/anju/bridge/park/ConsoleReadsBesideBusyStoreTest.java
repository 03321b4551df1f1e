package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.ConsoleFeed;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * In a park's drain the store's general lane is busy (a thousand gateways' births and roster
 * states); a fire officer's console must still be answered: who she is, the ports, the alarms,
 * who acknowledged them. Here the general lane is held outright while she asks.
 */
@Tag("wire")
class ConsoleReadsBesideBusyStoreTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void anOfficersPagesAreAnsweredWhileTheStoresGeneralLaneIsBusy() throws Exception {
        ParkBridge bridge = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b1, gateway: gw-1, areas: [{id: shed, piles: [pile-1]}]}
                """, Clock.systemUTC()));
        IngestStore ingest = new IngestStore(bridge.database(), "test");
        ingest.store(new EventBatch(Contract.VERSION, "p1", "gw-1", 1, 0, 1, List.of(new EventBatch.Event(1, 1_000,
                Priority.TELEMETRY, "port.reading", "{\"pile\":\"pile-1\",\"port\":1,\"state\":\"Charging\",\"voltageV\":220.0,"
                        + "\"currentA\":1.0,\"powerW\":180,\"energyWh\":1,\"sessionSeconds\":1}"))), Believed.standard()).join();
        ingest.store(new EventBatch(Contract.VERSION, "p1", "gw-1", 1, 0, 1, List.of(new EventBatch.Event(2, 1_100,
                Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"a1\",\"kind\":\"SMOKE\",\"severity\":\"CRITICAL\","
                        + "\"source\":\"pile-1\",\"detail\":\"smoke\"}}"))), Believed.standard()).join();
        String token = TestPark.adminToken(bridge.port());

        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> busy = bridge.database().run(c -> {
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        try {
            HttpResponse<String> ports = TestPark.call(bridge.port(), "GET", "/api/v1/ports?building=b1", token, null);
            HttpResponse<String> alarms = TestPark.call(bridge.port(), "GET", "/api/v1/alarms", token, null);

            assertThat(ports.statusCode()).as(ports.body()).isEqualTo(200);
            assertThat(new JsonObject(ports.body()).getJsonArray("ports").getJsonObject(0).getInteger("powerW")).isEqualTo(180);
            assertThat(alarms.statusCode()).as(alarms.body()).isEqualTo(200);
            assertThat(new JsonObject(alarms.body()).getJsonArray("alarms").getJsonObject(0).getString("id")).isEqualTo("a1");
            assertThat(busy).as("the general lane was held all along").isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(busy.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * An officer who signs in and opens her console while a drain keeps the general lane's queue
     * full (two hundred units of work of 50 ms each here, as births and roster states come) is live
     * before that queue is done: her session and her stream's ticket go ahead of the queued work,
     * and what her stream missed is read beside it. Until it is read, the stream holds every alarm.
     */
    @Test
    void anOfficerSigningInDuringADrainIsLiveBeforeTheGeneralLanesQueueIsDone() throws Exception {
        ParkBridge bridge = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b1, gateway: gw-1}
                """, Clock.systemUTC()));
        int queued = 200;
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean drained = new java.util.concurrent.atomic.AtomicBoolean();
        List<CompletableFuture<Integer>> work = new java.util.ArrayList<>();
        for (int i = 0; i < queued; i++) {
            work.add(bridge.database().run(c -> {
                if (!drained.get()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // a unit's work
                }
                return done.incrementAndGet();
            }));
        }
        ConsoleFeed console = closer.keep(ConsoleFeed.open(bridge.port()));
        await().atMost(Duration.ofSeconds(30)).until(() -> console.events().stream().anyMatch(e -> e.kind().equals("live")));
        assertThat(done.get()).as("units of the general lane's queue done when her console was live").isLessThan(queued);
        drained.set(true); // the rest of the drain's work at once
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
}
