package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.SignedBatches;
import org.anju.bridge.testing.TestPark;

/**
 * The broker holds a backlog many times the bridge's bound (the bridge was away while a gateway
 * published 300 batches into its session); the bridge, back, never holds more than its bound
 * unacknowledged, sampled all through the drain, reaches it while most of the backlog is still at
 * the broker, and stores every event once. Debian's Mosquitto alone would hand it far more: it
 * sends beyond the receive maximum to a client that acknowledges after it receives.
 */
@Tag("peer")
@Tag("wire")
class BoundedIntakeTest {
    private static final Topics GW = new Topics("huaqiao", "gw-b07");
    private static final int BOUND = 8;
    private static final int BATCHES = 300;
    private static final int EVENTS_PER_BATCH = 20;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private ParkBridge bridge(MosquittoBroker broker) throws Exception {
        return TestPark.onBroker(dir, "uri: \"" + broker.uri() + "\", receiveMaximum: " + BOUND,
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}]");
    }

    @Test
    void theBridgeNeverHoldsMoreThanItsBoundWhateverTheBacklog() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        try (ParkBridge first = bridge(broker)) {
            await().atMost(Duration.ofSeconds(20)).until(first::brokerConnected); // its session and subscriptions
        }
        publishBacklog(broker);

        ParkBridge bridge = closer.keep(bridge(broker));
        AtomicInteger mostSeen = new AtomicInteger();
        AtomicLong storedWhenFull = new AtomicLong(-1);
        AtomicBoolean draining = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (draining.get()) {
                int held = bridge.bulkConnection().unacknowledged();
                mostSeen.accumulateAndGet(held, Math::max);
                if (held == BOUND) {
                    storedWhenFull.compareAndSet(-1, bridge.ingest().storedEvents());
                }
                Thread.onSpinWait();
            }
        }, "intake-sampler");
        sampler.start();
        long total = (long) BATCHES * EVENTS_PER_BATCH;
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> bridge.ingest().storedEvents() == total);
        } finally {
            draining.set(false);
            sampler.join();
        }
        assertThat(mostSeen.get()).as("held unacknowledged, sampled through the drain").isLessThanOrEqualTo(BOUND);
        assertThat(bridge.bulkConnection().peakUnacknowledged()).as("the most ever held, counted by the bridge")
                .isEqualTo(BOUND);
        assertThat(storedWhenFull.get()).as("the bound was reached while the broker still held most of the backlog")
                .isBetween(0L, total / 2);
        assertThat(bridge.ingest().duplicateEvents()).isZero();
        assertThat(bridge.ingest().dropped()).isEmpty();
    }

    /** 300 signed batches for the bridge's session while it is away: readings and door events, in seq order. */
    private static void publishBacklog(MosquittoBroker broker) throws Exception {
        List<EventBatch> batches = new ArrayList<>();
        long seq = 0;
        for (int b = 0; b < BATCHES; b++) {
            boolean telemetry = b % 5 != 0;
            List<EventBatch.Event> events = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_BATCH; i++) {
                seq++;
                events.add(telemetry ? SignedBatches.reading(seq, (int) (seq % 10 + 1), seq)
                        : new EventBatch.Event(seq, 1_000 + seq, Priority.ACCESS, "door.access_granted",
                                "{\"door\":\"entrance\",\"n\":" + seq + "}"));
            }
            // sent an hour after the last of them happened, as an outage's backlog is: its door events are history
            batches.add(EventBatch.of(GW, 1, 0, 3_601_000 + seq, events));
        }
        SignedBatches.publish(broker.uri(), "gw-b07", GW, batches);
    }
}
