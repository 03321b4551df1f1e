package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** What the agent tells systemd, with the sender replaced by a recorder. */
class SystemdNotifyTest {

    @Test
    void theWatchdogIsFedOnlyWhileTheGatewayAnswers() {
        List<List<String>> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean alive = new AtomicBoolean(true);
        SystemdNotify notify = new SystemdNotify(sent::add, timeout -> alive.get(), Duration.ofHours(1));

        notify.ready();
        notify.beat();
        alive.set(false);
        notify.beat(); // hung: systemd hears nothing and restarts the agent after WatchdogSec
        notify.stopping();

        assertThat(sent).containsExactly(List.of("READY=1"), List.of("WATCHDOG=1"), List.of("STOPPING=1"));
    }

    @Test
    void outsideSystemdNothingIsSent() {
        SystemdNotify notify = SystemdNotify.fromEnvironment(Map.of(), timeout -> true);
        assertThat(notify.talksToSystemd()).as("no NOTIFY_SOCKET: nobody to tell").isFalse();
        notify.ready();
        notify.stopping();
        assertThat(Thread.getAllStackTraces().keySet()).as("no watchdog thread started")
                .noneMatch(t -> t.getName().equals("systemd-watchdog") && t.isAlive());
    }

    @Test
    void underSystemdItTalksToTheNotifySocketsOwner() {
        assertThat(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), timeout -> true)
                .talksToSystemd()).isTrue();
    }
}
