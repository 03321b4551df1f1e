package org.anju.agent.bench;

import org.anju.agent.demo.DemoDay;
import org.anju.agent.demo.DemoWorld;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.bridge.testing.MosquittoBroker;
import org.anju.agent.AgentMain;
import org.anju.agent.command.CommandApi;
import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;
import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.privacy.IdNumber;

import io.vertx.core.json.JsonObject;

/**
 * {@code anju bench revoke [REVOCATIONS]}: how long a lease ended by a landlord still opens the
 * door. The park's API is asked to end a lease while the renter's open is tried at the gateway
 * over and over (the decision a card gets too, judged by the gateway's own roster); the figure is
 * from the API call to the first open the gateway refuses. Beside it, measured in the same run on
 * the same Debian Mosquitto: a bare signed command's round trip from a park client to the
 * gateway's handler and back (a roster delta the gateway answers with ROSTER_GAP: signature,
 * nonce fsync, a read of the version held; nothing written). Three rounds of each, alternating;
 * the percentiles' medians over the rounds are reported.
 */
public final class RevokeBenchmark {
    private static final int ROUNDS = 3;
    private static final int ROUND_TRIPS = 100;

    public static void main(String[] args) throws Exception {
        AgentMain.quietLibraries();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int revocations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        if (revocations < ROUNDS) {
            System.err.println("usage: anju bench revoke [REVOCATIONS]   (at least " + ROUNDS + ")");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("anju-bench-revoke");
        double[][] floor = new double[2][ROUNDS];
        double[][] refused = new double[2][ROUNDS];
        double[][] answered = new double[2][ROUNDS];
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             DemoWorld world = new DemoWorld(dir.resolve("park"), 1, broker.uri());
             BareCommands bare = new BareCommands(broker.uri(), world)) {
            DemoDay day = new DemoDay(world, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            day.seed();
            bare.roundTrips(20); // warm-up
            revoke(world, day, 900); // warm-up
            int person = 0;
            for (int r = 0; r < ROUNDS; r++) {
                Samples trips = Samples.millis(bare.roundTrips(ROUND_TRIPS), 0);
                int n = revocations / ROUNDS + (r < revocations % ROUNDS ? 1 : 0);
                long[] toRefused = new long[n];
                long[] toAnswer = new long[n];
                for (int i = 0; i < n; i++) {
                    long[] t = revoke(world, day, person++);
                    toRefused[i] = t[0];
                    toAnswer[i] = t[1];
                }
                Samples a = Samples.millis(toRefused, 0);
                Samples b = Samples.millis(toAnswer, 0);
                floor[0][r] = trips.median();
                floor[1][r] = trips.percentile(99);
                refused[0][r] = a.median();
                refused[1][r] = a.percentile(99);
                answered[0][r] = b.median();
                answered[1][r] = b.percentile(99);
            }
        }
        System.out.printf("revoke benchmark: %d leases ended through the park's API in %d rounds, over Mosquitto%n",
                revocations, ROUNDS);
        System.out.printf("  floor  a bare signed command, park client -> gateway handler -> reply:  p50 %6.1f ms   p99 %6.1f ms%n",
                Samples.of(floor[0]).median(), Samples.of(floor[1]).median());
        System.out.printf("  anju   lease end (API call) -> first open refused at the gateway:     p50 %6.1f ms   p99 %6.1f ms%n",
                Samples.of(refused[0]).median(), Samples.of(refused[1]).median());
        System.out.printf("  anju   lease end (API call) -> API answers 'applied':                  p50 %6.1f ms   p99 %6.1f ms%n",
                Samples.of(answered[0]).median(), Samples.of(answered[1]).median());
        System.out.printf("  (the difference is the HTTP call, the park's store, building the delta, the roster's write and"
                + " fsync at the gateway, its reload, and the open tried again)%n");
        new BenchReport("revoke")
                .add("refused.p50", "ms", BenchReport.Better.LOWER, Samples.of(refused[0]), Samples.of(floor[0]),
                        "bare signed command round trip p50, same broker")
                .add("refused.p99", "ms", BenchReport.Better.LOWER, Samples.of(refused[1]), Samples.of(floor[1]),
                        "bare signed command round trip p99, same broker")
                .finish();
        System.exit(0);
    }

    /**
     * Registers a renter with a card of their own, then ends the lease while their open is tried
     * at the gateway in a loop; returns nanoseconds from the API call to the first refused open,
     * and to the API's answer.
     */
    private static long[] revoke(DemoWorld world, DemoDay day, int person) throws Exception {
        JsonObject lease = day.register("Bench " + person, "302", "13700137000", IdNumber.sample(person),
                "7:" + (10_000 + person));
        if (!lease.getJsonArray("gateways").getJsonObject(0).getBoolean("applied")) {
            throw new IllegalStateException("the renter did not reach the gateway: " + lease.encode());
        }
        String tenant = lease.getJsonObject("tenant").getString("account");
        if (!letThrough(open(world, tenant))) {
            throw new IllegalStateException("the new renter's open was refused");
        }
        HttpRequest end = HttpRequest.newBuilder(URI.create(world.url("/api/v1/leases/"
                        + lease.getJsonObject("lease").getString("id")))).header("Authorization", "Bearer " + day.landlord)
                .DELETE().build();
        long t0 = System.nanoTime();
        CompletableFuture<Long> answered = HTTP.sendAsync(end, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            long at = System.nanoTime();
            if (r.statusCode() != 200 || !r.body().contains("\"applied\":true")) {
                throw new IllegalStateException("the lease end was not applied: " + r.body());
            }
            return at;
        });
        while (true) {
            String result = open(world, tenant);
            long at = System.nanoTime();
            if (!letThrough(result) && !REFUSED.contains(result)) {
                throw new IllegalStateException("the door answered neither let through nor refused: " + result);
            }
            if (!letThrough(result)) {
                return new long[] {at - t0, answered.get(30, TimeUnit.SECONDS) - t0};
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the gateway says when it refuses a renter it no longer holds, or whose stay has ended. */
    private static final java.util.Set<String> REFUSED = java.util.Set.of("UNKNOWN_TENANT", "EXPIRED");

    /** Whether the gateway let the renter through: the entrance's GPIO maglock cannot report its bolt, so "sent". */
    private static boolean letThrough(String result) {
        return "opened".equals(result) || "sent".equals(result);
    }

    /** The renter's open as the gateway judges it (a phone's or a pass's turns into this): its result or the reason. */
    private static String open(DemoWorld world, String tenant) throws Exception {
        JsonObject reply = world.gateway.vertx().eventBus().<JsonObject>request(CommandApi.ADDRESS, new JsonObject()
                        .put("id", "bench-" + System.nanoTime()).put("kind", "door.open").put("door", "entrance")
                        .put("tenant", tenant).put("who", tenant))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        return "denied".equals(reply.getString("result")) ? reply.getString("reason") : reply.getString("result");
    }

    /** A park-side client that signs commands with the park's key and waits for the gateway's replies. */
    private static final class BareCommands implements AutoCloseable {
        private final MqttClient client;
        private final CommandSigner signer;
        private final Topics gateway;
        private final BlockingQueue<CommandReply> replies = new LinkedBlockingQueue<>();

        BareCommands(String uri, DemoWorld world) throws Exception {
            this.gateway = new Topics(DemoWorld.PARK, world.gatewayId());
            this.signer = new CommandSigner(DemoWorld.PARK_KEY_ID, world.parkKey.getPrivate(), Clock.systemUTC());
            this.client = new MqttClient(uri, "bench-park-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setSocketFactory(org.anju.bridge.mqtt.NoDelaySockets.plain());
            client.connect(options);
            client.subscribe(gateway.replies(), 1, (topic, m) -> {
                if (ContractJson.decode(m.getPayload(), CommandReply.class) instanceof Decoded.Ok<CommandReply> ok) {
                    replies.add(ok.value());
                }
            });
        }

        long[] roundTrips(int n) throws Exception {
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                SignedCommand command = signer.sign(gateway, new CommandBody.RosterDelta(1_000_000_000L, 1_000_000_001L,
                        List.of(), List.of()), Duration.ofSeconds(30));
                MqttMessage m = new MqttMessage(ContractJson.encode(command));
                m.setQos(1);
                long t0 = System.nanoTime();
                client.publish(gateway.commands(), m);
                while (true) {
                    CommandReply reply = replies.poll(10, TimeUnit.SECONDS);
                    if (reply == null) {
                        throw new IllegalStateException("no reply from the gateway");
                    }
                    if (reply.requestId() != null && reply.requestId().equals(command.id())) {
                        nanos[i] = System.nanoTime() - t0;
                        break;
                    }
                }
            }
            return nanos;
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
