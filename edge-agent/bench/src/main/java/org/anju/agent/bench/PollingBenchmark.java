package org.anju.agent.bench;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;
import org.anju.agent.bus.BusScheduler;
import org.anju.agent.bus.BusSettings;
import org.anju.agent.bus.DeviceScanner;
import org.anju.agent.bus.ModbusClient;
import org.anju.agent.bus.TcpTransport;
import org.anju.agent.bus.WireTime;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.model.ChargingPileProfile;

/**
 * {@code anju bench polling [BAUD|site [SECONDS]]}: the example dormitory block's 220 charging ports
 * (13 piles of 12 ports and 4 of 16 on three buses, as in {@code sites/dormitory-block.yaml}) polled
 * by the agent's own bus schedulers and device scanners with the shipped profiles' read plans,
 * against reference piles whose replies are paced at the line rate. Every port is polled as fast
 * as the line allows; the benchmark prints the transactions per second and the time for a full
 * cycle of every port, next to the line-rate floor for exactly these frames at each bus's baud rate
 * (the site's own, 19200 for the sheds and 9600 for the yard, unless one rate is given for all).
 */
public final class PollingBenchmark {
    private record BusPlan(String name, String profile, int piles, int baud) {
        BusPlan atBaud(int other) {
            return new BusPlan(name, profile, piles, other);
        }
    }

    /** The example site's pile buses, at its baud rates. */
    private static final List<BusPlan> SITE = List.of(
            new BusPlan("bus-north", "anju-ref-pile-12", 6, 19200),
            new BusPlan("bus-south", "anju-ref-pile-12", 7, 19200),
            new BusPlan("bus-yard", "anju-ref-pile-16", 4, 9600));

    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Integer baud = args.length > 0 && !args[0].equals("site") ? Integer.valueOf(args[0]) : null;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ProfileCatalog catalog = ProfileCatalog.shipped().catalog();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(3);
        List<AutoCloseable> open = new ArrayList<>();
        List<Measured> measured = new ArrayList<>();
        try {
            for (BusPlan sitePlan : SITE) {
                BusPlan plan = baud == null ? sitePlan : sitePlan.atBaud(baud);
                ChargingPileProfile profile = catalog.find(plan.profile(), ChargingPileProfile.class).orElseThrow();
                measured.add(start(plan, profile, timer, open));
            }
            System.out.printf("polling benchmark: %d ports on %d buses, every port as fast as the line allows%n",
                    measured.stream().mapToInt(m -> m.ports).sum(), SITE.size());
            Thread.sleep(3_000); // warm up: connections, JIT, the first cycles
            double[][] tps = new double[measured.size()][ROUNDS];
            double[][] cycles = new double[measured.size()][ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                measured.forEach(Measured::reset);
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L / ROUNDS);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                for (int b = 0; b < measured.size(); b++) {
                    tps[b][r] = measured.get(b).exchanges() / elapsed;
                    cycles[b][r] = measured.get(b).cycleSeconds(elapsed);
                }
            }
            System.out.printf("  %-10s %6s %5s %6s   %-28s %-28s%n", "bus", "baud", "piles", "ports", "transactions/s (line max)",
                    "full cycle of every port (floor)");
            double worstCycle = 0;
            BenchReport report = new BenchReport("polling");
            for (int b = 0; b < measured.size(); b++) {
                Measured m = measured.get(b);
                Samples rate = Samples.of(tps[b]);
                Samples cycle = Samples.of(cycles[b]);
                worstCycle = Math.max(worstCycle, cycle.median());
                System.out.printf("  %-10s %6d %5d %6d   %7.1f  (line %5.1f, %3.0f %%)   %6.2f s  (line %5.2f s)%n",
                        m.plan.name(), m.plan.baud(), m.plan.piles(), m.ports, rate.median(), m.floorTps,
                        100 * rate.median() / m.floorTps, cycle.median(), m.floorCycleSeconds);
                report.add(m.plan.name() + "." + m.plan.baud() + ".transactions", "1/s", BenchReport.Better.HIGHER, rate,
                        Samples.of(m.floorTps), "the line's maximum for the same frames at " + m.plan.baud() + " baud");
                report.add(m.plan.name() + "." + m.plan.baud() + ".cycle", "s", BenchReport.Better.LOWER, cycle,
                        Samples.of(m.floorCycleSeconds), "every port's reads back to back at the line's rate");
            }
            System.out.printf("  every one of the %d ports read at least every %.2f s (the slowest bus's cycle)%n",
                    measured.stream().mapToInt(m -> m.ports).sum(), worstCycle);
            report.finish();
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            timer.shutdownNow();
        }
    }

    private static Measured start(BusPlan plan, ChargingPileProfile profile, ScheduledExecutorService timer,
                                  List<AutoCloseable> open) throws Exception {
        // each bus its own line: a LinePacing is one wire, and sharing one would serialise the buses
        int baud = plan.baud();
        LinePacing pacing = LinePacing.atBaud(baud);
        List<LineDevice> units = new ArrayList<>();
        for (int u = 1; u <= plan.piles(); u++) {
            units.add(new PileSimulator(profile.ports(), PileLimits.DEFAULTS).onLine(u));
        }
        LineDevice line = SharedLine.of(units);
        TcpSerialServer server = new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), line, pacing,
                Math.max(pacing.silenceNanos(), 1_000_000), timer);
        open.add(server);
        BusScheduler bus = new BusScheduler(BusSettings.defaults(plan.name(), pacing.silenceNanos()),
                new TcpTransport("127.0.0.1", server.port()), status -> System.out.println("    " + plan.name() + ": " + status));
        open.add(bus);
        ModbusClient modbus = new ModbusClient(bus);
        Measured m = new Measured(plan, plan.piles() * profile.ports(), profile.reads().size());
        List<DeviceScanner.Read> reads = profile.reads().stream()
                .map(r -> new DeviceScanner.Read(r.table(), r.address(), r.count())).toList();
        for (int u = 1; u <= plan.piles(); u++) {
            String device = plan.name() + "-pile-" + u;
            open.add(new DeviceScanner(modbus, device, u, reads, Duration.ofMillis(100),
                    Clock.systemUTC(), snapshot -> m.snapshot(snapshot.device())));
        }
        // the floor: every read's request and reply on the wire, each followed by the 3.5-character silence
        double perPile = WireTime.ofScan(profile.reads(), baud).toNanos() / 1e9;
        m.floorCycleSeconds = perPile * plan.piles();
        m.floorTps = profile.reads().size() / perPile;
        return m;
    }


    /** What one bus achieved: exchanges, and the time between complete snapshots of each pile. */
    private static final class Measured {
        final BusPlan plan;
        final int ports;
        final int readsPerCycle;
        final Map<String, AtomicLong> snapshots = new ConcurrentHashMap<>();
        final Map<String, long[]> firstLast = new ConcurrentHashMap<>();
        double floorTps;
        double floorCycleSeconds;

        Measured(BusPlan plan, int ports, int readsPerCycle) {
            this.plan = plan;
            this.ports = ports;
            this.readsPerCycle = readsPerCycle;
        }

        /** Exchanges in complete cycles: a cycle is every read of a pile answered. */
        long exchanges() {
            return snapshots.values().stream().mapToLong(AtomicLong::get).sum() * readsPerCycle;
        }

        void snapshot(String device) {
            snapshots.computeIfAbsent(device, d -> new AtomicLong()).incrementAndGet();
            long now = System.nanoTime();
            long[] fl = firstLast.computeIfAbsent(device, d -> new long[] {now, now});
            fl[1] = now; // one bus thread per device: no race on its own entry
        }

        void reset() {
            snapshots.values().forEach(c -> c.set(0));
            firstLast.clear();
        }

        /** The slowest pile's mean time between complete snapshots. */
        double cycleSeconds(double elapsed) {
            double slowest = 0;
            for (int u = 1; u <= plan.piles(); u++) {
                String device = plan.name() + "-pile-" + u;
                AtomicLong c = snapshots.get(device);
                long[] fl = firstLast.get(device);
                if (c == null || fl == null || c.get() < 2) {
                    return Double.POSITIVE_INFINITY;
                }
                // the count includes the first snapshot, which starts the measured span
                slowest = Math.max(slowest, (fl[1] - fl[0]) / 1e9 / (c.get() - 1));
            }
            return slowest;
        }
    }
}
