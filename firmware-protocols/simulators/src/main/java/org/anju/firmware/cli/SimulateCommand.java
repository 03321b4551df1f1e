package org.anju.firmware.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.SerialDeviceLink;
import org.anju.firmware.line.SimulationClock;
import org.anju.firmware.line.TcpSerialServer;

/**
 * {@code anju simulate pile|lockboard|meter|relays|lift|turnstile}: the reference firmware on a TCP serial server
 * or a serial device, until the process is stopped. Exit status 2 with one line on stderr for a
 * wrong argument; {@code --help} prints what each kind takes.
 */
public final class SimulateCommand {
    /** Without a baud rate, a gap this long in the incoming bytes ends a frame that was cut short. */
    private static final long UNPACED_IDLE_NANOS = 200_000_000L;

    private SimulateCommand() {
    }

    public static void main(String[] args) {
        SimulateOptions.Parsed parsed = SimulateOptions.parse(args);
        if (parsed instanceof SimulateOptions.Help) {
            System.out.print(SimulateOptions.HELP);
            return;
        }
        if (parsed instanceof SimulateOptions.Invalid invalid) {
            fail(invalid.message());
            return;
        }
        SimulateOptions options = ((SimulateOptions.Ok) parsed).options();
        Simulators.Built built = Simulators.build(options);
        if (built instanceof Simulators.Refused refused) {
            fail(refused.reason());
            return;
        }
        Simulators.Ready ready = (Simulators.Ready) built;
        run(options, ready.device(), ready.description());
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
