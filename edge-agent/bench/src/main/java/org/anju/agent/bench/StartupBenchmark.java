package org.anju.agent.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.agent.AgentMain;
import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;

/**
 * {@code anju bench startup [SECONDS]}: the agent as its own JVM with a 64 MB heap on the larger
 * example site (the dormitory block: 220 charging ports on three buses, fifty room doors on three
 * lock boards, four GPIO entrances; its buses pointed at simulated devices on this machine, its
 * GPIO mocked): the time from launching the JVM to the agent saying it runs, next to a bare JVM
 * that starts and exits; then, after it has polled every port for a while, its heap in use and
 * its resident memory.
 */
public final class StartupBenchmark {
    private static final Pattern API = Pattern.compile("local API on http://127\\.0\\.0\\.1:(\\d+)");

    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        List<AutoCloseable> open = new ArrayList<>();
        Path dir = Files.createTempDirectory("anju-bench-startup");
        try {
            int north = piles(6, 12, 19200, timer, open);
            int south = piles(7, 12, 19200, timer, open);
            int yard = piles(4, 16, 9600, timer, open);
            List<LineDevice> boards = List.of(new LockBoardSimulator(1), new LockBoardSimulator(2),
                    new LockBoardSimulator(3, 24, LockBoardSimulator.DEFAULT_PULSE, LockBoardSimulator.DEFAULT_DOOR_CLOSER));
            TcpSerialServer locks = TcpSerialServer.onFreeLoopbackPort(combined(boards));
            open.add(locks);
            String site;
            try (var in = StartupBenchmark.class.getResourceAsStream("/sites/dormitory-block.yaml")) {
                site = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            site = site.replaceFirst("(?m)^gateway:\\n", "gateway:\n  gpio: mock\n  dataDir: " + dir.resolve("data") + "\n")
                    .replace("broker: ssl://mqtt.park.example:8883", "broker: tcp://park-broker.invalid:1883")
                    .replaceAll("(?m)^  (username|passwordEnv|caFile): .*\\n", "")
                    .replace("port: /dev/ttyUSB0", "port: tcp://127.0.0.1:" + north)
                    .replace("port: /dev/ttyUSB1", "port: tcp://127.0.0.1:" + south)
                    .replace("port: tcp://192.168.10.20:4001", "port: tcp://127.0.0.1:" + yard)
                    .replace("port: /dev/ttyUSB2", "port: tcp://127.0.0.1:" + locks.port())
                    .replace("localApi: {bind: 127.0.0.1, port: 8080}", "localApi: {bind: 127.0.0.1, port: 0}")
                    .replace("coap: {bind: 0.0.0.0, port: 5684}", "coap: {bind: 127.0.0.1, port: 0}");
            Path siteFile = Files.writeString(dir.resolve("site.yaml"), site);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            double[] bareMs = new double[ROUNDS];
            double[] bareRss = new double[ROUNDS];
            double[] bareHeap = new double[ROUNDS];
            double[] startMs = new double[ROUNDS];
            output(new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), Bare.class.getName())); // warm the page cache
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                String[] up = output(new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        Bare.class.getName())).split(" ");
                bareMs[r] = (System.nanoTime() - t0) / 1e6;
                bareRss[r] = Long.parseLong(up[1]) / 1024.0;
                bareHeap[r] = Long.parseLong(up[2]) / 1e6;
            }
            for (int r = 0; r < ROUNDS - 1; r++) {
                Launched agent = launch(java, siteFile);
                startMs[r] = agent.millis();
                agent.process().destroy();
                agent.process().waitFor(20, TimeUnit.SECONDS);
            }
            Launched agent = launch(java, siteFile);
            startMs[ROUNDS - 1] = agent.millis();
            Thread.sleep(seconds * 1000L);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.apiPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            long exchanges = Math.round(metrics.lines().filter(l -> l.startsWith("anju_bus_exchanges_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
            long rssKb = rssKb(agent.process().pid());
            agent.process().destroy();
            agent.process().waitFor(20, TimeUnit.SECONDS);
            Samples bare = Samples.of(bareMs);
            Samples started = Samples.of(startMs);
            System.out.println("startup benchmark: the dormitory block (220 charging ports, 50 lock-board doors, 4 GPIO entrances), -Xmx64m");
            System.out.printf("  floor  a bare JVM with the same class path, start to exit:   %6.0f ms  (heap %.1f MB, RSS %.1f MB)%n",
                    bare.median(), Samples.of(bareHeap).median(), Samples.of(bareRss).median());
            System.out.printf("  anju   launch to 'running' (site checked, store opened):     %6.0f ms  (%.0f-%.0f over %d launches)%n",
                    started.median(), started.min(), started.max(), ROUNDS);
            System.out.printf("  anju   heap in use after %d s polling every port:           %6.1f MB of 64 MB%n", seconds, heap / 1e6);
            System.out.printf("  anju   resident memory of the process then:                 %6.1f MB (%d bus exchanges so far)%n",
                    rssKb / 1024.0, exchanges);
            new BenchReport("startup")
                    .add("launch", "ms", BenchReport.Better.LOWER, started, bare, "a bare JVM with the same class path, start to exit")
                    .add("heap", "MB", BenchReport.Better.LOWER, Samples.of(heap / 1e6), Samples.of(bareHeap),
                            "a bare JVM's heap in use")
                    .add("rss", "MB", BenchReport.Better.LOWER, Samples.of(rssKb / 1024.0), Samples.of(bareRss),
                            "a bare JVM's resident memory")
                    .finish();
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            timer.shutdownNow();
        }
    }

    private static int piles(int count, int ports, int baud, ScheduledExecutorService timer, List<AutoCloseable> open)
            throws Exception {
        List<LineDevice> units = new ArrayList<>();
        for (int u = 1; u <= count; u++) {
            units.add(new PileSimulator(ports, PileLimits.DEFAULTS).onLine(u));
        }
        LinePacing pacing = LinePacing.atBaud(baud);
        TcpSerialServer server = new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), combined(units), pacing,
                Math.max(pacing.silenceNanos(), 1_000_000), timer);
        open.add(server);
        return server.port();
    }

    private static LineDevice combined(List<LineDevice> units) {
        return SharedLine.of(units);
    }

    private record Launched(Process process, int apiPort, double millis) {
    }

    /** Starts the agent and returns once it prints its local API's address. */
    private static Launched launch(String java, Path siteFile) throws Exception {
        AtomicInteger port = new AtomicInteger();
        long t0 = System.nanoTime();
        Process agent = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName(), "--config", siteFile.toString()).redirectErrorStream(true).start();
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = API.matcher(line);
                    if (m.find()) {
                        port.set(Integer.parseInt(m.group(1)));
                        running.countDown();
                    }
                }
            } catch (java.io.IOException ended) {
                // the agent stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!running.await(60, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
            throw new IllegalStateException("the agent did not start");
        }
        return new Launched(agent, port.get(), (System.nanoTime() - t0) / 1e6);
    }

    private static long rssKb(long pid) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElse(-1);
    }

    /** Runs a process to its end and returns what it printed. */
    private static String output(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    /** The floor: a JVM that starts, says its resident and heap memory, and exits. */
    public static final class Bare {
        public static void main(String[] args) throws Exception {
            Runtime rt = Runtime.getRuntime();
            System.out.println("up " + rssKb(ProcessHandle.current().pid()) + " " + (rt.totalMemory() - rt.freeMemory()));
        }
    }
}
