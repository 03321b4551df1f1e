package org.anju.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.mqtt.CredentialSource;

/**
 * A park's gateways after an outage, as the contract has them speak: each with its own Ed25519
 * key (registered with the park as its building's key file), a signed retained birth, and a
 * backlog published as signed QoS 1 batches of 100 events of one priority, alarms first, then
 * access, state, telemetry, each in seq order; 4 in 5 events are a port's readings (40 ports a
 * gateway). The gateways' batches go out over a few Paho MQTT 5 connections, round robin over the
 * gateways, as a park's worth of gateways would send them at once (the broker in a benchmark lets
 * any client write any topic; the park checks each batch against its gateway's key either way).
 */
final class FloodGateways {
    static final int BATCH = 100;
    static final int PILES = 4;
    static final int PORTS = 10;
    private static final long T0 = 1_773_561_600_000L;

    private final String park;
    private final List<String> ids = new ArrayList<>();
    private final List<KeyPair> keys = new ArrayList<>();

    FloodGateways(String park, int count) {
        this.park = park;
        for (int i = 1; i <= count; i++) {
            ids.add(String.format("gw-%04d", i));
            keys.add(Ed25519Keys.generate());
        }
    }

    int count() {
        return ids.size();
    }

    List<String> ids() {
        return ids;
    }

    /** Each gateway's public key in {@code dir/gateways/ID.pub.pem}, as park.yaml names them. */
    void writeKeys(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("gateways"));
        for (int i = 0; i < ids.size(); i++) {
            Files.writeString(dir.resolve("gateways").resolve(ids.get(i) + ".pub.pem"), Ed25519Keys.toPem(keys.get(i).getPublic()));
        }
    }

    /** park.yaml's buildings: one per gateway, its key file, its charging shed of {@link #PILES} piles. */
    String buildingsYaml() {
        return buildingsYaml(PILES);
    }

    /** park.yaml's buildings: one per gateway, its key file, its charging shed of {@code piles} piles. */
    String buildingsYaml(int piles) {
        StringBuilder b = new StringBuilder("buildings:\n");
        for (String id : ids) {
            b.append("  - {id: ").append(building(id)).append(", gateway: ").append(id)
                    .append(", gatewayKeyFile: gateways/").append(id).append(".pub.pem, areas: [{id: shed, piles: [");
            for (int p = 1; p <= piles; p++) {
                b.append(p > 1 ? ", " : "").append("pile-").append(p);
            }
            b.append("]}]}\n");
        }
        return b.toString();
    }

    /** The building whose gateway is {@code gateway}, as {@link #buildingsYaml} names it. */
    static String building(String gateway) {
        return "b-" + gateway.substring(3);
    }

    /** The events of one gateway's backlog of {@code n}: 1 % alarms, 14 % access, 5 % state, 80 % readings. */
    static List<EventBatch.Event> backlog(int n) {
        return backlog(1, n);
    }

    /** The same, numbered from {@code firstSeq} (a gateway that already sent events before the outage). */
    static List<EventBatch.Event> backlog(long firstSeq, int n) {
        List<EventBatch.Event> out = new ArrayList<>(n);
        for (long seq = firstSeq; seq < firstSeq + n; seq++) {
            int kind = (int) (seq % 100);
            long ts = T0 + seq * 2_000L;
            if (kind == 0) {
                out.add(new EventBatch.Event(seq, ts, Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"pile-1/OVERLOAD/" + ts
                        + "\",\"kind\":\"OVERLOAD\",\"severity\":\"MAJOR\",\"source\":\"pile-1/" + (seq % PORTS + 1)
                        + "\",\"detail\":\"1240 W over 1000 W\",\"cause\":{\"watts\":1240}}}"));
            } else if (kind <= 14) {
                out.add(new EventBatch.Event(seq, ts, Priority.ACCESS, "door.access_granted",
                        "{\"door\":\"entrance-1\",\"credential\":\"card\",\"tenant\":\"t-" + seq % 977 + "\"}"));
            } else if (kind <= 19) {
                out.add(new EventBatch.Event(seq, ts, Priority.STATE, seq % 2 == 0 ? "door.opened" : "door.closed",
                        "{\"door\":\"entrance-1\"}"));
            } else {
                int port = (int) (seq % (PILES * PORTS));
                out.add(new EventBatch.Event(seq, ts, Priority.TELEMETRY, "port.reading", "{\"pile\":\"pile-" + (port / PORTS + 1)
                        + "\",\"port\":" + (port % PORTS + 1) + ",\"state\":\"Charging\",\"voltageV\":221.3,\"currentA\":1.52,"
                        + "\"powerW\":" + (300 + seq % 97) + ",\"energyWh\":" + seq + ",\"sessionSeconds\":" + seq % 3600 + "}"));
            }
        }
        return out;
    }

    /** A backlog's batches as the uplink drains them: by priority, then seq, at most {@link #BATCH} each. */
    static List<List<EventBatch.Event>> batches(List<EventBatch.Event> backlog) {
        List<List<EventBatch.Event>> out = new ArrayList<>();
        for (Priority p : Priority.values()) {
            List<EventBatch.Event> current = new ArrayList<>();
            for (EventBatch.Event e : backlog) {
                if (e.priority() == p) {
                    current.add(e);
                    if (current.size() == BATCH) {
                        out.add(current);
                        current = new ArrayList<>();
                    }
                }
            }
            if (!current.isEmpty()) {
                out.add(current);
            }
        }
        return out;
    }

    /**
     * When a gateway sends a batch of its backlog: when it drains, after the outage, as the uplink
     * stamps it; the events happened before, two seconds apart ({@link #backlog}).
     */
    private static long sentAt(List<EventBatch.Event> events) {
        return Math.max(System.currentTimeMillis(), events.get(events.size() - 1).ts());
    }

    /** Events per gateway for a flood of {@code total}. */
    int perGateway(int total) {
        return Math.max(1, total / ids.size());
    }

    /**
     * Publishes every gateway's retained birth and backlog of {@link #perGateway} events, signed,
     * at QoS 1, over {@code connections} connections with {@code window} publishes in flight each;
     * returns the events published once the broker took them all.
     */
    long publish(String uri, int total, int connections, int window) throws Exception {
        int n = perGateway(total);
        publish(uri, batches(backlog(n)), connections, window);
        return (long) n * ids.size();
    }

    /**
     * Publishes every gateway's retained birth, then {@code batches} as each gateway's, signed with
     * its key, at QoS 1 over {@code connections} connections with {@code window} publishes in
     * flight each; returns once the broker took them all.
     */
    void publish(String uri, List<List<EventBatch.Event>> batches, int connections, int window) throws Exception {
        List<MqttSession> sessions = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            sessions.add(connect(uri, "bench-gateways-" + c));
            windows.add(new Semaphore(window));
        }
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<CompletableFuture<Outcome>> births = new ArrayList<>();
        for (int g = 0; g < ids.size(); g++) {
            Topics t = new Topics(park, ids.get(g));
            byte[] birth = SignedJson.sign(SignedJson.GATEWAY, new GatewayState.Birth(Contract.VERSION, park, ids.get(g), 1,
                    T0, "bench", 0), keys.get(g).getPrivate());
            births.add(sessions.get(g % connections).publish(t.state(), birth, true, 0));
        }
        for (CompletableFuture<Outcome> b : births) {
            b.get(60, TimeUnit.SECONDS);
        }
        int sent = 0;
        for (int b = 0; b < batches.size(); b++) {
            for (int g = 0; g < ids.size(); g++) {
                if (failed.get() != null) {
                    throw new IllegalStateException("the broker refused a batch", failed.get());
                }
                Topics t = new Topics(park, ids.get(g));
                List<EventBatch.Event> events = batches.get(b);
                byte[] payload = SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(t, 1, 0, sentAt(events), events), keys.get(g).getPrivate());
                int c = sent++ % connections;
                Semaphore w = windows.get(c);
                w.acquire();
                sessions.get(c).publish(events.get(0).priority() == Priority.TELEMETRY ? t.telemetry() : t.events(), payload,
                        false, 0).whenComplete((o, e) -> {
                            w.release();
                            if (e != null || !o.accepted()) {
                                failed.compareAndSet(null, e != null ? e : new IllegalStateException(o.describe()));
                            }
                        });
            }
        }
        for (int c = 0; c < connections; c++) {
            windows.get(c).acquire(window);
            sessions.get(c).disconnect().get(10, TimeUnit.SECONDS);
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the broker refused a batch", failed.get());
        }
    }

    static MqttSession connect(String uri, String clientId) throws Exception {
        return new Paho5().connect(new ConnectSpec(uri, clientId, new CredentialSource.None(), null, true, 0, 60, 10, 1000,
                null, false, Map.of()), new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
            }

            @Override
            public void lost(String reason) {
            }
        }).get(20, TimeUnit.SECONDS);
    }
}
