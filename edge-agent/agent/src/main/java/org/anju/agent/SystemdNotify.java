package org.anju.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Talks to systemd when the agent runs as a {@code Type=notify} service: READY once the gateway
 * runs, then WATCHDOG every third of {@code WatchdogSec} for as long as the gateway is alive
 * (its event loop and its store answer), STOPPING on the way out. A hung agent stops confirming
 * and systemd restarts it. Java cannot write the datagram socket systemd listens on, so the
 * messages go through Debian's {@code systemd-notify} (the unit sets {@code NotifyAccess=all}).
 * Outside systemd ({@code NOTIFY_SOCKET} unset) every call does nothing.
 */
final class SystemdNotify {
    private final Consumer<List<String>> send;
    private final Predicate<Duration> alive;
    private final Duration interval;
    private final ScheduledExecutorService timer;

    SystemdNotify(Consumer<List<String>> send, Predicate<Duration> alive, Duration interval) {
        this.send = send;
        this.alive = alive;
        this.interval = interval;
        this.timer = send == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "systemd-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** From the process environment: {@code NOTIFY_SOCKET} and {@code WATCHDOG_USEC}, as systemd sets them. */
    static SystemdNotify fromEnvironment(Map<String, String> env, Predicate<Duration> alive) {
        if (env.get("NOTIFY_SOCKET") == null) {
            return new SystemdNotify(null, alive, null);
        }
        Duration interval = null;
        try {
            long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", ""));
            interval = Duration.ofNanos(usec * 1000 / 3);
        } catch (NumberFormatException noWatchdog) {
            // READY and STOPPING only
        }
        long pid = ProcessHandle.current().pid();
        return new SystemdNotify(message -> runSystemdNotify(pid, message), alive, interval);
    }

    /** Whether this agent was started by systemd with a notify socket, and so will tell it anything. */
    boolean talksToSystemd() {
        return send != null;
    }

    void ready() {
        if (send == null) {
            return;
        }
        send.accept(List.of("READY=1"));
        if (interval != null) {
            timer.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One watchdog round: confirm only if the gateway answered within the interval. */
    void beat() {
        if (alive.test(interval)) {
            send.accept(List.of("WATCHDOG=1"));
        }
    }

    void stopping() {
        if (send == null) {
            return;
        }
        timer.shutdownNow();
        send.accept(List.of("STOPPING=1"));
    }

    private static void runSystemdNotify(long pid, List<String> message) {
        List<String> command = new java.util.ArrayList<>(List.of("systemd-notify", "--pid=" + pid));
        command.addAll(message);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            System.getLogger(SystemdNotify.class.getName()).log(System.Logger.Level.WARNING,
                    "systemd-notify failed: {0}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
