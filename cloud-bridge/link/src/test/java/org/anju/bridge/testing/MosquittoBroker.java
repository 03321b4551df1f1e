package org.anju.bridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto (Debian's {@code /usr/sbin/mosquitto}) on free loopback ports, for tests.
 * Ports are chosen once and kept across {@link #stop()} and {@link #start()}, so clients reconnect
 * to a restarted broker. Optional: persistence (sessions and queued messages survive a restart, as
 * on a park's broker), a password file, a TLS listener with a CA, server key and certificate, and
 * Debian's dynamic security plugin with its admin ({@link #dynsec} runs {@code mosquitto_ctrl dynsec}).
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final String BINARY = "/usr/sbin/mosquitto";
    /** Debian's dynamic security plugin (package mosquitto). */
    public static final String DYNSEC_PLUGIN = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    private final Path dir;
    private final boolean persistent;
    private final String user;
    private final String password;
    private final TestPki pki;
    private final boolean requireClientCert;
    private final int port;
    private final int tlsPort;
    private final java.util.function.IntFunction<String> written;
    private final int maxInflight;
    private final String dynsecAdmin;
    private final String dynsecPassword;
    private Process process;
    private int starts;

    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    public static final class Builder {
        private final Path dir;
        private boolean persistent;
        private String user;
        private String password;
        private TestPki pki;
        private boolean requireClientCert;
        private java.util.function.IntFunction<String> written;
        private int maxInflight = 100;
        private String dynsecAdmin;
        private String dynsecPassword;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Keep sessions and queued messages across restarts (saved on SIGTERM). */
        public Builder persistent() {
            this.persistent = true;
            return this;
        }

        /** Messages in flight per client beyond the default 100 (a benchmark's request/reply floor). */
        public Builder maxInflight(int messages) {
            this.maxInflight = messages;
            return this;
        }

        /** Only this user, no anonymous clients. */
        public Builder password(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * Clients, roles and their ACLs from the dynamic security plugin, whose admin is {@code admin}
         * (its configuration made by {@code mosquitto_ctrl dynsec init}); no anonymous clients.
         */
        public Builder dynamicSecurity(String admin, String password) {
            this.dynsecAdmin = admin;
            this.dynsecPassword = password;
            return this;
        }

        /** A TLS listener with the server certificate of {@code pki}; optionally requiring a client certificate. */
        public Builder tls(TestPki pki, boolean requireClientCert) {
            this.pki = pki;
            this.requireClientCert = requireClientCert;
            return this;
        }

        /**
         * Exactly this configuration, made for the port it is given (its one listener); nothing
         * added but the user to run as (root cannot read a test's files after Mosquitto drops to
         * its own user) and where the log goes. For the configuration INSTALL.md documents.
         */
        public Builder configured(java.util.function.IntFunction<String> config) {
            this.written = config;
            return this;
        }

        public MosquittoBroker start() {
            MosquittoBroker broker = new MosquittoBroker(this);
            broker.start();
            return broker;
        }
    }

    private MosquittoBroker(Builder b) {
        this.dir = b.dir;
        this.persistent = b.persistent;
        this.user = b.user;
        this.password = b.password;
        this.pki = b.pki;
        this.requireClientCert = b.requireClientCert;
        this.port = freePort();
        this.tlsPort = pki == null ? -1 : freePort();
        this.written = b.written;
        this.maxInflight = b.maxInflight;
        this.dynsecAdmin = b.dynsecAdmin;
        this.dynsecPassword = b.dynsecPassword;
    }

    /** {@code mosquitto_ctrl dynsec ARGS} as the plugin's admin, e.g. {@code createClient bridge -p secret}. */
    public void dynsec(String... args) throws IOException {
        if (dynsecAdmin == null) {
            throw new IllegalStateException("no dynamic security plugin");
        }
        List<String> command = new ArrayList<>(List.of("mosquitto_ctrl", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-u", dynsecAdmin, "-P", dynsecPassword, "dynsec"));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    /** What {@code mosquitto -h} says of itself, for a benchmark's header ("?" if it says nothing readable). */
    public static String version() {
        try {
            Process v = new ProcessBuilder(BINARY, "-h").redirectErrorStream(true).start();
            String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            v.waitFor(5, TimeUnit.SECONDS);
            int at = out.indexOf("version ");
            return at < 0 ? "?" : out.substring(at + 8).split("\\s")[0];
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TLS listener as a host name the server certificate names. */
    public String tlsUri() {
        if (tlsPort < 0) {
            throw new IllegalStateException("no TLS listener");
        }
        return "ssl://localhost:" + tlsPort;
    }

    /** Mosquitto's own log (its stdout and stderr go to {@code mosquitto.out}). */
    public Path log() {
        return dir.resolve("broker.log");
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, config(), StandardCharsets.UTF_8);
            starts++;
            process = new ProcessBuilder(BINARY, "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + ": " + e.getMessage(), e);
        }
        Process started = process;
        await("mosquitto accepting on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + started.exitValue() + ":\n" + logText());
                    }
                    return accepts(port) && (tlsPort < 0 || accepts(tlsPort));
                });
    }

    /** SIGTERM: clients are disconnected, a persistent broker saves its state. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void restart() {
        stop();
        start();
    }

    /** The broker's process id, for a benchmark that reports its CPU time. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        return process.pid();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String config() throws IOException {
        if (written != null) {
            return "user " + System.getProperty("user.name") + "\nlog_dest file " + dir.resolve("broker.log")
                    + "\nlog_type all\nconnection_messages true\n" + written.apply(port);
        }
        List<String> lines = new ArrayList<>();
        lines.add("user " + System.getProperty("user.name"));
        lines.add("log_dest file " + dir.resolve("broker.log")); // written line by line, unlike a piped stdout
        lines.add("log_type error");
        lines.add("log_type warning");
        lines.add("log_type notice");
        lines.add("log_type information");
        lines.add("connection_messages true");
        // a park subscriber that is briefly away must not lose a backlog: no queue cap
        lines.add("max_queued_messages 0");
        lines.add("max_inflight_messages " + maxInflight);
        // Nagle off, as INSTALL.md configures a park's broker: a QoS 1 exchange is not held 40 ms
        lines.add("set_tcp_nodelay true");
        if (persistent) {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            lines.add("persistence true");
            lines.add("persistence_location " + data + "/");
            lines.add("autosave_interval 3600");
        } else {
            lines.add("persistence false");
        }
        if (dynsecAdmin != null) {
            Path config = dir.resolve("dynamic-security.json");
            if (!Files.exists(config)) {
                run("mosquitto_ctrl", "dynsec", "init", config.toString(), dynsecAdmin, dynsecPassword);
            }
            lines.add("plugin " + DYNSEC_PLUGIN);
            lines.add("plugin_opt_config_file " + config);
            lines.add("allow_anonymous false");
        } else if (user != null) {
            Path passwords = dir.resolve("passwords");
            Files.writeString(passwords, "");
            run("mosquitto_passwd", "-b", passwords.toString(), user, password);
            lines.add("allow_anonymous false");
            lines.add("password_file " + passwords);
        } else {
            lines.add("allow_anonymous true");
        }
        lines.add("listener " + port + " 127.0.0.1");
        if (pki != null) {
            lines.add("listener " + tlsPort + " 127.0.0.1");
            lines.add("cafile " + pki.caCert());
            lines.add("certfile " + pki.serverCert());
            lines.add("keyfile " + pki.serverKey());
            lines.add("require_certificate " + requireClientCert);
        }
        return String.join("\n", lines) + "\n";
    }

    static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on right now: bind port 0, read it, close. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
