package org.anju.bridge.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.bridge.command.CommandChannel;
import org.anju.bridge.command.CommandHandler;
import org.anju.bridge.command.CommandOutcome;
import org.anju.bridge.command.CommandVerifier;
import org.anju.bridge.command.FileNonceStore;
import org.anju.bridge.command.NonceCache;
import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.park.ingest.Receipts;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.uplink.CredentialSource;
import org.anju.bridge.uplink.Backoff;
import org.anju.bridge.uplink.DrainSettings;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.uplink.OutboxSource;
import org.anju.bridge.uplink.UplinkConfig;
import org.anju.bridge.uplink.UplinkEvent;
import org.anju.bridge.uplink.UplinkStatus;

/**
 * {@code anju bench uplink [EVENTS [COMMANDS [ROUNDS]]]}: starts Mosquitto on a free loopback port, then in one run
 * <ol>
 *   <li>the floor: a bare Paho MQTT 5 QoS 1 loop (the uplink's client library) publishing the very
 *       signed batch payloads the uplink sends, with the same in-flight window, nothing else;</li>
 *   <li>for scale: the same with Paho's MQTT 3.1.1 client, and one message per event;</li>
 *   <li>the uplink draining a backlog of EVENTS events (default 100,000) from an outbox in memory
 *       (the disk is {@code anju bench store}'s subject), priority-ordered, each batch signed, each
 *       event recorded as delivered when a receipt from a stand-in park (it decodes each batch and
 *       confirms it through the bridge's own {@code Receipts}, storing nothing) names it;</li>
 *   <li>the added latency of a signed command from the broker to the agent's handler (signature
 *       check, nonce fsync, dispatch), against a bare Paho subscriber of the same message.</li>
 * </ol>
 */
public final class DrainBenchmark {
    private static final Topics GATEWAY = new Topics("bench-park", "gw-1");
    private static final DrainSettings DRAIN = new DrainSettings(16, 200, 128 * 1024, 0);
    private static final KeyPair GATEWAY_KEY = Ed25519Keys.generate();
    private static final KeyPair PARK_KEY = Ed25519Keys.generate();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("anju-bench-uplink");
        BenchReport report = new BenchReport("uplink");
        try (BenchBroker broker = BenchBroker.start(dir, "")) {
            System.out.printf("uplink benchmark: %d events to Mosquitto %s on %s, window %d, batches of up to %d%n",
                    events, broker.version(), broker.uri(), DRAIN.maxInflight(), DRAIN.maxBatchEvents());
            List<UplinkEvent> backlog = backlog(events);

            List<byte[]> batches = batchPayloads(backlog);
            List<byte[]> singles = new ArrayList<>(backlog.size());
            for (UplinkEvent e : backlog) {
                singles.add(e.payload().getBytes(StandardCharsets.UTF_8));
            }
            // untimed rounds warm the JIT (it takes a while on a small machine); then timed rounds
            // alternate between the floor and the uplink, and the medians are reported
            for (int warm = 0; warm < Math.min(3, rounds); warm++) {
                barePaho5(broker, batches);
                drain(broker, backlog);
            }
            double[] floor = new double[rounds];
            double[] floor3 = new double[rounds];
            double[] drained = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                floor[r] = events / barePaho5(broker, batches);
                floor3[r] = events / barePaho(broker, batches, "bench-floor");
                drained[r] = events / drain(broker, backlog);
            }
            double single = events / barePaho(broker, singles, "bench-single");
            Samples floorRounds = Samples.of(floor);
            Samples floor3Rounds = Samples.of(floor3);
            Samples drainRounds = Samples.of(drained);
            System.out.printf("  floor  bare Paho MQTT 5 QoS 1, the same %d signed batch messages: %10.0f events/s  %s%n",
                    batches.size(), floorRounds.median(), rounds(floor));
            System.out.printf("  scale  bare Paho MQTT 3.1.1 QoS 1, the same messages:             %10.0f events/s  %s%n",
                    floor3Rounds.median(), rounds(floor3));
            System.out.printf("  scale  bare Paho MQTT 3.1.1 QoS 1, one message per event:         %10.0f events/s%n", single);
            System.out.printf("  anju   uplink drain, signed, delivered on the park's signed receipts: %10.0f events/s  %s,"
                    + " %.0f%% of the floor%n", drainRounds.median(), rounds(drained),
                    100 * drainRounds.median() / floorRounds.median());
            System.out.printf("         connecting took %.0f ms, not counted (Paho 1.2.5 sleeps 3 x 100 ms waiting for its own threads)%n",
                    lastConnectMillis);
            System.out.printf("         (the default rate limit, %.0f events/s per gateway, drains this backlog in %.0f s)%n",
                    DrainSettings.standard().maxEventsPerSecond(), events / DrainSettings.standard().maxEventsPerSecond());
            report.add("drain", "events/s", BenchReport.Better.HIGHER, drainRounds, floorRounds,
                    "bare Paho MQTT 5 QoS 1 publishing the same signed batches");

            commandLatency(broker, dir, commands, report);
        }
        report.finish();
    }

    /** 1% alarms, 15% access, 4% state, 80% telemetry, with payloads of realistic size. */
    static List<UplinkEvent> backlog(int n) {
        List<UplinkEvent> events = new ArrayList<>(n);
        long ts = 1_773_561_600_000L;
        for (int i = 1; i <= n; i++) {
            int kind = i % 100;
            Priority p;
            String type;
            String payload;
            if (kind == 0) {
                p = Priority.ALARM;
                type = "alarm.overcurrent";
                payload = "{\"pile\":\"pile-3\",\"port\":" + (i % 10 + 1) + ",\"powerW\":1240,\"limitW\":1000,\"cut\":true}";
            } else if (kind <= 15) {
                p = Priority.ACCESS;
                type = "door.access";
                payload = "{\"door\":\"entrance-1\",\"result\":\"granted\",\"credential\":\"card\",\"tenant\":\"t-" + (i % 977) + "\"}";
            } else if (kind <= 19) {
                p = Priority.STATE;
                type = "charging.session_started";
                payload = "{\"pile\":\"pile-3\",\"port\":" + (i % 10 + 1) + ",\"tenant\":\"t-" + (i % 977) + "\",\"meterWh\":" + i + "}";
            } else {
                p = Priority.TELEMETRY;
                type = "port.reading";
                payload = "{\"pile\":\"pile-" + (i % 17) + "\",\"port\":" + (i % 10 + 1) + ",\"state\":\"Charging\",\"voltageV\":221.3,"
                        + "\"currentA\":1.52,\"powerW\":336,\"energyWh\":" + i + ",\"sessionSeconds\":1800}";
            }
            events.add(new UplinkEvent(i, ts + i * 100L, p, type, payload));
        }
        return events;
    }

    /** The batch messages the uplink would send for this backlog, in its order. */
    static List<byte[]> batchPayloads(List<UplinkEvent> backlog) {
        List<UplinkEvent> ordered = new ArrayList<>(backlog);
        ordered.sort((a, b) -> a.priority() != b.priority() ? a.priority().compareTo(b.priority())
                : Long.compare(a.seq(), b.seq()));
        List<byte[]> batches = new ArrayList<>();
        List<EventBatch.Event> current = new ArrayList<>();
        Priority priority = null;
        for (UplinkEvent e : ordered) {
            if (!current.isEmpty() && (e.priority() != priority || current.size() == DRAIN.maxBatchEvents())) {
                batches.add(SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(GATEWAY, 1, 0, 0, current), GATEWAY_KEY.getPrivate()));
                current = new ArrayList<>();
            }
            priority = e.priority();
            current.add(new EventBatch.Event(e.seq(), e.timestampMillis(), e.priority(), e.type(), e.payload()));
        }
        if (!current.isEmpty()) {
            batches.add(SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(GATEWAY, 1, 0, 0, current), GATEWAY_KEY.getPrivate()));
        }
        return batches;
    }

    private static String rounds(double[] values) {
        StringBuilder b = new StringBuilder("(rounds:");
        for (double v : values) {
            b.append(' ').append(Math.round(v / 1000)).append('k');
        }
        return b.append(')').toString();
    }

    /** Seconds for a bare Paho client to publish {@code messages} at QoS 1 with the uplink's window. */
    static double barePaho(BenchBroker broker, List<byte[]> messages, String clientId) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(DRAIN.maxInflight() + 32);
        client.connect(options).waitForCompletion(10_000);
        Semaphore window = new Semaphore(DRAIN.maxInflight());
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong acked = new AtomicLong();
        IMqttActionListener listener = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
                if (acked.incrementAndGet() == messages.size()) {
                    done.complete(null);
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
        long start = System.nanoTime();
        for (byte[] m : messages) {
            window.acquire();
            client.publish(GATEWAY.events(), m, 1, false, null, listener);
        }
        done.get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return seconds;
    }

    /** Seconds for a bare Paho MQTT 5 client (the uplink's library) to publish {@code messages} at QoS 1 with the uplink's window. */
    static double barePaho5(BenchBroker broker, List<byte[]> messages) throws Exception {
        MqttSession session = new Paho5().connect(spec(broker, "bench-floor5"), NO_MESSAGES).get(10, TimeUnit.SECONDS);
        Semaphore window = new Semaphore(DRAIN.maxInflight());
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong acked = new AtomicLong();
        long start = System.nanoTime();
        for (byte[] m : messages) {
            window.acquire();
            session.publish(GATEWAY.events(), m, false, 0).whenComplete((o, e) -> {
                window.release();
                if (e != null) {
                    done.completeExceptionally(e);
                } else if (acked.incrementAndGet() == messages.size()) {
                    done.complete(null);
                }
            });
        }
        done.get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        session.disconnect().get(5, TimeUnit.SECONDS);
        return seconds;
    }

    private static final MqttSession.Listener NO_MESSAGES = new MqttSession.Listener() {
        @Override
        public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
        }

        @Override
        public void lost(String reason) {
        }
    };

    private static ConnectSpec spec(BenchBroker broker, String clientId) {
        return new ConnectSpec(broker.uri(), clientId, new CredentialSource.None(), null, true, 0, 30, 10, 1000, null, false,
                Map.of());
    }

    /**
     * The park's end as much as the drain needs: stores nothing, and confirms every batch it decodes
     * through the bridge's own {@link Receipts} (gathered per 20 ms, signed with the park key).
     */
    static MqttSession receiptPark(BenchBroker broker) throws Exception {
        java.util.concurrent.atomic.AtomicReference<MqttSession> self = new java.util.concurrent.atomic.AtomicReference<>();
        Receipts receipts = new Receipts(GATEWAY.park(), "park", PARK_KEY.getPrivate(), Clock.systemUTC());
        receipts.attach((topic, payload, expiry) -> self.get().publish(topic, payload, false, expiry));
        MqttSession park = new Paho5().connect(spec(broker, "bench-park-receipts"), new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
                byte[] json = SignedJson.unsigned(payload);
                if (ContractJson.decode(json, EventBatch.class) instanceof Decoded.Ok<EventBatch> ok) {
                    receipts.send(GATEWAY.gateway(), 0, ok.value().events().stream().map(EventBatch.Event::seq).toList());
                }
            }

            @Override
            public void lost(String reason) {
            }
        }).get(10, TimeUnit.SECONDS);
        self.set(park);
        park.subscribe(List.of(GATEWAY.events(), GATEWAY.telemetry())).get(10, TimeUnit.SECONDS);
        return park;
    }

    private static double lastConnectMillis;

    /**
     * Seconds for the uplink to drain {@code backlog}, from the moment it is connected until the
     * outbox holds nothing unacknowledged (the floor's client, too, is connected before its clock
     * starts). The connection time is kept apart in {@link #lastConnectMillis}.
     */
    static double drain(BenchBroker broker, List<UplinkEvent> backlog) throws Exception {
        MqttSession park = receiptPark(broker);
        try (MemoryOutbox outbox = new MemoryOutbox(backlog)) {
            outbox.hold();
            AtomicLong sessions = new AtomicLong();
            long started = System.nanoTime();
            GatewayUplink uplink = GatewayUplink.builder(config(broker)).outbox(outbox).identity(GATEWAY_KEY)
                    .parkKeys(Map.of("park", PARK_KEY.getPublic())).sessions(sessions::incrementAndGet).start();
            while (uplink.status().link() != UplinkStatus.Link.CONNECTED) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            long start = System.nanoTime();
            lastConnectMillis = (start - started) / 1e6;
            outbox.release();
            uplink.wake();
            try {
                outbox.drained().get(5, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("not drained in 5 minutes: " + uplink.status());
            }
            double seconds = (outbox.drainedAt() - start) / 1e9;
            uplink.close();
            return seconds;
        } finally {
            park.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    private static UplinkConfig config(BenchBroker broker) {
        return UplinkConfig.of(broker.uri(), GATEWAY, "bench")
                .withBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(100), Duration.ofSeconds(1)))
                .withDrain(DRAIN);
    }

    /** A signed door.open per round, timed from the broker to the handler and to a bare subscriber. */
    static void commandLatency(BenchBroker broker, Path dir, int rounds, BenchReport report) throws Exception {
        KeyPair park = Ed25519Keys.generate();
        Map<String, Long> handled = new ConcurrentHashMap<>();
        Map<String, Long> bare = new ConcurrentHashMap<>();
        CommandHandler agent = command -> {
            handled.put(command.requestId(), System.nanoTime());
            return CompletableFuture.completedFuture(CommandOutcome.ok());
        };
        try (FileNonceStore nonces = new FileNonceStore(dir.resolve("nonces"))) {
            CommandVerifier verifier = new CommandVerifier(CommandVerifier.Settings.of(GATEWAY,
                    Map.of("park", park.getPublic())), new NonceCache(nonces, 100_000, Clock.systemUTC()), Clock.systemUTC());
            try (CommandChannel channel = new CommandChannel(verifier, agent, Clock.systemUTC());
                 MemoryOutbox outbox = new MemoryOutbox(List.of())) {
                AtomicLong sessions = new AtomicLong();
                GatewayUplink uplink = GatewayUplink.builder(config(broker)).outbox(outbox).identity(GATEWAY_KEY)
                        .sessions(sessions::incrementAndGet).commands(channel).start();
                MqttAsyncClient floor = connect(broker, "bench-bare-sub");
                floor.subscribe(GATEWAY.commands(), 1, (topic, message) -> {
                    String id = ContractJson.mapper().readTree(message.getPayload()).get("id").asText();
                    bare.put(id, System.nanoTime());
                }).waitForCompletion(5_000);
                MqttAsyncClient parkClient = connect(broker, "bench-park");
                while (uplink.status().link() != UplinkStatus.Link.CONNECTED) {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
                TimeUnit.MILLISECONDS.sleep(200); // subscriptions settle

                CommandSigner signer = new CommandSigner("park", park.getPrivate(), Clock.systemUTC());
                long[] toHandler = new long[rounds];
                long[] toBare = new long[rounds];
                long[] added = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    byte[] payload = ContractJson.encode(signer.sign(GATEWAY, "cmd-" + i,
                            new CommandBody.DoorOpen("entrance-1", "t-8f3a"), Duration.ofSeconds(30)));
                    String id = "cmd-" + i;
                    long sent = System.nanoTime();
                    parkClient.publish(GATEWAY.commands(), payload, 1, false);
                    while (!handled.containsKey(id) || !bare.containsKey(id)) {
                        Thread.onSpinWait();
                    }
                    toHandler[i] = handled.get(id) - sent;
                    toBare[i] = bare.get(id) - sent;
                    added[i] = toHandler[i] - toBare[i];
                }
                int skip = Math.min(rounds / 5, 50); // JIT warm-up
                Samples bareMs = Samples.millis(toBare, skip);
                Samples handlerMs = Samples.millis(toHandler, skip);
                Samples addedMs = Samples.millis(added, skip);
                System.out.printf("  command: publish -> bare Paho subscriber     median %6.2f ms  p99 %6.2f ms%n",
                        bareMs.median(), bareMs.percentile(99));
                System.out.printf("  command: publish -> agent handler (verified) median %6.2f ms  p99 %6.2f ms%n",
                        handlerMs.median(), handlerMs.percentile(99));
                System.out.printf("  added by the gateway (Ed25519 check, nonce fsync, dispatch): median %.2f ms  p99 %.2f ms"
                        + "  (%d commands)%n", addedMs.median(), addedMs.percentile(99), rounds - skip);
                report.add("command.p50", "ms", BenchReport.Better.LOWER, handlerMs, bareMs,
                        "the same publish reaching a bare Paho subscriber");
                uplink.close();
                floor.disconnect().waitForCompletion(2_000);
                parkClient.disconnect().waitForCompletion(2_000);
                floor.close();
                parkClient.close();
            }
        }
    }

    private static MqttAsyncClient connect(BenchBroker broker, String id) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.uri(), id, new MemoryPersistence());
        c.connect().waitForCompletion(10_000);
        return c;
    }

    /** An outbox in memory with the real one's shape: per-priority order, answers on its own thread. */
    static final class MemoryOutbox implements OutboxSource, AutoCloseable {
        private final Map<Priority, TreeMap<Long, UplinkEvent>> unacked = new EnumMap<>(Priority.class);
        private final Map<Long, Priority> priorities = new java.util.HashMap<>();
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-outbox");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong remaining = new AtomicLong();
        private volatile boolean held;
        private final CompletableFuture<Void> drained = new CompletableFuture<>();
        private volatile long drainedAt;

        MemoryOutbox(List<UplinkEvent> events) {
            for (Priority p : Priority.values()) {
                unacked.put(p, new TreeMap<>());
            }
            events.forEach(e -> {
                unacked.get(e.priority()).put(e.seq(), e);
                priorities.put(e.seq(), e.priority());
            });
            remaining.set(events.size());
        }

        long unacknowledged() {
            return remaining.get();
        }

        /** Looks empty until {@link #release()}: the clock starts with the backlog in view. */
        void hold() {
            held = true;
        }

        void release() {
            held = false;
        }

        /** Completes when the last event is acknowledged, so the clock stops on the outbox's thread. */
        CompletableFuture<Void> drained() {
            return drained;
        }

        long drainedAt() {
            return drainedAt;
        }

        @Override
        public CompletableFuture<List<UplinkEvent>> unacknowledged(int limit) {
            if (held) {
                return CompletableFuture.completedFuture(List.of());
            }
            return CompletableFuture.supplyAsync(() -> {
                List<UplinkEvent> out = new ArrayList<>(Math.min(limit, 10_000));
                for (Priority p : Priority.values()) {
                    Iterator<UplinkEvent> it = unacked.get(p).values().iterator();
                    while (out.size() < limit && it.hasNext()) {
                        out.add(it.next());
                    }
                }
                return out;
            }, thread);
        }

        @Override
        public CompletableFuture<Integer> acknowledge(List<Long> seqs) {
            return CompletableFuture.supplyAsync(() -> {
                int n = 0;
                for (Long seq : seqs) {
                    Priority p = priorities.remove(seq);
                    if (p != null && unacked.get(p).remove(seq) != null) {
                        n++;
                    }
                }
                if (remaining.addAndGet(-n) == 0 && n > 0) {
                    drainedAt = System.nanoTime();
                    drained.complete(null);
                }
                return n;
            }, thread);
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
