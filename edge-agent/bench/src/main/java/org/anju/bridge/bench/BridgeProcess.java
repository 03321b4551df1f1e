package org.anju.bridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/**
 * {@code anju bridge} as its own process, with the packaged unit's heap ({@code -Xmx512m
 * -XX:+ExitOnOutOfMemoryError}, as in {@code anju-bridge.service}): started, asked for its
 * {@code /health}, measured (resident memory from {@code /proc}), stopped with SIGTERM.
 */
final class BridgeProcess implements AutoCloseable {
    /** The packaged systemd unit's JAVA_OPTS. */
    static final List<String> UNIT_HEAP = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private BridgeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the bridge of {@code yaml}, whose {@code http.port} is {@code port}; returns once its API answers. */
    static BridgeProcess start(Path yaml, Path log, int port) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(UNIT_HEAP);
        String extra = System.getenv("ANJU_BENCH_BRIDGE_OPTS"); // e.g. a flight recording, to see where the time goes
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.anju.bridge.park.ParkMain", "--config",
                yaml.toString()));
        Process p = new ProcessBuilder(command).directory(yaml.getParent().toFile()).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                         java.nio.file.StandardOpenOption.APPEND)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "bridge-log");
        pump.setDaemon(true);
        pump.start();
        BridgeProcess bridge = new BridgeProcess(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (bridge.health() == null) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the bridge did not start; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return bridge;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The bridge's {@code /health}, or null when it does not answer. */
    JsonObject health() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject(r.body());
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits (a minute at most) until {@code /health} says ready: both broker connections up, every subscription taken. */
    BridgeProcess awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonObject h = health();
            if (h != null && h.getBoolean("ready", false)) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bridge is not ready: " + h + "; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** An officer's console on this instance's live stream (signed in as the admin), following {@code gateway}'s alarms. */
    ConsoleStream console(String adminPassword, String gateway) throws IOException, InterruptedException {
        return ConsoleStream.open(port, "admin", adminPassword, gateway);
    }

    /**
     * The heap's live objects in MB: {@code jcmd PID GC.class_histogram} runs a full collection
     * first, so this is what the bridge holds, not what it has not collected yet.
     */
    double liveHeapMb() throws IOException, InterruptedException {
        return liveHeap().mb();
    }

    /** The live heap, and its largest classes by bytes (the histogram's first lines), to see where it goes. */
    record LiveHeap(double mb, List<String> largest) {
    }

    LiveHeap liveHeap() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        List<String> largest = new java.util.ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].matches("[0-9]+:") && largest.size() < 8) { // not jcmd's first line, "PID:"
                largest.add(String.format(java.util.Locale.ROOT, "%s %.1f MB", f[3], Long.parseLong(f[2]) / 1024.0 / 1024.0));
            }
            if (line.startsWith("Total")) {
                return new LiveHeap(Long.parseLong(f[2]) / 1024.0 / 1024.0, largest);
            }
        }
        throw new IllegalStateException("jcmd gave no heap histogram: " + out.lines().limit(3).toList());
    }

    /** Resident memory in MB, from /proc. */
    double rssMb() {
        return BridgeProcess.rssMb(process.pid());
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return Double.NaN;
    }

    /** CPU time the process used so far, user and system, in seconds (from /proc; 100 ticks a second). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds of a process and its children now alive (PostgreSQL: the server and its backends). */
    static double treeCpuSeconds(long pid) {
        double sum = cpuSeconds(pid);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == pid) {
                        sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended while listed
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return sum;
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as systemd stops it; waits for the exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
