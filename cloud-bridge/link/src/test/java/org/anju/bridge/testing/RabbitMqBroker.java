package org.anju.bridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's RabbitMQ (package {@code rabbitmq-server}) with its MQTT plugin, started as its own node
 * in a temporary folder on free loopback ports (AMQP, MQTT, Erlang distribution and port mapper),
 * anonymous MQTT allowed as a demo would. It takes a while to start (Erlang).
 */
public final class RabbitMqBroker implements AutoCloseable {
    private static final Path HOME = Path.of("/usr/lib/rabbitmq/lib");

    private final Process process;
    private final int mqttPort;
    private final int epmdPort;
    private final Path dir;

    private RabbitMqBroker(Process process, int mqttPort, int epmdPort, Path dir) {
        this.process = process;
        this.mqttPort = mqttPort;
        this.epmdPort = epmdPort;
        this.dir = dir;
    }

    public static RabbitMqBroker start(Path dir) throws IOException {
        Files.createDirectories(dir);
        int mqtt = MosquittoBroker.freePort();
        int amqp = MosquittoBroker.freePort();
        int epmd = MosquittoBroker.freePort();
        int dist = MosquittoBroker.freePort();
        Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_mqtt].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), "mqtt.listeners.tcp.default = 127.0.0.1:" + mqtt + "\n"
                + "listeners.tcp.default = 127.0.0.1:" + amqp + "\nmqtt.allow_anonymous = true\nloopback_users = none\n");
        Path home;
        try (var versions = Files.list(HOME)) {
            home = versions.filter(p -> p.getFileName().toString().startsWith("rabbitmq_server-")).findFirst()
                    .orElseThrow(() -> new IOException("RabbitMQ is not installed (Debian package rabbitmq-server)"));
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/lib/rabbitmq/bin/rabbitmq-server").redirectErrorStream(true)
                .redirectOutput(dir.resolve("rabbitmq.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.toString());
        env.put("RABBITMQ_HOME", home.toString());
        env.put("RABBITMQ_NODENAME", "anju" + mqtt + "@localhost");
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
        env.put("ERL_EPMD_PORT", Integer.toString(epmd));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(dist));
        RabbitMqBroker broker = new RabbitMqBroker(pb.start(), mqtt, epmd, dir);
        try {
            await("RabbitMQ's MQTT listener on " + mqtt).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!broker.process.isAlive()) {
                            throw new IllegalStateException("rabbitmq-server exited: " + Files.readString(dir.resolve("rabbitmq.out")));
                        }
                        return accepts(mqtt);
                    });
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the node and the port mapper it started for itself. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            Process epmd = new ProcessBuilder("epmd", "-port", Integer.toString(epmdPort), "-kill")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("epmd.out").toFile()).start();
            epmd.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no port mapper left to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
