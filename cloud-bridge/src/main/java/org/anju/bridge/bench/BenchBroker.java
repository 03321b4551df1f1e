package org.anju.bridge.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto on a free loopback port, started and stopped by a benchmark: anonymous, no
 * persistence, no log, Nagle off as a park's broker should be, no cap on what it queues for a
 * subscriber that is away; {@code extra} lines are added to its configuration. Also the revoke
 * benchmark's (edge-agent).
 */
public final class BenchBroker implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String version;

    private BenchBroker(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public String version() {
        return version;
    }

    long pid() {
        return process.pid();
    }

    public static BenchBroker start(Path dir, String extra) throws IOException, InterruptedException {
        String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "user " + System.getProperty("user.name") + "\nlistener " + port
                + " 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nset_tcp_nodelay true\n"
                + "max_queued_messages 0\n" + extra);
        Process p;
        try {
            p = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start mosquitto (Debian package 'mosquitto'): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("mosquitto did not start; see " + dir.resolve("mosquitto.log"));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        return new BenchBroker(p, port, version(binary));
    }

    private static String version(String binary) {
        try {
            Process v = new ProcessBuilder(binary, "-h").redirectErrorStream(true).start();
            String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            v.waitFor(5, TimeUnit.SECONDS);
            int at = out.indexOf("version ");
            return at < 0 ? "?" : out.substring(at + 8).split("\\s")[0];
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
