package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.CredentialSource;

/**
 * The broker holds a backlog many times the bridge's bound (the bridge was away while a gateway
 * published 300 batches into its session); the bridge, back, never holds more than its bound
 * unacknowledged, sampled all through the drain, reaches it while most of the backlog is still at
 * the broker, and stores every event once. Debian's Mosquitto alone would hand it far more: it
 * sends beyond the receive maximum to a client that acknowledges after it receives.
 */
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
        ConnectSpec spec = new ConnectSpec(broker.uri(), "gw-b07", new CredentialSource.None(), null, true, 0, 30, 10, 100,
                null, false, Map.of());
        MqttSession gateway = new Paho5().connect(spec, new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
            }

            @Override
            public void lost(String reason) {
            }
        }).get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        long seq = 0;
        for (int b = 0; b < BATCHES; b++) {
            boolean telemetry = b % 5 != 0;
            List<EventBatch.Event> events = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_BATCH; i++) {
                seq++;
                events.add(telemetry
                        ? new EventBatch.Event(seq, 1_000 + seq, Priority.TELEMETRY, "port.reading", "{\"pile\":\"pile-1\",\"port\":"
                                + (seq % 10 + 1) + ",\"state\":\"Charging\",\"voltageV\":220.0,\"currentA\":1.0,\"powerW\":"
                                + seq % 400 + ",\"energyWh\":" + seq + ",\"sessionSeconds\":60}")
                        : new EventBatch.Event(seq, 1_000 + seq, Priority.ACCESS, "door.access_granted",
                                "{\"door\":\"entrance\",\"n\":" + seq + "}"));
            }
            byte[] payload = SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(GW, 1, 0, 2_000, events),
                    Uplinks.GATEWAY_KEY.getPrivate());
            sent.add(gateway.publish(telemetry ? GW.telemetry() : GW.events(), payload, false, 0));
        }
        for (CompletableFuture<Outcome> s : sent) {
            assertThat(s.get(30, TimeUnit.SECONDS).accepted()).isTrue();
        }
        gateway.disconnect().get(5, TimeUnit.SECONDS);
    }
}
