package org.anju.agent.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.anju.agent.AgentMain;

/**
 * {@code anju demo [--speed X] [--headless [--duration N]]}: a park and one building on this machine with
 * nothing installed, seeded with a landlord, renters and a fire safety officer, playing a day
 * step by step. Interactive: prints the pages' addresses and logins and runs until Ctrl-C.
 * {@code --headless}: plays the day, exits 0 only if every step had its expected outcome, and
 * 1 if it is not over within {@code --duration} seconds (default 300).
 */
public final class DemoMain {
    /** Moquette logs every MQTT message at INFO: the demo's own lines are what a person reads. */
    private static final java.util.logging.Logger MOQUETTE = java.util.logging.Logger.getLogger("io.moquette");

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        AgentMain.quietLibraries();
        MOQUETTE.setLevel(java.util.logging.Level.WARNING);
        double speed = 60;
        boolean headless = false;
        long duration = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--headless" -> headless = true;
                case "--speed" -> speed = i + 1 < args.length ? parse(args[++i]) : -1;
                case "--duration" -> duration = i + 1 < args.length ? (long) parse(args[++i]) : -1;
                default -> speed = -1;
            }
        }
        if (speed < 1 || speed > 1000 || duration < 1) {
            System.err.println("usage: anju demo [--speed 1..1000] [--headless [--duration SECONDS]]"
                    + "   (--speed: how much faster the piles' time runs)");
            System.exit(2);
        }
        if (headless) {
            long limit = duration;
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(limit * 1000);
                    System.out.println("anju demo: the day was not over within " + limit + " s");
                    System.exit(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "demo-duration");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        DemoSpeed.Choice choice = DemoWorld.speedLimit().choose(speed);
        if (choice.warning() != null) {
            System.out.println("anju demo: " + choice.warning());
            speed = choice.speed();
        }
        Path dir = Files.createTempDirectory("anju-demo");
        System.out.println("anju demo: starting a park and building 7 in " + dir + " (piles' time x" + (int) speed + ")");
        DemoWorld world;
        try {
            world = new DemoWorld(dir, speed);
        } catch (Exception e) {
            // what started before the failure (the broker, the park) must not keep the process alive
            System.out.println("anju demo: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                world.close();
            } catch (Exception ignored) {
                // leaving anyway
            }
            stopped.countDown();
        }, "demo-shutdown"));
        DemoDay day = new DemoDay(world, System.out);
        day.seed();
        System.out.println();
        System.out.println("  tenant phone page   " + world.url("/tenant.html") + "   (logins printed below as they are made)");
        System.out.println("  landlord portal     " + world.url("/landlord.html") + "   login wang / wang demo password");
        System.out.println("  fire safety console " + world.url("/console.html") + "   login officer-li / officer-li demo password");
        System.out.println("  park admin          " + world.url("/exports.html") + "   login admin / " + world.adminPassword);
        System.out.println("  gateway fleet       " + world.url("/fleet.html") + "   login admin, or officer-li");
        System.out.println("  park buildings      " + world.url("/buildings.html") + "   login admin");
        System.out.println("  port QR labels      " + world.url("/port-labels.html?building=b07&area=bike-shed") + "   (as wang)");
        System.out.println("  renters (passwords they set with their invitations): Li Wei "
                + day.liWei.getJsonObject("tenant").getString("login") + " / " + DemoDay.LI_WEI_PASSWORD + ", Zhang Min "
                + day.zhangMin.getJsonObject("tenant").getString("login") + " / " + DemoDay.ZHANG_MIN_PASSWORD);
        System.out.println();
        day.play();
        System.out.println("anju demo: " + day.summary());
        if (headless) {
            System.exit(day.allPassed() ? 0 : 1);
        }
        System.out.println("anju demo: still running for the pages; Ctrl-C stops everything");
        stopped.await();
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
