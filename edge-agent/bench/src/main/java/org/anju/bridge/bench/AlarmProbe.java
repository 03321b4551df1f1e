package org.anju.bridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.MqttSession;

/**
 * One more building whose gateway raises an alarm now and then, signed like any other: the
 * time from its publish to a console's live stream is what a fire officer waits, measured
 * while the park drains a flood and again with the park idle.
 */
final class AlarmProbe implements AutoCloseable {
    static final String GATEWAY = "gw-probe";

    private final Topics topics;
    private final KeyPair key = Ed25519Keys.generate();
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    /** When the probe's client had written each alarm out (QoS 0): its own share of a late alarm. */
    private final Map<Long, Long> writtenAt = new ConcurrentHashMap<>();
    private MqttSession session;
    private long seq;

    AlarmProbe(String park) {
        this.topics = new Topics(park, GATEWAY);
    }

    /** Its key file, and its building for park.yaml. */
    String building(Path dir) throws IOException {
        return ParkYaml.building(dir, "b-probe", GATEWAY, key.getPublic());
    }

    void connect(String uri) throws Exception {
        session = FloodGateways.connect(uri, "bench-probe");
    }

    /** Raises one alarm; returns its seq. */
    long raise() throws Exception {
        long s = ++seq;
        long ts = System.currentTimeMillis();
        String payload = "{\"alarm\":{\"id\":\"probe/" + s + "\",\"kind\":\"OVERHEAT\",\"severity\":\"CRITICAL\",\"source\":\"pile-1/1\","
                + "\"detail\":\"probe\",\"cause\":{\"temperatureC\":71}}}";
        byte[] batch = SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(topics, 1, 0, ts,
                List.of(new EventBatch.Event(s, ts, Priority.ALARM, "alarm.raised", payload))), key.getPrivate());
        sentAt.put(s, System.nanoTime());
        session.publish(topics.events(), batch, false, 0).get(10, TimeUnit.SECONDS);
        writtenAt.put(s, System.nanoTime());
        return s;
    }

    /** Alarms {@code from} to {@code to} as the console saw them: latencies in ms of those that arrived. */
    List<Double> latencies(ConsoleStream console, long from, long to) {
        List<Double> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            Long seen = console.alarmAt(s);
            Long sent = sentAt.get(s);
            if (seen != null && sent != null) {
                out.add((seen - sent) / 1e6);
            }
        }
        return out;
    }

    /**
     * The {@code n} slowest of alarms {@code from} to {@code to}, each with when it was raised from
     * {@code begun} (System.nanoTime): whether the tail is a fresh bridge's first seconds or spread
     * through the drain; and how long the probe's own client took to write it out.
     */
    String slowest(ConsoleStream console, long from, long to, long begun, int n) {
        List<long[]> seen = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            Long at = console.alarmAt(s);
            Long sent = sentAt.get(s);
            if (at != null && sent != null) {
                seen.add(new long[] {at - sent, sent - begun, writtenAt.getOrDefault(s, sent) - sent});
            }
        }
        seen.sort((a, b) -> Long.compare(b[0], a[0]));
        List<String> out = new ArrayList<>();
        for (long[] a : seen.subList(0, Math.min(n, seen.size()))) {
            out.add(String.format(java.util.Locale.ROOT, "%.0f ms (raised %.1f s into the drain, written out by the probe in %.0f ms)",
                    a[0] / 1e6, a[1] / 1e9, a[2] / 1e6));
        }
        return out.isEmpty() ? "none arrived" : String.join(", ", out);
    }

    long raised() {
        return seq;
    }

    @Override
    public void close() throws Exception {
        if (session != null) {
            session.disconnect().get(5, TimeUnit.SECONDS);
        }
    }
}
