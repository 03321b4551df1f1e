package org.anju.bridge.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of its own, for the benchmarks and the tests: Debian's postgresql package,
 * {@code initdb} in a new folder, listening on loopback on a free port, no other connections.
 * PostgreSQL refuses to run as root, so when this runs as root the server runs as the
 * {@code postgres} user the package creates. {@link #close()} stops it and removes its folder.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;
    private final String password;

    private LocalPostgres(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts a server with database {@code anju} owned by user {@code anju}; {@code durable} keeps
     * PostgreSQL's fsync (a benchmark's store), off it skips it (tests).
     */
    public static LocalPostgres start(boolean durable) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("anju-pg");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String password = "pg-" + Long.toHexString(System.nanoTime());
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        Path data = dir.resolve("data");
        if (isRoot()) {
            run(dir, List.of("chown", "-R", "postgres:postgres", dir.toString()), null);
        }
        run(dir, asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "anju",
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C")), null);
        int port = startOnAFreePort(dir, data, durable);
        LocalPostgres server = new LocalPostgres(dir, port, password);
        server.createDatabase("anju");
        return server;
    }

    /**
     * Starts the server on a port that was free a moment ago; another process may take it in between
     * (the suite's other test JVMs open sockets all the time), so a start refused for that is tried
     * again on another port.
     */
    private static int startOnAFreePort(Path dir, Path data, boolean durable) throws IOException, InterruptedException {
        Path log = dir.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Files.deleteIfExists(log); // pg_ctl appends: what it says is this attempt's
            try {
                run(dir, asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                        "-l", log.toString(), "-o",
                        "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                                + " -c fsync=" + (durable ? "on" : "off") + " -c max_connections=50", "start")), null);
                return port;
            } catch (IOException e) {
                String said = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                if (attempt >= 5 || !said.contains("Address already in use")) {
                    throw new IOException(e.getMessage() + "\nserver.log:\n" + said, e);
                }
            }
        }
    }

    /** The server's own process (postmaster), whose children are its backends: to measure what it costs. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim());
    }

    /** A new, empty database owned by {@link #user()}; returns its JDBC URL. */
    public String createDatabase(String name) throws IOException, InterruptedException {
        run(dir, asPostgres(List.of(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", "anju", name)), password);
        return jdbcUrl(name);
    }

    /** The command as the postgres user when this runs as root, which PostgreSQL refuses. */
    private static List<String> asPostgres(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(Path dir, List<String> command, String password) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (Debian package 'postgresql'): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl("anju");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "anju";
    }

    public String password() {
        return password;
    }

    /** A connection to {@code database} as {@link #user()}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password);
    }

    /** Runs statements in {@code database}, e.g. to empty it between rounds. */
    public void execute(String database, String... sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** A file holding the password, as the bridge's configuration names it. */
    public Path passwordFile(Path folder) throws IOException {
        Path file = folder.resolve("pg-password");
        Files.writeString(file, password + "\n");
        return file;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(dir, asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                "immediate", "-w", "stop")), null);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
