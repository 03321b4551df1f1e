package org.anju.bridge.park;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.config.ParkConfigLoader;

/**
 * {@code anju bridge --config park.yaml}: the park bridge. A configuration with problems is
 * refused with one line per problem (file, key, what would be right) and exit 2; a store or keys
 * that cannot be opened, exit 1. Runs until SIGTERM or Ctrl-C.
 */
public final class ParkMain {
    private ParkMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("--config")) {
            exit(2, "usage: anju bridge --config park.yaml");
        }
        Path file = Path.of(args[1]);
        if (!Files.isRegularFile(file)) {
            exit(2, "anju bridge: " + file + ": no such file");
        }
        ParkConfigLoader.Result loaded = ParkConfigLoader.load(file);
        if (loaded instanceof ParkConfigLoader.Result.Invalid invalid) {
            invalid.problems().forEach(System.err::println);
            System.exit(2);
        }
        var config = ((ParkConfigLoader.Result.Loaded) loaded).config();
        ParkBridge.Start start = ParkBridge.start(config, Clock.systemUTC(), PasswordHasher.PRODUCTION_ITERATIONS);
        if (start instanceof ParkBridge.Start.Failed failed) {
            exit(1, "anju bridge: " + failed.reason());
        }
        ParkBridge bridge = ((ParkBridge.Start.Started) start).bridge();
        java.util.Optional<String> incompatible = bridge.brokerIncompatible().completeOnTimeout(java.util.Optional.empty(),
                40, java.util.concurrent.TimeUnit.SECONDS).join();
        if (incompatible.isPresent()) {
            bridge.close();
            exit(1, "anju bridge: broker " + config.broker().uri() + ": " + incompatible.get());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }, "bridge-shutdown"));
        reloadOnHangup(bridge);
        System.out.println("anju bridge: park " + config.park() + " (" + config.instance() + ") running: API on "
                + (config.http().tls().isPresent() ? "https://" : "http://")
                + config.http().bind() + ":" + bridge.port() + ", broker " + config.broker().uri());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGHUP (systemctl reload) reads the TLS certificate and key again, as certbot's renewal hook expects. */
    @SuppressWarnings("restriction")
    private static void reloadOnHangup(ParkBridge bridge) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> bridge.reloadTls());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            System.err.println("anju bridge: SIGHUP cannot be handled here (" + e.getMessage() + "); TLS files are still"
                    + " read again when they change");
        }
    }

    private static void exit(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
