package org.anju.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;

/**
 * {@code anju agent --config SITE.yaml}: the gateway process. An invalid site file is refused
 * with the validator's lines (file:line:column: what is wrong; what would be right) and exit 2;
 * a database that cannot be opened is reported, kept, and exit 1. Runs until SIGTERM or Ctrl-C,
 * then stops every part in order (doors to their safe state first). {@code --check} validates the
 * site file and the park keys it names, checks that this board runs the store and the signatures
 * ({@link BoardCheck}), says so, and exits without touching anything. Under
 * systemd ({@code Type=notify}) it says when it is ready and confirms it is alive to the watchdog.
 * {@code enroll} joins the park with the admin's code ({@link org.anju.agent.enroll.EnrollCommand}).
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        quietLibraries();
        if (args.length > 0 && args[0].equals("enroll")) {
            var enrolled = org.anju.agent.enroll.EnrollCommand.run(java.util.List.of(args).subList(1, args.length));
            enrolled.out().forEach(System.out::println);
            enrolled.err().forEach(System.err::println);
            System.exit(enrolled.status());
        }
        boolean checkOnly = args.length == 3 && args[2].equals("--check");
        if ((args.length != 2 && !checkOnly) || !args[0].equals("--config")) {
            exit(2, "usage: anju agent --config SITE.yaml [--check]\n       anju agent enroll --park URL --code CODE [--site FILE]");
        }
        Path siteFile = Path.of(args[1]);
        if (!Files.isRegularFile(siteFile)) {
            exit(2, "anju agent: " + siteFile + ": no such file");
        }
        LoadResult loaded = SiteLoader.load(siteFile);
        if (loaded instanceof LoadResult.Invalid invalid) {
            for (Problem p : invalid.problems()) {
                System.err.println(p);
            }
            System.exit(2);
        }
        var site = ((LoadResult.Loaded) loaded).site();
        if (checkOnly) {
            for (var key : site.park().commandKeys()) {
                try {
                    org.anju.bridge.contract.Ed25519Keys.readPublic(key.file());
                } catch (IllegalArgumentException e) {
                    exit(2, siteFile + ": park.commandKeys " + key.id() + ": " + e.getMessage());
                }
            }
            if (site.endpoints().coapPskFile().isPresent()) {
                var keys = org.anju.agent.coap.LockKeyFile.read(site.endpoints().coapPskFile().get());
                if (keys instanceof org.anju.agent.coap.LockKeyFile.Read.Refused refused) {
                    exit(2, siteFile + ": endpoints.coap.pskFile: " + String.join("; ", refused.problems()));
                }
            }
            BoardCheck.Result board = BoardCheck.run();
            if (board instanceof BoardCheck.Result.Broken broken) {
                exit(1, "anju agent: this board: " + broken.problem());
            }
            System.out.println(siteFile + ": ok: gateway " + site.gateway().id() + ", " + site.doors().size() + " doors, "
                    + site.buses().size() + " buses, " + site.chargingAreas().size() + " charging areas");
            System.out.println("this board: ok: " + ((BoardCheck.Result.Works) board).summary());
            return;
        }
        SiteRunner runner = new SiteRunner(siteFile, Clock.systemUTC(), System.out::println, System.err::println);
        SystemdNotify systemd = SystemdNotify.fromEnvironment(System.getenv(), runner::alive);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systemd.stopping();
            runner.stop();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-shutdown"));
        boolean[] first = {true};
        int status = runner.run(gateway -> {
            gateway.problems().forEach(p -> System.err.println("anju agent: not started: " + p));
            System.out.println("anju agent: gateway " + gateway.site().gateway().id() + " running: " + gateway.doors().size()
                    + " doors, " + gateway.site().buses().size() + " buses, local API on http://"
                    + gateway.site().endpoints().localApi().bind() + ":" + gateway.apiPort() + " (token in "
                    + gateway.site().gateway().dataDir().resolve("api.token") + ")"
                    + gateway.coapPort().stream().mapToObj(port -> ", wireless locks on coaps://"
                            + gateway.site().endpoints().coap().orElseThrow().bind() + ":" + port).findFirst().orElse(""));
            System.out.flush();
            if (first[0]) {
                first[0] = false;
                systemd.ready();
            }
        });
        stopped.countDown();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Pi4J reports at INFO what it detects, and on a board it cannot name, SEVERE: warnings are enough here. */
    public static void quietLibraries() {
        PI4J.setLevel(java.util.logging.Level.WARNING);
        PI4J_BOARD_INFO.setLevel(java.util.logging.Level.OFF);
    }

    // held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level
    private static final java.util.logging.Logger PI4J = java.util.logging.Logger.getLogger("com.pi4j");
    private static final java.util.logging.Logger PI4J_BOARD_INFO = java.util.logging.Logger.getLogger("com.pi4j.boardinfo");

    private static void exit(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }
}
