package org.anju.agent.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;

import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;
import org.anju.agent.AgentMain;
import org.anju.agent.DataFolder;
import org.anju.agent.Gateway;
import org.anju.agent.bus.WireTime;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.SharedLine;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;

/**
 * {@code anju bench charging}: how fast the gateway acts on a charging area, on one bus of three
 * 10-port reference piles paced at 9600 baud: from a smoke input to every port commanded off and
 * seen off, and from an overload appearing on a port to its relay open; next to the wire time of
 * one poll cycle of the three piles, which bounds how soon any reading can be seen. The same for
 * the meter-shed example site's twelve sockets ({@link ShedRun}), next to a cycle of its line.
 */
public final class ChargingBenchmark {
    private static final int SMOKE = 23;

    public static void main(String[] args) throws Exception {
        AgentMain.quietLibraries();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int baud = 9600;
        List<Long> smokeToOff = new ArrayList<>();
        List<Long> overloadToCut = new ArrayList<>();
        List<Double> pollToCut = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            smokeToOff.add(run(baud, true, pollToCut));
            overloadToCut.add(run(baud, false, pollToCut));
        }
        // one poll cycle: each pile's reads of the reference profile, request and reply on the wire
        var profile = org.anju.profiles.load.ProfileCatalog.shipped().catalog()
                .find("anju-ref-pile-10", org.anju.profiles.model.ChargingPileProfile.class).orElseThrow();
        double cycle = 3 * WireTime.ofScan(profile.reads(), baud).toNanos() / 1e6;
        double biggest = profile.reads().stream().mapToDouble(r -> WireTime.ofScan(List.of(r), baud).toNanos() / 1e6).max()
                .orElseThrow();
        // the meter shed of the example site: its smoke and overload, next to a cycle of its line
        List<Long> shedSmoke = new ArrayList<>();
        List<Long> shedOverload = new ArrayList<>();
        List<Double> shedPollToCut = new ArrayList<>();
        double shedCycle = 0;
        for (int round = 0; round < rounds; round++) {
            ShedRun.Measured s = ShedRun.run(true);
            shedSmoke.add(s.millis());
            shedCycle = s.cycleMillis();
            ShedRun.Measured o = ShedRun.run(false);
            shedOverload.add(o.millis());
            o.readingToCut().ifPresent(shedPollToCut::add);
        }
        double shedTransaction = ShedRun.transactionMillis(baud);
        Samples smoke = Samples.of(smokeToOff.stream().mapToDouble(Long::doubleValue).toArray());
        Samples overload = Samples.of(overloadToCut.stream().mapToDouble(Long::doubleValue).toArray());
        Samples reaction = Samples.of(pollToCut.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf("charging benchmark: 3 piles x 10 ports on one bus at %d baud, %d rounds%n", baud, rounds);
        System.out.printf("  floor  one poll cycle of the three piles on the wire:   %7.0f ms%n", cycle);
        System.out.printf("  anju   smoke input -> all 30 ports off (median, worst): %7.0f ms %7.0f ms%n", smoke.median(), smoke.max());
        System.out.printf("  anju   overload on a port -> its relay open (median, worst): %5.0f ms %7.0f ms%n",
                overload.median(), overload.max());
        System.out.printf("  floor  one bus transaction (the largest read of the cycle):  %7.0f ms%n", biggest);
        System.out.printf("  anju   over-limit reading off the wire -> cut command on the wire (median, worst): %5.0f ms %7.0f ms%n",
                reaction.median(), reaction.max());
        Samples sSmoke = Samples.of(shedSmoke.stream().mapToDouble(Long::doubleValue).toArray());
        Samples sOverload = Samples.of(shedOverload.stream().mapToDouble(Long::doubleValue).toArray());
        Samples sReaction = Samples.of(shedPollToCut.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf("meter shed (meter-shed.yaml): 12 sockets, 12 meters and 2 relay boards on one line at %d baud%n", baud);
        System.out.printf("  floor  one poll cycle of the shed's line on the wire:         %7.0f ms%n", shedCycle);
        System.out.printf("  anju   smoke input -> all 12 sockets off (median, worst):      %7.0f ms %7.0f ms%n", sSmoke.median(),
                sSmoke.max());
        System.out.printf("  anju   overload on a socket -> its channel open (median, worst): %5.0f ms %7.0f ms%n",
                sOverload.median(), sOverload.max());
        System.out.printf("  floor  one bus transaction (the meter read that carries the power): %4.0f ms%n", shedTransaction);
        System.out.printf("  anju   over-limit reading off the wire -> channel write on the wire (median, worst): %5.0f ms %7.0f ms%n",
                sReaction.median(), sReaction.max());
        new BenchReport("charging")
                .add("shed-smoke-to-all-off", "ms", BenchReport.Better.LOWER, sSmoke, Samples.of(shedCycle),
                        "one poll cycle of the meter shed's line on the wire")
                .add("shed-overload-to-cut", "ms", BenchReport.Better.LOWER, sOverload, Samples.of(shedCycle),
                        "one poll cycle of the meter shed's line on the wire")
                .add("shed-reading-to-cut-on-wire", "ms", BenchReport.Better.LOWER, sReaction, Samples.of(shedTransaction),
                        "one bus transaction, the meter read that carries the power")
                .add("smoke-to-all-off", "ms", BenchReport.Better.LOWER, smoke, Samples.of(cycle),
                        "one poll cycle of the three piles on the wire")
                .add("overload-to-cut", "ms", BenchReport.Better.LOWER, overload, Samples.of(cycle),
                        "one poll cycle of the three piles on the wire")
                .add("reading-to-cut-on-wire", "ms", BenchReport.Better.LOWER, reaction, Samples.of(biggest),
                        "one bus transaction, the largest read of the cycle")
                .finish();
        System.exit(0);
    }

    /** One gateway run; returns milliseconds from the trigger to the relays open. */
    private static long run(int baud, boolean smoke, List<Double> pollToCut) throws Exception {
        Path dir = Files.createTempDirectory("anju-bench-charging");
        List<PileSimulator> piles = new ArrayList<>();
        List<LineDevice> units = new ArrayList<>();
        for (int u = 1; u <= 3; u++) {
            PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
            for (int port = 1; port <= 10; port++) {
                pile.plugIn(port, Bike.TYPICAL);
                pile.switchRelay(port, true);
            }
            pile.advance(Duration.ofSeconds(5));
            piles.add(pile);
            units.add(pile.onLine(u));
        }
        PollToCut watch = new PollToCut(baud);
        LineDevice line = new WatchedLine(SharedLine.of(units), watch::request, watch::reply);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        LinePacing pacing = LinePacing.atBaud(baud);
        try (TcpSerialServer server = new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), line, pacing,
                Math.max(pacing.silenceNanos(), 1_000_000), timer)) {
            Path site = dir.resolve("site.yaml");
            Files.writeString(site, """
                    gateway: {id: gw-bench, gpio: mock, dataDir: data}
                    park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker in these runs: nothing may wait on the park
                    buses:
                      - id: piles
                        port: tcp://127.0.0.1:%d
                        baud: %d
                        pollInterval: 100ms
                        devices:
                          - {id: pile-1, profile: anju-ref-pile-10, address: 1}
                          - {id: pile-2, profile: anju-ref-pile-10, address: 2}
                          - {id: pile-3, profile: anju-ref-pile-10, address: 3}
                    alarmInputs:
                      - {id: shed-smoke, kind: smoke, pin: %d, activeLevel: low}
                    chargingAreas:
                      - {id: shed, piles: [pile-1, pile-2, pile-3], alarmInputs: [shed-smoke]}
                    endpoints:
                      localApi: {bind: 127.0.0.1, port: 0}
                    """.formatted(server.port(), baud, SMOKE));
            var loaded = (LoadResult.Loaded) SiteLoader.load(site);
            DataFolder data = DataFolder.create(loaded.site().gateway().dataDir());
            GatewayDatabase db = ((OpenResult.Opened) GatewayDatabase.open(data.database())).database();
            Gateway gateway = ((Gateway.Start.Started) Gateway.start(loaded.site(), data, db, Clock.systemUTC())).gateway();
            try {
                // let every session start, so the rules supervise all ports
                long warm = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < warm && gateway.outbox().after(0, 10_000).join().stream()
                        .filter(e -> e.type().equals("charging.session_started")).count() < 30) {
                    LockSupport.parkNanos(50_000_000);
                }
                long start = System.nanoTime();
                if (smoke) {
                    gateway.gpioSimulator().orElseThrow().driveInput(SMOKE, false);
                } else {
                    piles.get(1).overload(7, 700);
                    piles.get(1).advance(Duration.ofSeconds(1));
                    watch.arm();
                }
                while (System.nanoTime() - start < 20_000_000_000L) {
                    boolean done = smoke
                            ? piles.stream().allMatch(p -> java.util.stream.IntStream.rangeClosed(1, 10)
                                    .noneMatch(port -> p.port(port).relayClosed()))
                            : !piles.get(1).port(7).relayClosed();
                    if (done) {
                        if (!smoke) {
                            watch.result().ifPresent(pollToCut::add);
                        }
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                return -1;
            } finally {
                gateway.stop();
                db.close();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * Seen from pile 2 on the line: when the first port-block reply after the overload finished on
     * the wire (it carries the over-limit watts) and when the relay-off command for port 7 arrived.
     */
    private static final class PollToCut {
        private final int baud;
        private volatile boolean armed;
        private volatile long overLimitOffWire;
        private volatile long cutOnWire;

        PollToCut(int baud) {
            this.baud = baud;
        }

        void arm() {
            armed = true;
        }

        /** A request as it reaches the devices (the line has already held it for its wire time). */
        void request(byte[] data, int off, int len) {
            if (armed && overLimitOffWire != 0 && cutOnWire == 0 && len >= 8 && data[off] == 2 && data[off + 1] == 5) {
                cutOnWire = System.nanoTime();
            }
        }

        /** A reply as a device hands it to the line; it is on the wire for its characters' time. */
        void reply(byte[] frame) {
            if (armed && overLimitOffWire == 0 && frame.length == 5 + 2 * 121 && frame[0] == 2) {
                overLimitOffWire = System.nanoTime() + (long) (frame.length * 11 * 1e9 / baud);
            }
        }

        java.util.Optional<Double> result() {
            return overLimitOffWire == 0 || cutOnWire == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of((cutOnWire - overLimitOffWire) / 1e6);
        }
    }
}
