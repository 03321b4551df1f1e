package org.anju.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.Priority;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway process killed with SIGKILL mid-append loses no committed event and reuses no number. */
@Tag("process")
class OutboxCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyCommittedEventSurvivesSigkillAndNumbersContinueWithoutGaps() throws Exception {
        Path file = dir.resolve("gateway.db");
        Set<Long> confirmed = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            int before = confirmed.size();
            Thread reader = new Thread(() -> {
                try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.chars().allMatch(Character::isDigit) && !line.isEmpty()) {
                            confirmed.add(Long.parseLong(line));
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // killed
                }
            });
            reader.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> confirmed.size() > before + 500);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }

        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement();
             var rs = s.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        OpenResult r = GatewayDatabase.open(file);
        assertThat(r).isInstanceOf(OpenResult.Opened.class);
        try (GatewayDatabase db = ((OpenResult.Opened) r).database(); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            List<Long> onDisk = outbox.after(0, Integer.MAX_VALUE).join().stream().map(OutboxEvent::seq).toList();
            assertThat(onDisk).containsAll(confirmed);
            long last = onDisk.get(onDisk.size() - 1);
            // numbers form one run 1..last: nothing skipped, nothing doubled
            assertThat(onDisk).hasSize((int) last).doesNotHaveDuplicates().isSorted();
            assertThat(outbox.lastSequence().join()).isEqualTo(last);
            var next = outbox.append(new OutboxEvent.New(Priority.ACCESS, "door.opened", "{}")).join();
            assertThat(((AppendResult.Stored) next).event().seq()).isEqualTo(last + 1);
        }
    }
}
