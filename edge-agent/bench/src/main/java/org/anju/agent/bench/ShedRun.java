package org.anju.agent.bench;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.anju.agent.DataFolder;
import org.anju.agent.Gateway;
import org.anju.agent.bus.WireTime;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.meter.MeterShed;
import org.anju.firmware.meter.ReadFunctions;
import org.anju.firmware.pile.Bike;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.Site;

/**
 * One run of the shipped meter-shed site for {@code anju bench charging}: twelve sockets (eight
 * DDSU666 and four DDS238-2 meters, two relay boards) on one line paced at its 9600 baud, every
 * socket charging, and the gateway started from the example file (only its line, data folder,
 * GPIO, park and API port changed). Smoke to every socket's channel open, or an overload on socket
 * 3 to its channel open, with the time from the meter reply that carries the over-limit power off
 * the wire to the channel's write on the wire.
 */
final class ShedRun {
    static final int SMOKE = 23;
    /** The overloaded socket: DDSU666 at unit 3, switched by board unit 20's channel 3. */
    private static final int SOCKET = 3;
    private static final int BOARD_UNIT = 20;

    private ShedRun() {
    }

    /** The example site as this run serves it, read from the shipped file. */
    static String site(int port) throws Exception {
        String site;
        try (InputStream in = ShedRun.class.getClassLoader().getResourceAsStream("sites/meter-shed.yaml")) {
            site = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return site.replace("  name: Dongfeng village 9, bike shed\n", "  name: Dongfeng village 9, bike shed\n  gpio: mock\n  dataDir: data\n")
                .replaceAll("(?s)\npark:.*?\n\n", "\npark: {id: dongfeng, broker: tcp://park-broker.invalid:1883}\n\n")
                .replace("port: /dev/ttyUSB0", "port: tcp://127.0.0.1:" + port)
                + "endpoints:\n  localApi: {bind: 127.0.0.1, port: 0}\n";
    }

    /** One scan of every device of the site's first bus on the wire: the soonest any socket can be seen again. */
    static double cycleMillis(Site site) {
        Bus bus = site.buses().get(0);
        double millis = 0;
        for (Device d : bus.devices()) {
            var reads = d.profile() instanceof EnergyMeterProfile m ? m.reads() : ((RelayBoardProfile) d.profile()).reads();
            millis += WireTime.ofScan(reads, bus.baud()).toNanos() / 1e6;
        }
        return millis;
    }

    /** A meter's reply to the read that holds its power (the DDSU666's 8 words from 0x2000), on the wire. */
    static double transactionMillis(int baud) {
        return WireTime.ofScan(List.of(new org.anju.profiles.model.RegisterRead(
                org.anju.protocol.modbus.RegisterTable.INPUT_REGISTER, 0x2000, 8)), baud).toNanos() / 1e6;
    }

    /** What one run measured: trigger to channel(s) open, and for an overload the reading-to-cut time on the wire. */
    record Measured(long millis, Optional<Double> readingToCut, double cycleMillis) {
    }

    static Measured run(boolean smoke) throws Exception {
        Path dir = Files.createTempDirectory("anju-bench-shed");
        MeterShed shed = new MeterShed(new MeterShed.Layout(1, 12, ReadFunctions.BOTH, BOARD_UNIT, 8)).withDds238(9, 12);
        for (int socket = 1; socket <= 12; socket++) {
            shed.startCharge(socket, Bike.TYPICAL);
        }
        shed.advance(Duration.ofSeconds(5));
        LineDevice units = shed.onLine();
        WireWatch watch = new WireWatch(SOCKET, BOARD_UNIT);
        LineDevice line = new WatchedLine(units, watch::request, watch::reply);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        LinePacing pacing = LinePacing.atBaud(9600);
        try (TcpSerialServer server = new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), line, pacing,
                Math.max(pacing.silenceNanos(), 1_000_000), timer)) {
            var loaded = (LoadResult.Loaded) SiteLoader.load(Files.writeString(dir.resolve("meter-shed.yaml"), site(server.port())));
            watch.baud = loaded.site().buses().get(0).baud();
            DataFolder data = DataFolder.create(loaded.site().gateway().dataDir());
            GatewayDatabase db = ((OpenResult.Opened) GatewayDatabase.open(data.database())).database();
            Gateway gateway = ((Gateway.Start.Started) Gateway.start(loaded.site(), data, db, Clock.systemUTC())).gateway();
            try {
                long warm = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < warm && gateway.outbox().after(0, 10_000).join().stream()
                        .filter(e -> e.type().equals("charging.session_started")).count() < 12) {
                    LockSupport.parkNanos(50_000_000);
                }
                long start = System.nanoTime();
                if (smoke) {
                    gateway.gpioSimulator().orElseThrow().driveInput(SMOKE, false);
                } else {
                    shed.overload(SOCKET, 700);
                    shed.advance(Duration.ofSeconds(1));
                    watch.arm();
                }
                while (System.nanoTime() - start < 30_000_000_000L) {
                    boolean done = smoke ? IntStream.rangeClosed(1, 12).noneMatch(s -> live(shed, s)) : !live(shed, SOCKET);
                    if (done) {
                        return new Measured((System.nanoTime() - start) / 1_000_000, smoke ? Optional.empty() : watch.result(),
                                cycleMillis(loaded.site()));
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                return new Measured(-1, Optional.empty(), cycleMillis(loaded.site()));
            } finally {
                gateway.stop();
                db.close();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private static boolean live(MeterShed shed, int socket) {
        return shed.relayBoardOf(socket).closed(shed.layout().relayChannel(socket));
    }

    /**
     * Seen on the shed's line: when the socket meter's first power reply after the overload
     * finished on the wire, and when the write that opens its channel arrived.
     */
    private static final class WireWatch {
        private final int meterUnit;
        private final int boardUnit;
        volatile int baud = 9600;
        private volatile boolean armed;
        private volatile long overLimitOffWire;
        private volatile long cutOnWire;

        WireWatch(int meterUnit, int boardUnit) {
            this.meterUnit = meterUnit;
            this.boardUnit = boardUnit;
        }

        void arm() {
            armed = true;
        }

        void request(byte[] data, int off, int len) {
            if (armed && overLimitOffWire != 0 && cutOnWire == 0 && len >= 8 && data[off] == boardUnit && data[off + 1] == 5) {
                cutOnWire = System.nanoTime();
            }
        }

        void reply(byte[] frame) {
            // unit, function 04, 16 bytes: voltage, current, power, reactive power
            if (armed && overLimitOffWire == 0 && frame.length == 5 + 16 && frame[0] == meterUnit && frame[1] == 4) {
                overLimitOffWire = System.nanoTime() + (long) (frame.length * 11 * 1e9 / baud);
            }
        }

        Optional<Double> result() {
            return overLimitOffWire == 0 || cutOnWire == 0 ? Optional.empty()
                    : Optional.of((cutOnWire - overLimitOffWire) / 1e6);
        }
    }
}
