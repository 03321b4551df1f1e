package org.anju.agent.bench;

import org.anju.agent.demo.DemoDay;
import org.anju.agent.demo.DemoWorld;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.bridge.testing.MosquittoBroker;
import org.anju.agent.AgentMain;
import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;

/**
 * {@code anju bench door [OPENS]}: a tenant's phone opening room 301 through the park's API, end
 * to end over Debian's Mosquitto: HTTP to the park bridge, a signed command to the gateway, the
 * lock-board relay energised, the reply back to the phone; next to the floor, a bare MQTT
 * request and reply between two Paho clients on the same broker (QoS 1 both ways). Three rounds
 * of each, alternating; the percentiles' medians over the rounds are reported.
 */
public final class DoorLatencyBenchmark {
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        AgentMain.quietLibraries();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int opens = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("anju-bench-door");
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).maxInflight(1000).start()) {
            String uri = broker.uri();
            double[][] floor = new double[2][ROUNDS];
            double[][] door = new double[2][ROUNDS];
            try (DemoWorld world = new DemoWorld(dir.resolve("park"), 1, uri)) {
                DemoDay day = new DemoDay(world, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                day.seed();
                String tenant = day.login(day.liWei.getJsonObject("tenant").getString("login"), DemoDay.LI_WEI_PASSWORD);
                // rounds alternate between the floor and the door, so a noisy neighbour hits both alike
                for (int r = 0; r < ROUNDS; r++) {
                    Samples bare = Samples.millis(mqttRoundTrips(uri, opens), 0);
                    Samples open = Samples.millis(opens(world, tenant, opens), 0);
                    floor[0][r] = bare.median();
                    floor[1][r] = bare.percentile(99);
                    door[0][r] = open.median();
                    door[1][r] = open.percentile(99);
                }
            }
            Samples floor50 = Samples.of(floor[0]);
            Samples floor99 = Samples.of(floor[1]);
            Samples door50 = Samples.of(door[0]);
            Samples door99 = Samples.of(door[1]);
            System.out.printf("door benchmark: %d rounds of %d phone opens of room 301 through the park, over Mosquitto%n", ROUNDS, opens);
            System.out.printf("  floor  bare MQTT request/reply, two Paho clients, Nagle off: p50 %6.1f ms   p99 %6.1f ms%n",
                    floor50.median(), floor99.median());
            System.out.printf("  anju   phone -> park API -> gateway -> relay -> phone:       p50 %6.1f ms   p99 %6.1f ms%n",
                    door50.median(), door99.median());
            System.out.printf("  (the difference is the HTTP call, the store reads, Ed25519 sign and verify, the nonce's fsync"
                    + " and the lock board's bus exchange)%n");
            new BenchReport("door")
                    .add("open.p50", "ms", BenchReport.Better.LOWER, door50, floor50, "bare MQTT request/reply p50, two Paho clients")
                    .add("open.p99", "ms", BenchReport.Better.LOWER, door99, floor99, "bare MQTT request/reply p99, two Paho clients")
                    .finish();
        }
        System.exit(0);
    }

    private static long[] opens(DemoWorld world, String token, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest open = HttpRequest.newBuilder(URI.create(world.url("/api/v1/doors/b07/room-301/open")))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
        for (int i = 0; i < 10; i++) {
            http.send(open, HttpResponse.BodyHandlers.ofString()); // warm up
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(open, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("open " + i + " failed: " + r.body());
            }
        }
        return nanos;
    }

    private static long[] mqttRoundTrips(String uri, int n) throws Exception {
        BlockingQueue<byte[]> replies = new ArrayBlockingQueue<>(1);
        try (MqttClient requester = new MqttClient(uri, "bench-req", new MemoryPersistence());
             MqttClient responder = new MqttClient(uri, "bench-resp", new MemoryPersistence())) {
            // the same socket option as the park and the gateway use, so the floor is the broker's own cost
            var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setSocketFactory(org.anju.bridge.mqtt.NoDelaySockets.plain());
            requester.connect(options);
            responder.connect(options);
            responder.subscribe("bench/req", 1, (t, m) -> responder.publish("bench/resp", new MqttMessage(m.getPayload())));
            requester.subscribe("bench/resp", 1, (t, m) -> replies.put(m.getPayload()));
            long[] nanos = new long[n + 10];
            for (int i = 0; i < nanos.length; i++) {
                MqttMessage m = new MqttMessage(("open-" + i).getBytes());
                m.setQos(1);
                long t0 = System.nanoTime();
                requester.publish("bench/req", m);
                if (replies.poll(10, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("no reply from the broker");
                }
                nanos[i] = System.nanoTime() - t0;
            }
            requester.disconnect();
            responder.disconnect();
            return Arrays.copyOfRange(nanos, 10, nanos.length);
        }
    }
}
