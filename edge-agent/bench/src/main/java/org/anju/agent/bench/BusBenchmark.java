package org.anju.agent.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.bench.BenchReport;
import org.anju.bridge.bench.Samples;
import org.anju.agent.bus.BusOutcome;
import org.anju.agent.bus.BusScheduler;
import org.anju.agent.bus.BusSettings;
import org.anju.agent.bus.ModbusClient;
import org.anju.agent.bus.TcpTransport;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RtuFrame;

/**
 * {@code anju bench bus}: latency of relay commands on a bus kept busy by polling ten piles,
 * next to the same command on an idle bus and the time the two frames take on the wire at this
 * baud rate. Replies are paced at line speed by the simulated piles' TCP serial server.
 */
public final class BusBenchmark {
    public static void main(String[] args) throws Exception {
        int baud = args.length > 0 ? Integer.parseInt(args[0]) : 9600;
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int piles = 10;
        List<LineDevice> units = new ArrayList<>();
        for (int u = 1; u <= piles; u++) {
            units.add(new PileSimulator(10, PileLimits.DEFAULTS).onLine(u));
        }
        LineDevice line = SharedLine.of(units);
        LinePacing pacing = LinePacing.atBaud(baud);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ModbusPdu.Request cut = new ModbusPdu.WriteSingleCoil(PileRegisterMap.relayCoil(3), false);
        ModbusPdu.Request poll = ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, PileRegisterMap.portBlock(1),
                PileRegisterMap.PORT_USED_WORDS);
        // the simulated line carries request and reply in turn, each followed by the RTU silence
        int request = new RtuFrame(1, cut).encode().length;
        double commandWire = wireMillis(request, baud, pacing) + wireMillis(request, baud, pacing);
        double pollWire = wireMillis(request, baud, pacing) + wireMillis(5 + 2 * PileRegisterMap.PORT_USED_WORDS, baud, pacing);
        try (TcpSerialServer server = new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), line, pacing,
                     Math.max(pacing.silenceNanos(), 1_000_000), timer);
             BusScheduler bus = new BusScheduler(BusSettings.defaults("bench", pacing.silenceNanos()),
                     new TcpTransport("127.0.0.1", server.port()), s -> { })) {
            ModbusClient modbus = new ModbusClient(bus);
            long[] idle = measure(modbus, cut, commands / 4, 0);
            System.out.printf("bus benchmark at %d baud, %d piles on the bus%n", baud, piles);
            System.out.printf("  floor  command and reply on the wire:           %7.1f ms%n", commandWire);
            System.out.printf("  floor  one poll on the wire (the most a command should wait behind): %.1f ms%n", pollWire);
            Samples idleMs = Samples.millis(idle, 0);
            System.out.printf("  floor  command on an idle bus:         p50 %7.1f ms   p99 %7.1f ms%n",
                    idleMs.median(), idleMs.percentile(99));

            AtomicLong polls = new AtomicLong();
            List<AutoCloseable> pollers = new ArrayList<>();
            for (int u = 1; u <= piles; u++) {
                pollers.add(modbus.poll(u, poll, Duration.ofMillis(100), o -> polls.incrementAndGet()));
            }
            long start = System.nanoTime();
            long[] busy = measure(modbus, cut, commands, 50);
            double seconds = (System.nanoTime() - start) / 1e9;
            Samples busyMs = Samples.millis(busy, 0);
            System.out.printf("  anju   command on a bus busy polling:  p50 %7.1f ms   p99 %7.1f ms   (%.0f polls/s alongside, a command every 50 ms)%n",
                    busyMs.median(), busyMs.percentile(99), polls.get() / seconds);
            new BenchReport("bus")
                    .add("command.busy", "ms", BenchReport.Better.LOWER, busyMs, idleMs, "the same command on an idle bus")
                    .add("command.idle", "ms", BenchReport.Better.LOWER, idleMs, Samples.of(commandWire),
                            "command and reply on the wire at " + baud + " baud")
                    .finish();
            for (AutoCloseable p : pollers) {
                p.close();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private static double wireMillis(int bytes, int baud, LinePacing pacing) {
        return bytes * 11 * 1000.0 / baud + pacing.silenceNanos() / 1e6;
    }

    /** Sends {@code count} commands, {@code gapMillis} apart (a command stream, not a flood), and returns their latencies. */
    private static long[] measure(ModbusClient modbus, ModbusPdu.Request request, int count, int gapMillis) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(gapMillis * 1_000_000L);
            long t0 = System.nanoTime();
            BusOutcome<ModbusPdu.Response> outcome = modbus.command(1 + i % 10, request).join();
            nanos[i] = System.nanoTime() - t0;
            if (!(outcome instanceof BusOutcome.Answered)) {
                throw new IllegalStateException("command failed: " + outcome);
            }
        }
        return nanos;
    }
}
