package org.anju.bridge.bench;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.testing.LocalPostgres;
import org.anju.bridge.testing.MosquittoBroker;

import io.vertx.core.json.JsonObject;

/**
 * {@code anju bench park [GATEWAYS [EVENTS [STORES]]]}: a park's flood. GATEWAYS gateways (500)
 * come back after an outage with EVENTS events between them (200,000 by default, a few minutes on
 * two cores; 2,000,000 is the full flood) queued at the broker for the park's bridge, which
 * runs as its own process in the packaged unit's heap ({@code -Xmx512m}) on SQLite, then on
 * PostgreSQL (STORES: {@code sqlite,postgres}). In one run, for each store:
 * <ol>
 *   <li>the bridge drains the backlog without a restart: events stored per second, beside the
 *       floor, the same rows written by a bare JDBC loop into the same table of the same database;</li>
 *   <li>its resident memory through the drain, beside the same bridge idle before the flood;</li>
 *   <li>an alarm raised by another building during the drain, from its publish to a fire
 *       officer's live stream, beside the same with the park idle;</li>
 *   <li>an alarm raised while the bridge was away, queued behind the flood: how soon after the
 *       bridge answers its gateway (the real uplink, {@link AwayAlarm}) has the park's receipt;</li>
 *   <li>every event confirmed to its gateway by a receipt signed with the park's key.</li>
 * </ol>
 * and once, the Ed25519 check every batch costs the park, beside JDK 17's own.
 */
public final class ParkBenchmark {
    static final String PARK = "bench";
    /** How many batches the bridge stores in one transaction at most: the floor commits as often. */
    static final int GROUP = 64;

    record Drained(double eventsPerSecond, double seconds, double rssIdleMb, double rssPeakMb, List<Double> alarmsDuring,
                   List<Double> alarmsIdle, long portEvents, JsonObject health, double bridgeCpu, double brokerCpu, double storeCpu, double benchCpu,
                   String slowestAlarms, double laterHalfPerSecond, Away away) {
    }

    /**
     * The alarm raised while the bridge was away: confirmed this long after the bridge answered (its
     * API) and after it was launched; how often its gateway sent events again.
     */
    record Away(double afterReadyMs, double afterLaunchMs, long resent) {
    }

    public static void main(String[] args) throws Exception {
        int gateways = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<String> stores = List.of((args.length > 2 ? args[2] : "sqlite,postgres").split(","));
        BenchReport report = new BenchReport("park");
        Path root = Files.createTempDirectory("anju-bench-park");
        FloodGateways flood = new FloodGateways(PARK, gateways);
        int perGateway = flood.perGateway(events);
        System.out.printf(Locale.ROOT, "park benchmark: %d gateways, %,d events queued at Mosquitto (%d each, batches of %d,"
                + " 4 in 5 readings), the bridge in %s; work in %s%n", gateways, (long) perGateway * gateways, perGateway,
                FloodGateways.BATCH, String.join(" ", BridgeProcess.UNIT_HEAP), root);
        verifyCost(report);
        for (String store : stores) {
            Path dir = Files.createDirectories(root.resolve(store));
            try (LocalPostgres pg = store.equals("postgres") ? LocalPostgres.start(true) : null) {
                Drained d = drain(flood, events, dir, pg);
                // three rounds whatever the size: one round of the full flood's floor ranged from 108,000 to 157,000
                // rows/s between runs on this machine, and the ratio with it
                List<Double> floor = floor(flood, perGateway, dir, pg, 3);
                Samples floorRounds = Samples.of(floor.stream().mapToDouble(Double::doubleValue).toArray());
                Samples during = new Samples(d.alarmsDuring().stream().mapToDouble(Double::doubleValue).toArray());
                Samples idle = new Samples(d.alarmsIdle().stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf(Locale.ROOT, "  %-8s drained %,d events in %.1f s: %,.0f events/s; bare %s of the same rows"
                                + " %,.0f rows/s (%s): %.2f of the floor%n", store, (long) perGateway * gateways, d.seconds(),
                        d.eventsPerSecond(), pg == null ? "prepared batch" : "multi-row INSERT", floorRounds.median(),
                        rounds(floor), d.eventsPerSecond() / floorRounds.median());
                // a fresh bridge's first seconds go to compiling its code (a third of its CPU in a 40 s drain's flight
                // recording): the later half says what a bridge that has run a while drains at
                System.out.printf(Locale.ROOT, "  %-8s the drain's later half: %,.0f events/s: %.2f of the floor%n", store,
                        d.laterHalfPerSecond(), d.laterHalfPerSecond() / floorRounds.median());
                System.out.printf(Locale.ROOT, "  %-8s RSS idle %.0f MB, through the drain at most %.0f MB; the bridge never"
                        + " restarted%n", store, d.rssIdleMb(), d.rssPeakMb());
                System.out.printf(Locale.ROOT, "  %-8s alarm to console during the drain p50 %.0f ms p99 %.0f ms (%d alarms);"
                                + " idle p50 %.0f ms p99 %.0f ms%n", store, during.median(), during.percentile(99), during.count(),
                        idle.median(), idle.percentile(99));
                System.out.printf(Locale.ROOT, "  %-8s slowest alarms during the drain: %s%n", store, d.slowestAlarms());
                System.out.printf(Locale.ROOT, "  %-8s alarm raised while the bridge was away, queued behind the flood: %s%n", store,
                        Double.isNaN(d.away().afterReadyMs()) ? "NOT confirmed before the drain ended"
                                : String.format(Locale.ROOT, "confirmed to its gateway %.0f ms after the bridge answered (%.1f s after it"
                                + " was launched), sent again %d time(s), as the park asked", d.away().afterReadyMs(),
                                d.away().afterLaunchMs() / 1000, d.away().resent()));
                System.out.printf(Locale.ROOT, "  %-8s console sent %,d port updates; bridge at the end: %s%n", store,
                        d.portEvents(), d.health().getJsonObject("intake"));
                System.out.printf(Locale.ROOT, "  %-8s CPU during the drain: bridge %.1f s, Mosquitto %.1f s,%s this benchmark"
                        + " (gateways' receipts, console, probes) %.1f s, of %.1f s on %d cores%n", store, d.bridgeCpu(),
                        d.brokerCpu(), Double.isNaN(d.storeCpu()) ? "" : String.format(Locale.ROOT, " PostgreSQL %.1f s,", d.storeCpu()),
                        d.benchCpu(), d.seconds(), Runtime.getRuntime().availableProcessors());
                report.add(store + ".ingest", "events/s", BenchReport.Better.HIGHER, Samples.of(d.eventsPerSecond()), floorRounds,
                        "the same event rows, bare JDBC " + (pg == null ? "prepared batches" : "multi-row INSERTs")
                                + ", same database, " + GROUP + " batches a transaction");
                report.add(store + ".ingest.later-half", "events/s", BenchReport.Better.HIGHER, Samples.of(d.laterHalfPerSecond()),
                        floorRounds, "the same event rows, bare JDBC, as above; the drain's later half, past a fresh bridge's compiling");
                report.add(store + ".alarm.p99", "ms", BenchReport.Better.LOWER, Samples.of(during.percentile(99)),
                        Samples.of(idle.percentile(99)), "the same alarm with the park idle");
                report.add(store + ".alarm.p50", "ms", BenchReport.Better.LOWER, Samples.of(during.median()),
                        Samples.of(idle.median()), "the same alarm with the park idle");
                report.add(store + ".alarm.away", "ms", BenchReport.Better.LOWER, Samples.of(d.away().afterReadyMs()),
                        Samples.of(d.seconds() * 1000), "the drain it was queued behind, from the bridge's answer");
                report.add(store + ".rss", "MB", BenchReport.Better.LOWER, Samples.of(d.rssPeakMb()), Samples.of(d.rssIdleMb()),
                        "the same bridge idle before the flood");
            }
        }
        report.finish();
    }

    /** The Ed25519 check of a batch's signed digest, ours beside the JDK's. */
    private static void verifyCost(BenchReport report) throws Exception {
        double[][] ms = Ed25519Cost.measure(5, 2_000);
        Samples ours = Samples.of(ms[0]);
        Samples jdk = Samples.of(ms[1]);
        System.out.printf(Locale.ROOT, "  Ed25519 check of a signed batch: %.3f ms (BouncyCastle), JDK 17's %.3f ms%n",
                ours.median(), jdk.median());
        report.add("ed25519.verify", "ms", BenchReport.Better.LOWER, ours, jdk, "JDK 17's own Ed25519, the same check");
    }

    private static Drained drain(FloodGateways flood, int events, Path dir, LocalPostgres pg) throws Exception {
        KeyPair parkKey = Ed25519Keys.generate();
        AlarmProbe probe = new AlarmProbe(PARK);
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             AwayAlarm away = new AwayAlarm(PARK)) {
            int port = freePort();
            Path yaml = new ParkYaml(PARK, broker.uri(), pg, "anju", flood, FloodGateways.PILES, probe, away, parkKey)
                    .write(dir, "park.yaml", "bridge-1", port);
            double rssIdle;
            // the bridge once: its schema, its session at the broker and its subscriptions; idle, with a console
            try (BridgeProcess bridge = BridgeProcess.start(yaml, dir.resolve("bridge.log"), port);
                 ConsoleStream console = bridge.awaitReady().console(ParkYaml.ADMIN_PASSWORD, AlarmProbe.GATEWAY)) {
                TimeUnit.SECONDS.sleep(3);
                rssIdle = bridge.rssMb();
            }
            away.connect(broker.uri(), ParkYaml.COMMAND_KEY_ID, parkKey.getPublic());
            long start = System.nanoTime();
            long published = flood.publish(broker.uri(), events, 4, 64);
            System.out.printf(Locale.ROOT, "  published %,d events to Mosquitto %s in %.1f s while the bridge was away%n",
                    published, MosquittoBroker.version(), (System.nanoTime() - start) / 1e9);
            away.raise(); // behind the flood in the bridge's kept session

            try (ReceiptCollector receipts = ReceiptCollector.start(broker.uri(), PARK)) {
                probe.connect(broker.uri());
                Drained d = drainOnce(yaml, dir, port, published, probe, away, rssIdle, broker.pid(), pg == null ? -1 : pg.pid());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ReceiptCollector.Confirmed confirmed = receipts.confirmed(parkKey.getPublic());
                while (!confirmed.all(flood.ids(), flood.perGateway(events)) && System.nanoTime() < deadline) {
                    TimeUnit.SECONDS.sleep(2);
                    confirmed = receipts.confirmed(parkKey.getPublic());
                }
                if (!confirmed.all(flood.ids(), flood.perGateway(events)) || confirmed.refused() > 0) {
                    throw new IllegalStateException("not every event was confirmed by a receipt the gateway accepts ("
                            + confirmed.refused() + " refused)");
                }
                System.out.printf(Locale.ROOT, "  every event confirmed to its gateway: %,d receipts, each signed by the park's key%n",
                        receipts.count());
                probe.close();
                return d;
            }
        }
    }

    /** The second start, with the backlog waiting: until every event is stored, then the idle probes. */
    private static Drained drainOnce(Path yaml, Path dir, int port, long published, AlarmProbe probe, AwayAlarm away,
                                     double rssIdle, long brokerPid, long storePid) throws Exception {
        long started = System.nanoTime();
        try (BridgeProcess bridge = BridgeProcess.start(yaml, dir.resolve("bridge.log"), port)) {
            long answered = System.nanoTime();
            java.util.concurrent.CompletableFuture<Away> awayAlarm = away.confirmedAt().thenApply(at ->
                    new Away((at - answered) / 1e6, (at - started) / 1e6, away.resent()));
            // when the drain begins: the first sign of the broker connection, watched closely while a console signs in
            java.util.concurrent.CompletableFuture<Long> begun = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                while (true) {
                    JsonObject h = bridge.health();
                    if (h != null && (h.getLong("storedEvents", 0L) > 0 || "connected".equals(h.getString("broker")))) {
                        return System.nanoTime();
                    }
                    try {
                        TimeUnit.MILLISECONDS.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return System.nanoTime();
                    }
                }
            });
            // the probe raises once the bridge is ready, as in the scale bench (ScaleDrain says why)
            try (ConsoleStream console = bridge.awaitReady().console(ParkYaml.ADMIN_PASSWORD, AlarmProbe.GATEWAY)) {
                return watch(bridge, console, begun, started, published, probe, awayAlarm, rssIdle, brokerPid, storePid);
            }
        }
    }

    private static Drained watch(BridgeProcess bridge, ConsoleStream console, java.util.concurrent.CompletableFuture<Long> begun,
                                 long started, long published, AlarmProbe probe, java.util.concurrent.CompletableFuture<Away> away,
                                 double rssIdle, long brokerPid, long storePid) throws Exception {
        long pid = bridge.pid();
        double bridgeCpu = BridgeProcess.cpuSeconds(pid);
        double brokerCpu = BridgeProcess.cpuSeconds(brokerPid);
        double storeCpu = storePid < 0 ? 0 : BridgeProcess.treeCpuSeconds(storePid);
        double benchCpu = BridgeProcess.cpuSeconds(ProcessHandle.current().pid());
        AtomicBoolean draining = new AtomicBoolean(true);
        long firstProbe = probe.raised() + 1;
        Thread raiser = new Thread(() -> {
            try {
                while (draining.get()) {
                    probe.raise();
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "bench-probe");
        raiser.start();
        double rssPeak = bridge.rssMb();
        long doneAt;
        JsonObject health;
        List<long[]> progress = new ArrayList<>();   // {when, events stored}
        while (true) {
            health = bridge.health();
            if (health != null) {
                progress.add(new long[] {System.nanoTime(), health.getLong("storedEvents", 0L)});
            }
            rssPeak = Math.max(rssPeak, bridge.rssMb());
            if (!bridge.alive() || bridge.pid() != pid) {
                throw new IllegalStateException("the bridge exited during the drain; see " + bridge.log());
            }
            if (health != null) {
                long probes = probe.latencies(console, firstProbe, probe.raised()).size();
                long awayStored = away.isDone() ? 1 : 0;
                if (health.getLong("storedEvents", 0L) - probes - awayStored >= published) {
                    doneAt = System.nanoTime();
                    break;
                }
            }
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(30)) {
                throw new IllegalStateException("not drained in 30 minutes: " + health);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        draining.set(false);
        raiser.join();
        bridgeCpu = BridgeProcess.cpuSeconds(pid) - bridgeCpu;
        brokerCpu = BridgeProcess.cpuSeconds(brokerPid) - brokerCpu;
        storeCpu = storePid < 0 ? Double.NaN : BridgeProcess.treeCpuSeconds(storePid) - storeCpu;
        benchCpu = BridgeProcess.cpuSeconds(ProcessHandle.current().pid()) - benchCpu;
        long lastDuring = probe.raised();
        List<Double> during = probe.latencies(console, firstProbe, lastDuring);
        TimeUnit.SECONDS.sleep(2);
        for (int i = 0; i < 40; i++) {
            probe.raise();
            TimeUnit.MILLISECONDS.sleep(150);
        }
        TimeUnit.SECONDS.sleep(1);
        List<Double> idle = probe.latencies(console, lastDuring + 1, probe.raised());
        double seconds = (doneAt - begun.get(60, TimeUnit.SECONDS)) / 1e9;
        long half = begun.get() + (doneAt - begun.get()) / 2;
        long[] atHalf = progress.stream().filter(p -> p[0] >= half).findFirst().orElse(progress.get(progress.size() - 1));
        long[] atEnd = progress.get(progress.size() - 1);
        double laterHalf = (atEnd[1] - atHalf[1]) / Math.max(1e-9, (atEnd[0] - atHalf[0]) / 1e9);
        return new Drained(published / seconds, seconds, rssIdle, rssPeak, nonEmpty(during), nonEmpty(idle),
                console.portEvents(), bridge.health(), bridgeCpu, brokerCpu, storeCpu, benchCpu,
                probe.slowest(console, firstProbe, lastDuring, begun.get(), 3), laterHalf,
                away.getNow(new Away(Double.NaN, Double.NaN, -1)));

    }

    private static List<Double> nonEmpty(List<Double> values) {
        return values.isEmpty() ? List.of(Double.NaN) : values;
    }

    /** Rows per second of the bare loop, a round per fresh database. */
    private static List<Double> floor(FloodGateways flood, int perGateway, Path dir, LocalPostgres pg, int rounds)
            throws Exception {
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ParkConfig.Store store = pg == null ? new ParkConfig.Store.Sqlite(dir.resolve("floor-" + r + ".db"))
                    : new ParkConfig.Store.Postgres(pg.createDatabase("floor_" + r), pg.user(), pg.passwordFile(dir));
            try (Connection c = BareInserts.fresh(store)) {
                out.add(BareInserts.run(c, pg == null ? BareInserts.Way.PREPARED_BATCH : BareInserts.Way.MULTI_ROW_INSERT,
                        flood.ids(), perGateway, GROUP));
            }
        }
        if (pg != null) {
            ParkConfig.Store store = new ParkConfig.Store.Postgres(pg.createDatabase("floor_copy"), pg.user(), pg.passwordFile(dir));
            try (Connection c = BareInserts.fresh(store)) {
                System.out.printf(Locale.ROOT, "  postgres the same rows by COPY: %,.0f rows/s%n",
                        BareInserts.run(c, BareInserts.Way.COPY, flood.ids(), perGateway, GROUP));
            }
        }
        return out;
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String rounds(List<Double> values) {
        StringBuilder b = new StringBuilder("rounds:");
        values.forEach(v -> b.append(' ').append(Math.round(v / 1000)).append('k'));
        return b.toString();
    }
}
