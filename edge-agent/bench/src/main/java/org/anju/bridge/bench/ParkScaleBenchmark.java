package org.anju.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.StateQueries;
import org.anju.bridge.testing.LocalPostgres;

/**
 * {@code anju bench park-scale [GATEWAYS [PORTS [EVENTS]]]}: the park at the size of a district,
 * on PostgreSQL (fsync on). GATEWAYS gateways (1,000) each announce their building's PORTS
 * charging ports (220: 220,000 in the park) and one open alarm through Mosquitto, signed, to the
 * bridge in the packaged unit's heap. In one run:
 * <ol>
 *   <li>memory: the bridge's RSS and live heap after loading a quarter of the gateways (a park of
 *       its own) and all of them, so the cost of a gateway is a slope, each beside the same bridge
 *       before its gateways came;</li>
 *   <li>the API a console asks ({@link ApiLatency}): p50 and p99 idle, beside the store's own query;</li>
 *   <li>EVENTS events (200,000) queued while the instance was away, drained by it with the API and
 *       an alarm probe asked meanwhile; beside one bare multi-row INSERT stream of the same rows;</li>
 *   <li>as many again drained by two instances sharing the ingest, a console on the first for alarms
 *       either ingests; beside two bare streams at once.</li>
 * </ol>
 * Every figure goes to the bench results with the machine's load when it was taken.
 */
public final class ParkScaleBenchmark {
    /** What the run stored, counted in the database: a smoke test checks these are exact. */
    record Stored(long gateways, long ports, long charging, long faulted, long openAlarms, long events) {
    }

    private ParkScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 1_000, args.length > 1 ? Integer.parseInt(args[1]) : 220,
                args.length > 2 ? Integer.parseInt(args[2]) : 200_000, 200, Duration.ofSeconds(2));
    }

    /** {@code settle}: how long the park is left before its memory and its idle alarms are measured. */
    static Stored run(int gateways, int ports, int events, int apiRounds, Duration settle) throws Exception {
        BenchReport report = new BenchReport("park-scale");
        Path root = Files.createTempDirectory("anju-bench-park-scale");
        System.out.printf(Locale.ROOT, "park-scale benchmark: %,d gateways of %d ports each (%,d ports), a backlog of %,d events"
                + " twice, the bridge in %s, PostgreSQL with fsync; work in %s; load %s%n", gateways, ports, (long) gateways * ports,
                events, String.join(" ", BridgeProcess.UNIT_HEAP), root, Files.readString(Path.of("/proc/loadavg")).trim());
        AlarmProbe probe = new AlarmProbe(ParkBenchmark.PARK);
        try (LocalPostgres pg = LocalPostgres.start(true)) {
            Memory quarter;
            try (ScalePark small = ScalePark.create(root, "quarter", pg, new FloodGateways(ParkBenchmark.PARK, gateways / 4), ports,
                    probe); BridgeProcess bridge = small.start("bridge-a")) {
                quarter = Memory.loaded(small, bridge, settle);
            }
            FloodGateways flood = new FloodGateways(ParkBenchmark.PARK, gateways);
            try (ScalePark park = ScalePark.create(root, "park", pg, flood, ports, probe);
                 ParkDatabase db = park.openStore()) {
                StateQueries store = new StateQueries(db);
                Memory full;
                ApiClient officer;
                try (BridgeProcess a = park.start("bridge-a")) {
                    full = Memory.loaded(park, a, settle);
                    Memory.report(report, quarter, full, ports);
                    Stored announced = stored(park);
                    check(announced, gateways, (long) gateways * ports, (long) gateways * PortAnnouncement.size(ports));
                    officer = ApiClient.signIn(a.port(), "admin", ParkYaml.ADMIN_PASSWORD);
                    record(report, new ApiLatency(officer, store, flood.ids()).sample(apiRounds), "idle", "idle");
                }
                probe.connect(park.brokerUri());
                int perGateway = flood.perGateway(events);
                long next = PortAnnouncement.size(ports) + 1; // each gateway's seq goes on from its announcement
                long drained = drain(report, park, List.of("bridge-a"), probe, store, officer, next, perGateway, "one", apiRounds,
                        settle);
                // instance B's session at the broker (not before: the first backlog is A's alone), so the next is shared
                park.start("bridge-b").close();
                drain(report, park, List.of("bridge-a", "bridge-b"), probe, store, officer, next + perGateway, perGateway,
                        "two", apiRounds, settle);
                Stored end = stored(park);
                disk(report, park, end);
                // the backlogs' readings are of the first piles' ports (FloodGateways): a smaller building gains some
                check(end, gateways, (long) gateways * Math.max(ports, FloodGateways.PILES * FloodGateways.PORTS),
                        (long) gateways * PortAnnouncement.size(ports) + 2 * drained);
                probe.close();
                report.finish();
                return end;
            }
        }
    }

    /**
     * A backlog of {@code perGateway} events a gateway, numbered from {@code firstSeq}, queued while
     * the instances were away, then drained by {@code instances}; beside as many bare INSERT streams.
     */
    private static long drain(BenchReport report, ScalePark park, List<String> instances, AlarmProbe probe, StateQueries store,
                              ApiClient officer, long firstSeq, int perGateway, String name, int apiRounds, Duration settle)
            throws Exception {
        FloodGateways flood = park.gateways();
        long published = (long) perGateway * flood.count();
        flood.publish(park.brokerUri(), FloodGateways.batches(FloodGateways.backlog(firstSeq, perGateway)), 4, 64);
        double[] floor = new double[1];
        try (ScaleDrain.Result r = ScaleDrain.run(park, instances, published, probe, store, officer,
                Math.min(40, apiRounds), settle)) {
            double rate = published / r.seconds();
            for (BridgeProcess b : r.bridges()) {
                b.close(); // the floor has the database to itself, as the drain had
            }
            floor[0] = bareStreams(park, flood, perGateway, instances.size(), name);
            String who = instances.size() == 1 ? "one instance" : instances.size() + " instances";
            String whose = instances.size() == 1 ? "one instance's" : instances.size() + " instances'";
            System.out.printf(Locale.ROOT, "  %s drained %,d events in %.1f s: %,.0f events/s (stored by each: %s); %d bare"
                            + " multi-row INSERT stream(s) of the same rows %,.0f rows/s: %.2f of the floor (load %.1f)%n", who, published,
                    r.seconds(), rate, r.storedBy(), instances.size(), floor[0], rate / floor[0], BenchReport.loadAverage());
            report.add("ingest." + name, "events/s", BenchReport.Better.HIGHER, Samples.of(rate), Samples.of(floor[0]),
                    instances.size() + " bare multi-row INSERT stream(s) at once of the same rows, same server, "
                            + ParkBenchmark.GROUP + " batches a transaction");
            Samples during = new Samples(r.alarmsDuring().stream().mapToDouble(Double::doubleValue).toArray());
            Samples idle = new Samples(r.alarmsIdle().stream().mapToDouble(Double::doubleValue).toArray());
            List<Double> raised = r.alarmsDuring();
            List<Double> later = raised.subList(Math.min(raised.size() - 1, 25), raised.size());
            System.out.printf(Locale.ROOT, "  %s: alarm to a console on the first instance during the drain p50 %.0f ms p99 %.0f ms"
                    + " (%d alarms, the slowest the %d-th raised; after the first 5 s p99 %.0f ms); idle p50 %.0f ms p99 %.0f ms%n",
                    who, during.median(), during.percentile(99), during.count(), raised.indexOf(Collections.max(raised)) + 1,
                    new Samples(later.stream().mapToDouble(Double::doubleValue).toArray()).percentile(99), idle.median(),
                    idle.percentile(99));
            report.add("alarm.p99." + name, "ms", BenchReport.Better.LOWER, Samples.of(during.percentile(99)),
                    Samples.of(idle.percentile(99)), "the same alarm with the park idle (console on the first instance)");
            record(report, r.api(), "drain." + name, "during " + whose + " drain");
            return published;
        }
    }

    /** {@code streams} bare INSERT streams at once, each a share of the gateways, into a fresh database: rows/s in all. */
    private static double bareStreams(ScalePark park, FloodGateways flood, int perGateway, int streams, String name)
            throws Exception {
        ParkConfig.Store fresh = park.freshStore("floor_" + name);
        List<String> ids = flood.ids();
        List<CompletableFuture<Void>> running = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < streams; s++) {
            List<String> share = ids.subList(ids.size() * s / streams, ids.size() * (s + 1) / streams);
            Connection c = BareInserts.fresh(fresh);
            running.add(CompletableFuture.runAsync(() -> {
                try (c) {
                    BareInserts.run(c, BareInserts.Way.MULTI_ROW_INSERT, share, perGateway, ParkBenchmark.GROUP);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Void> f : running) {
            f.get(30, TimeUnit.MINUTES);
        }
        return (double) perGateway * ids.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void record(BenchReport report, ApiLatency.Sampled s, String when, String whenText) {
        Samples health = s.health();
        for (ApiLatency.Kind k : ApiLatency.Kind.values()) {
            Samples api = s.api(k);
            Samples store = s.store(k);
            List<Double> inOrder = s.apiMs().get(k);
            int worst = inOrder.indexOf(Collections.max(inOrder));
            System.out.printf(Locale.ROOT, "  API %-15s %-5s p50 %7.1f ms p99 %7.1f ms (%d rounds, the worst in round %d); the store's query"
                            + " p50 %6.1f p99 %6.1f; /health p50 %5.1f p99 %5.1f (load %.1f)%n", k.figure, when.replace("drain.", ""),
                    api.median(), api.percentile(99), api.count(), worst + 1, store.median(),
                    store.percentile(99), health.median(), health.percentile(99), BenchReport.loadAverage());
            report.add("api." + k.figure + ".p99." + when, "ms", BenchReport.Better.LOWER, Samples.of(api.percentile(99)),
                    Samples.of(store.percentile(99)), String.format(Locale.ROOT, "the same rows by the store's own query %s, no HTTP"
                            + " (/health round trip p99 %.1f ms)", whenText, health.percentile(99)));
        }
    }

    /** What a stored event takes on disk, its table's indexes included, beside its payload's bytes: the sizing's unit. */
    private static void disk(BenchReport report, ScalePark park, Stored s) throws Exception {
        double perEvent = (double) park.count("SELECT pg_total_relation_size('event')") / s.events();
        double payload = (double) park.count("SELECT SUM(octet_length(payload)) FROM event") / s.events();
        double perPort = (double) park.count("SELECT pg_total_relation_size('port_state')") / s.ports();
        System.out.printf(Locale.ROOT, "  on disk: %.0f bytes an event with its indexes (payloads %.0f bytes), %.0f bytes a port's"
                + " last-known state%n", perEvent, payload, perPort);
        report.add("disk.per-event", "bytes", BenchReport.Better.LOWER, Samples.of(perEvent), Samples.of(payload),
                "the event's payload alone (PostgreSQL, the event table and its indexes)");
    }

    private static Stored stored(ScalePark park) throws Exception {
        String real = " WHERE gateway <> '" + AlarmProbe.GATEWAY + "'";
        return new Stored(park.count("SELECT COUNT(*) FROM gateway WHERE id <> '" + AlarmProbe.GATEWAY + "'"),
                park.count("SELECT COUNT(*) FROM port_state" + real),
                park.count("SELECT COUNT(*) FROM port_state" + real + " AND state = 'Charging'"),
                park.count("SELECT COUNT(*) FROM port_state" + real + " AND state = 'Faulted'"),
                park.count("SELECT COUNT(*) FROM alarm" + real + " AND state <> 'CLEARED'"),
                park.count("SELECT COUNT(*) FROM event" + real));
    }

    /** Every gateway known, every port stored once, every event once: else the run's figures mean nothing. */
    private static void check(Stored s, int gateways, long ports, long events) {
        System.out.printf(Locale.ROOT, "  stored: %s%n", s);
        if (s.gateways() != gateways || s.ports() != ports || s.events() != events) {
            throw new IllegalStateException("stored " + s + ", expected " + gateways + " gateways, " + ports + " ports, "
                    + events + " events");
        }
    }
}
