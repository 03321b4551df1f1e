package org.anju.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.testing.LocalPostgres;
import org.anju.bridge.testing.MosquittoBroker;

import io.vertx.core.json.JsonObject;

/**
 * One benchmark park on PostgreSQL: a Mosquitto and a database of its own, its gateways' buildings
 * (each with a shed of charging ports) in park.yaml, and its instances started by name, each on a
 * port of its own. What was stored is counted exactly, in the database.
 */
final class ScalePark implements AutoCloseable {
    private final Path dir;
    private final MosquittoBroker broker;
    private final LocalPostgres pg;
    private final String database;
    private final ParkYaml yaml;
    private final FloodGateways flood;
    private final int ports;
    private final java.util.Map<String, Integer> portOf = new java.util.HashMap<>();

    private ScalePark(Path dir, MosquittoBroker broker, LocalPostgres pg, String database, ParkYaml yaml, FloodGateways flood,
                      int ports) {
        this.dir = dir;
        this.broker = broker;
        this.pg = pg;
        this.database = database;
        this.yaml = yaml;
        this.flood = flood;
        this.ports = ports;
    }

    /** A new park {@code name} in {@code root}: its broker started, its database created (empty until a bridge starts). */
    static ScalePark create(Path root, String name, LocalPostgres pg, FloodGateways flood, int ports, AlarmProbe probe)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(root.resolve(name));
        MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
        pg.createDatabase(name);
        return new ScalePark(dir, broker, pg, name, new ParkYaml(ParkBenchmark.PARK, broker.uri(), pg, name, flood,
                PortAnnouncement.piles(ports), probe, null, Ed25519Keys.generate()), flood, ports);
    }

    /** Instance {@code instance} started and ready. */
    BridgeProcess start(String instance) throws IOException, InterruptedException {
        return launch(instance).awaitReady();
    }

    /** Instance {@code instance} started: its API answers (its park.yaml written at its first start, its port kept). */
    BridgeProcess launch(String instance) throws IOException, InterruptedException {
        Path file = dir.resolve(instance + ".yaml");
        int port;
        synchronized (portOf) {
            if (!portOf.containsKey(instance)) {
                portOf.put(instance, ParkBenchmark.freePort());
                yaml.write(dir, file.getFileName().toString(), instance, portOf.get(instance));
            }
            port = portOf.get(instance);
        }
        return BridgeProcess.start(file, dir.resolve(instance + ".log"), port);
    }

    String brokerUri() {
        return broker.uri();
    }

    FloodGateways gateways() {
        return flood;
    }

    int portsPerGateway() {
        return ports;
    }

    /**
     * Every gateway's birth and announcement ({@link PortAnnouncement}) published; returns once
     * {@code bridge} stored them all (its {@code /health}), in seconds from the first publish.
     */
    double announce(BridgeProcess bridge) throws Exception {
        long before = stored(bridge);
        long start = System.nanoTime();
        flood.publish(broker.uri(), FloodGateways.batches(PortAnnouncement.events(ports)), 4, 64);
        long expected = before + (long) flood.count() * PortAnnouncement.size(ports);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (stored(bridge) < expected) {
            if (System.nanoTime() > deadline || !bridge.alive()) {
                throw new IllegalStateException("the announcements were not stored: " + bridge.health() + "; see " + bridge.log());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static long stored(BridgeProcess bridge) {
        JsonObject h = bridge.health();
        return h == null ? 0 : h.getLong("storedEvents", 0L);
    }

    /** The answer of a {@code SELECT COUNT(*) ...} in this park's database. */
    long count(String sql) throws SQLException {
        try (Connection c = pg.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The store as the bridge opens it: the floor's queries run on the bridge's own code. */
    ParkDatabase openStore() throws IOException {
        ParkDatabase.Opened opened = ParkDatabase.open(store(database), "bench-floor");
        if (!(opened instanceof ParkDatabase.Opened.Ok ok)) {
            throw new IllegalStateException(opened.toString());
        }
        return ok.database();
    }

    /** Another database on the same server, for the bare inserts' floor. */
    ParkConfig.Store freshStore(String name) throws IOException, InterruptedException {
        pg.createDatabase(name);
        return store(name);
    }

    private ParkConfig.Store store(String name) throws IOException {
        return new ParkConfig.Store.Postgres(pg.jdbcUrl(name), pg.user(), pg.passwordFile(dir));
    }

    @Override
    public void close() {
        broker.close();
    }
}
