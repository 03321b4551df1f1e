package org.anju.bridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.config.ParkConfigLoader;

import io.vertx.core.json.JsonObject;

/**
 * {@code anju bench signin [SIGNINS [FLOODERS [ROUNDS]]]}: a person's sign-in while a flood tries to
 * drown it, next to the same sign-in with nobody else about, in the same run. The park runs as in
 * production (PBKDF2 at 600,000 iterations) behind a "reverse proxy" (127.0.0.1 trusted), so each
 * client has its own address in X-Forwarded-For. FLOODERS clients (default 60), each from its
 * own address, send sign-ins as fast as they are answered: made-up logins, and real logins with
 * wrong passwords. Meanwhile SIGNINS real sign-ins (default 30), each a different officer's phone
 * from its own address, one after another. Each round measures idle sign-ins, then the same under
 * the flood; the figures are the medians over ROUNDS (default 3) of each round's p50 and p99.
 */
public final class SignInBenchmark {
    private static final int OFFICERS = 6;
    /** Held here: java.util.logging forgets the level of a logger nobody holds. */
    private static final java.util.logging.Logger MQTT_LOG = java.util.logging.Logger.getLogger("org.anju.bridge.park.mqtt");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private final AtomicLong nextAddress = new AtomicLong();

    private SignInBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        measure(args);
        System.exit(0); // Vert.x and the HTTP client leave threads behind
    }

    /** The benchmark without the exit; args as {@link #main}, and a fourth: the hash's iterations (a smoke test's few). */
    static void measure(String[] args) throws Exception {
        // the park runs without a broker here: its reconnection warnings are not the benchmark's business
        MQTT_LOG.setLevel(java.util.logging.Level.SEVERE);
        int signIns = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int flooders = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : PasswordHasher.PRODUCTION_ITERATIONS;
        new SignInBenchmark().run(signIns, flooders, rounds, iterations);
    }

    private void run(int signIns, int flooders, int rounds, int iterations) throws Exception {
        Path dir = Files.createTempDirectory("anju-bench-signin");
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPrivate()));
        Files.writeString(dir.resolve("data.key"), "33".repeat(32));
        Files.writeString(dir.resolve("session.key"), "44".repeat(32));
        Files.writeString(dir.resolve("admin.password"), "bench admin password\n");
        Path yaml = Files.writeString(dir.resolve("park.yaml"), """
                park: bench
                broker: {uri: tcp://park-broker.invalid:1883}
                store: {sqlite: park.db}
                http: {bind: 127.0.0.1, port: 0, trustedProxies: [127.0.0.1]}
                keys: {commandKeyId: k1, commandKeyFile: command.pem, dataKeyFile: data.key, sessionKeyFile: session.key}
                admin: {login: admin, passwordFile: admin.password}
                buildings: [{id: b1, gateway: gw-1}]
                """);
        var loaded = ParkConfigLoader.load(yaml);
        if (!(loaded instanceof ParkConfigLoader.Result.Loaded ok)) {
            throw new IllegalStateException(loaded.toString());
        }
        var start = ParkBridge.start(ok.config(), Clock.systemUTC(), iterations);
        if (!(start instanceof ParkBridge.Start.Started started)) {
            throw new IllegalStateException(start.toString());
        }
        try (ParkBridge bridge = started.bridge()) {
            base = "http://127.0.0.1:" + bridge.port();
            String admin = new JsonObject(signIn("admin", "bench admin password", "10.9.0.1").body()).getString("token");
            for (int i = 1; i <= OFFICERS; i++) {
                HttpResponse<String> r = post("/api/v1/accounts", admin, new JsonObject().put("login", "officer-" + i)
                        .put("name", "Officer " + i).put("password", "officer " + i + " bench phrase").put("role", "officer"), "10.9.0.1");
                if (r.statusCode() != 201) {
                    throw new IllegalStateException(r.body());
                }
            }
            System.out.printf("sign-in benchmark: PBKDF2 x %d on %d cores; %d real sign-ins per phase, %d flooding clients, %d rounds%n",
                    iterations, Runtime.getRuntime().availableProcessors(), signIns, flooders, rounds);
            realSignIns(3); // warm up
            double[][] idle = new double[2][rounds];
            double[][] flooded = new double[2][rounds];
            Map<Integer, AtomicLong> floodAnswers = new ConcurrentHashMap<>();
            long refused = 0;
            for (int r = 0; r < rounds; r++) {
                Samples quiet = Samples.millis(realSignIns(signIns).nanos(), 0);
                idle[0][r] = quiet.median();
                idle[1][r] = quiet.percentile(99);
                AtomicBoolean flooding = new AtomicBoolean(true);
                List<Thread> flood = new ArrayList<>();
                for (int f = 0; f < flooders; f++) {
                    int n = f;
                    Thread t = new Thread(() -> flood(n, flooding, floodAnswers), "flood-" + f);
                    t.setDaemon(true);
                    t.start();
                    flood.add(t);
                }
                Thread.sleep(3_000); // let the flood fill the queue and the addresses earn their failures
                Measured loud = realSignIns(signIns);
                refused += loud.refused();
                flooding.set(false);
                for (Thread t : flood) {
                    t.join(30_000);
                }
                Samples under = Samples.millis(loud.nanos(), 0);
                flooded[0][r] = under.median();
                flooded[1][r] = under.percentile(99);
                System.out.printf("  round %d: idle p50 %6.0f ms p99 %6.0f ms | flooded p50 %6.0f ms p99 %6.0f ms%n", r + 1,
                        idle[0][r], idle[1][r], flooded[0][r], flooded[1][r]);
            }
            System.out.printf("  the flood was answered: %s (401 wrong, 429 slowed, 503 busy)%n", new java.util.TreeMap<>(floodAnswers));
            System.out.printf("  real sign-ins refused or failed under the flood: %d of %d%n", refused, (long) signIns * rounds);
            // the goal: a flood delays a person's sign-in by no more than one hash's time (a sign-in idle is one hash)
            double[] delay = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                delay[r] = flooded[1][r] - idle[1][r];
            }
            System.out.printf("  the flood's delay of a sign-in at p99: %.0f ms beside one hash's time (an idle sign-in's p50) %.0f ms%n",
                    Samples.of(delay).median(), Samples.of(idle[0]).median());
            new BenchReport("signin")
                    .add("flood.delay.p99", "ms", BenchReport.Better.LOWER, Samples.of(delay), Samples.of(idle[0]),
                            "one hash's time: the same sign-in's p50 with no flood, same run (goal: at most 1.0)")
                    .add("flooded.p50", "ms", BenchReport.Better.LOWER, Samples.of(flooded[0]), Samples.of(idle[0]),
                            "the same sign-in p50 with no flood, same run")
                    .add("flooded.p99", "ms", BenchReport.Better.LOWER, Samples.of(flooded[1]), Samples.of(idle[1]),
                            "the same sign-in p99 with no flood, same run")
                    .finish();
        }
    }

    private record Measured(long[] nanos, long refused) {
    }

    /** One officer after another signs in from their own phone's address; each must be let in. */
    private Measured realSignIns(int n) throws Exception {
        long[] nanos = new long[n];
        long refused = 0;
        for (int i = 0; i < n; i++) {
            int officer = 1 + i % OFFICERS;
            long a = nextAddress.incrementAndGet();
            String from = "10.1." + (a / 250 % 250) + "." + (a % 250 + 1);
            long t0 = System.nanoTime();
            HttpResponse<String> r = signIn("officer-" + officer, "officer " + officer + " bench phrase", from);
            nanos[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                refused++;
            }
        }
        return new Measured(nanos, refused);
    }

    /** A flooding client from its own address: made-up logins and real ones with wrong passwords, as fast as answered. */
    private void flood(int n, AtomicBoolean flooding, Map<Integer, AtomicLong> answers) {
        String from = "10.66." + (n / 250) + "." + (n % 250 + 1);
        long i = 0;
        while (flooding.get()) {
            String login = i % 2 == 0 ? "made-up-" + n + "-" + i : "officer-" + (1 + i % OFFICERS);
            try {
                int status = signIn(login, "guess " + i + " from " + n, from).statusCode();
                answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            } catch (Exception e) {
                answers.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
            }
            i++;
        }
    }

    private HttpResponse<String> signIn(String login, String password, String from) throws Exception {
        return post("/api/v1/login", null, new JsonObject().put("login", login).put("password", password), from);
    }

    private HttpResponse<String> post(String path, String token, JsonObject body, String from) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", from).POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
