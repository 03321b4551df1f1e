package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;

/**
 * The gateway's local API as a hostile device on the building's Wi-Fi meets it: the agent runs as
 * its own process with the packaged systemd unit's JVM options (a 64 MB heap, exit on running out
 * of memory), and every endpoint gets a 100 MB body, then slow clients that dribble their headers
 * or their body a byte a second, and a flood of connections from one address. Throughout, a
 * monitor on another address asks {@code /health} twice a second: the agent must answer every
 * time, cut the uploads off long before 100 MB, close the slow clients within the header and body
 * timeouts, and still be alive at the end. Attackers come from their own loopback addresses
 * (127.0.0.x), the way devices on a LAN have theirs; one of them also finds {@code /metrics} closed
 * without the token, which the gateway itself (127.0.0.1) reads freely.
 */
@Tag("process")
class LocalApiUnderAttackProcessTest {
    private static final List<String> ENDPOINTS = List.of("GET /health", "GET /metrics", "GET /api/v1/health",
            "POST /api/v1/commands", "POST /api/v1/pass/open", "GET /api/v1/events", "POST /no/such/route");
    private static final long HUNDRED_MB = 100_000_000L;

    @TempDir
    Path dir;
    private AgentProcess agent;
    private final ScheduledExecutorService drip = Executors.newScheduledThreadPool(2);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        drip.shutdownNow();
        for (Socket s : sockets) {
            s.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    /** The JVM options of the packaged unit file, as systemd would pass them through JAVA_OPTS. */
    static List<String> unitJvmOptions() throws IOException {
        String unit = Files.readString(Path.of("src/dist/systemd/anju-agent.service"));
        String line = unit.lines().filter(l -> l.startsWith("Environment=JAVA_OPTS=")).findFirst().orElseThrow();
        List<String> options = Arrays.asList(line.substring("Environment=JAVA_OPTS=".length()).replace("\\x20", " ").split(" "));
        assertThat(options).contains("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    @Test
    void hundredMegabyteBodiesSlowClientsAndAConnectionFloodLeaveTheAgentUpAndAnswering() throws Exception {
        Files.writeString(dir.resolve("park.pub.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPublic()));
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-wifi, gpio: mock, dataDir: data}
                park:
                  id: test-park
                  broker: tcp://park-broker.invalid:1883     # no broker: nothing here may wait on the park
                  commandKeys: [{id: park-2026, file: park.pub.pem}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """);
        agent = AgentProcess.start(site, unitJvmOptions());
        int port = agent.apiPort();
        HealthMonitor monitor = new HealthMonitor(port);
        drip.scheduleAtFixedRate(monitor::ask, 0, 500, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.answered.get() > 0);

        // 0. door and alarm counters are not for every device on the Wi-Fi
        String token = Files.readString(dir.resolve("data/api.token")).strip();
        assertThat(status(get("127.0.0.1", port, "/metrics", null))).as("the gateway itself").isEqualTo(200);
        assertThat(status(get("127.0.0.50", port, "/metrics", null))).as("another device, no token").isEqualTo(401);
        assertThat(status(get("127.0.0.50", port, "/metrics", token))).as("another device with the token").isEqualTo(200);

        // 1. 100 MB to every endpoint, once announced (Content-Length) and once streamed (chunked)
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            String[] endpoint = ENDPOINTS.get(i).split(" ");
            String from = "127.0.0." + (10 + i);
            Upload announced = upload(from, port, endpoint[0], endpoint[1], false);
            assertThat(announced.status()).as(ENDPOINTS.get(i) + " announced").isEqualTo(413);
            assertThat(announced.sent()).as(ENDPOINTS.get(i) + " announced: cut off early").isLessThan(HUNDRED_MB / 10);
            Upload streamed = upload(from, port, endpoint[0], endpoint[1], true);
            assertThat(streamed.sent()).as(ENDPOINTS.get(i) + " streamed: cut off early").isLessThan(HUNDRED_MB / 10);
            assertThat(agent.alive()).as(agent.output()).isTrue();
        }

        // 2. slow clients: four per endpoint dribbling their headers, four dribbling a promised body
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            String[] endpoint = ENDPOINTS.get(i).split(" ");
            String from = "127.0.0." + (30 + i);
            for (int k = 0; k < 4; k++) {
                slow.add(slowClient(from, port, endpoint[0] + " " + endpoint[1] + " HTTP/1.1\r\nHost: gw\r\nX-Slow: ", "a"));
                slow.add(slowClient(from, port, endpoint[0] + " " + endpoint[1] + " HTTP/1.1\r\nHost: gw\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", " "));
            }
        }
        // 3. a flood of connections from one address: past the per-address cap they are closed at once
        List<Socket> flood = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            flood.add(connect("127.0.0.99", port));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> flood.stream().filter(LocalApiUnderAttackProcessTest::closedByPeer).count() >= 60);

        // within the 10 s header and 15 s body timeouts, checked once a second, with room for a loaded machine
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(250))
                .until(() -> slow.stream().allMatch(LocalApiUnderAttackProcessTest::closedByPeer));
        await().atMost(Duration.ofSeconds(20)).until(() -> flood.stream().allMatch(LocalApiUnderAttackProcessTest::closedByPeer));

        assertThat(agent.alive()).as(agent.output()).isTrue();
        assertThat(agent.output()).doesNotContain("OutOfMemoryError");
        assertThat(monitor.failures).as("every health check was answered").isEmpty();
        int before = monitor.answered.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.answered.get() > before);
    }

    /** /health from the gateway's own monitor, twice a second; anything but a JSON answer is a failure. */
    private static final class HealthMonitor {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final int port;
        final AtomicInteger answered = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean busy = new AtomicBoolean();

        HealthMonitor(int port) {
            this.port = port;
        }

        void ask() {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        // a monitor's patience, not a speed goal: at load 16 on two cores one answer took over 3 s
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if ((r.statusCode() == 200 || r.statusCode() == 503) && r.body().contains("\"ready\"")) {
                    answered.incrementAndGet();
                } else {
                    failures.add(r.statusCode() + " " + r.body());
                }
            } catch (IOException | InterruptedException e) {
                failures.add(e.toString());
            } finally {
                busy.set(false);
            }
        }
    }

    private record Upload(long sent, int status) {
    }

    /** Sends up to 100 MB as fast as the server takes it; returns how much went out and the status answered, if any. */
    private Upload upload(String from, int port, String method, String path, boolean chunked) throws IOException {
        try (Socket s = connect(from, port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + HUNDRED_MB + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) '0');
            byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < HUNDRED_MB) {
                    if (chunked) {
                        out.write(chunkHead);
                    }
                    out.write(block);
                    if (chunked) {
                        out.write('\r');
                        out.write('\n');
                    }
                    sent += block.length;
                    if (!chunked && s.getInputStream().available() > 0) {
                        break; // answered before the body: stop as a well-behaved client would
                    }
                }
            } catch (IOException cutOff) {
                // the server closed the connection: that is the point
            }
            return new Upload(sent, status(s.getInputStream()));
        }
    }

    private InputStream get(String from, int port, String path, String token) throws IOException {
        Socket s = connect(from, port);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: gw\r\n" + (token == null ? "" : "Authorization: Bearer "
                + token + "\r\n") + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s.getInputStream();
    }

    private static int status(InputStream in) {
        try {
            byte[] head = in.readNBytes(12);
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** A connection that sends {@code start}, then one {@code each} a second, never finishing. */
    private Socket slowClient(String from, int port, String start, String each) throws IOException {
        Socket s = connect(from, port);
        s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        drip.scheduleAtFixedRate(() -> {
            try {
                s.getOutputStream().write(each.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
                // the server gave up on it
            }
        }, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    private Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        sockets.add(s);
        return s;
    }

    /** Whether the server has closed this connection: a read sees the end or a reset (a 408-like answer counts too). */
    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
