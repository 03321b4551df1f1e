package org.anju.firmware.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.anju.firmware.line.InjectionSpec;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.LinePacing;
import org.anju.firmware.line.SerialDeviceLink;
import org.anju.firmware.line.SimulationClock;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardInjection;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.firmware.pile.PileInjection;
import org.anju.firmware.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;

/**
 * {@code anju simulate pile|lockboard}: the reference firmware on a TCP serial server or a serial
 * device, until the process is stopped. Exit status 2 with one line on stderr for a wrong argument.
 */
public final class SimulateCommand {
    /** Without a baud rate, a gap this long in the incoming bytes ends a frame that was cut short. */
    private static final long UNPACED_IDLE_NANOS = 200_000_000L;

    private SimulateCommand() {
    }

    public static void main(String[] args) {
        SimulateOptions.Parsed parsed = SimulateOptions.parse(args);
        if (parsed instanceof SimulateOptions.Invalid invalid) {
            System.err.println("anju simulate: " + invalid.message());
            System.exit(2);
        }
        SimulateOptions options = ((SimulateOptions.Ok) parsed).options();
        List<TimedActions.Action> actions = new ArrayList<>();
        LineDevice device;
        String description;
        try {
            if (options.kind().equals("pile")) {
                PileSimulator pile = new PileSimulator(options.size(), PileLimits.DEFAULTS);
                for (String spec : options.injections()) {
                    PileInjection.Parsed injection = PileInjection.parse(spec, options.size());
                    if (injection instanceof PileInjection.Invalid bad) {
                        fail("--inject " + bad.reason());
                    }
                    PileInjection ok = ((PileInjection.Ok) injection).injection();
                    actions.add(new TimedActions.Action(ok.atSeconds(), ok.spec(), () -> ok.action().accept(pile)));
                }
                device = pile.onLine(options.unit());
                description = "pile unit " + options.unit() + ", " + options.size() + " ports";
            } else {
                LockBoardSimulator board = new LockBoardSimulator(options.unit(), options.size(),
                        LockBoardSimulator.DEFAULT_PULSE, LockBoardSimulator.DEFAULT_DOOR_CLOSER);
                for (String spec : options.injections()) {
                    InjectionSpec.Parsed injection = InjectionSpec.parse(spec, LockBoardInjection.grammar(options.size()));
                    if (injection instanceof InjectionSpec.Invalid bad) {
                        fail("--inject " + bad.reason());
                    }
                    InjectionSpec ok = ((InjectionSpec.Ok) injection).spec();
                    var action = LockBoardInjection.action(ok);
                    actions.add(new TimedActions.Action(ok.atSeconds(), ok.text(), () -> action.accept(board)));
                }
                device = board;
                description = "lock board " + options.unit() + ", " + options.size() + " channels";
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        run(options, new TimedActions(device, actions), description);
    }

    private static void run(SimulateOptions options, LineDevice device, String description) {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "simulator-timer");
            t.setDaemon(true);
            return t;
        });
        LinePacing pacing = options.baud() > 0 ? LinePacing.atBaud(options.baud()) : LinePacing.unpaced();
        long idle = pacing.paced() ? Math.max(pacing.silenceNanos(), 1_000_000) : UNPACED_IDLE_NANOS;
        CountDownLatch stopped = new CountDownLatch(1);
        try (SimulationClock clock = new SimulationClock(device, options.speed(), timer)) {
            AutoCloseable transport;
            String where;
            if (options.serial() != null) {
                transport = new SerialDeviceLink(options.serial(), options.baud(), device, pacing, idle, timer);
                where = "on " + options.serial();
            } else {
                TcpSerialServer server = new TcpSerialServer(
                        new InetSocketAddress(options.listenHost(), options.listenPort()), device, pacing, idle, timer);
                transport = server;
                where = "listening on tcp://" + server.host() + ":" + server.port();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                closeQuietly(transport);
                stopped.countDown();
            }, "simulator-shutdown"));
            System.out.println("anju simulate: " + description + " " + where
                    + (options.baud() > 0 ? " at " + options.baud() + " baud" : "") + ", speed x" + options.speed());
            System.out.flush();
            stopped.await();
        } catch (IOException e) {
            fail("cannot open " + (options.serial() != null ? options.serial().toString()
                    : "tcp://" + options.listenHost() + ":" + options.listenPort()) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }

    private static void fail(String message) {
        System.err.println("anju simulate: " + message);
        System.exit(2);
    }
}
