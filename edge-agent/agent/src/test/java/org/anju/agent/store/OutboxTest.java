package org.anju.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.contract.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private GatewayDatabase open(Path file) {
        OpenResult r = GatewayDatabase.open(file);
        assertThat(r).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) r).database();
    }

    private static OutboxEvent stored(CompletableFuture<AppendResult> f) {
        AppendResult r = f.join();
        assertThat(r).isInstanceOf(AppendResult.Stored.class);
        return ((AppendResult.Stored) r).event();
    }

    private static OutboxEvent.New event(Priority p, String type) {
        return new OutboxEvent.New(p, type, "{\"door\":\"entrance\"}");
    }

    @Test
    void sequenceNumbersIncreaseAndContinueAfterReopenWithoutReuse() throws Exception {
        Path file = dir.resolve("gateway.db");
        List<Long> first = new ArrayList<>();
        try (GatewayDatabase db = open(file); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                first.add(stored(outbox.append(event(Priority.ACCESS, "door.opened"))).seq());
            }
        }
        assertThat(first).containsExactly(1L, 2L, 3L, 4L, 5L);
        // even when the newest rows are gone (retention), a number is never given twice
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("DELETE FROM outbox WHERE seq >= 4");
        }
        try (GatewayDatabase db = open(file); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            assertThat(outbox.lastSequence().join()).isEqualTo(5L);
            assertThat(stored(outbox.append(event(Priority.ACCESS, "door.opened"))).seq()).isEqualTo(6L);
        }
    }

    @Test
    void aStateWriteIsCommittedWithItsEventAndOneThatFailsTakesOnlyItsOwnEventAlong() throws Exception {
        Path file = dir.resolve("gateway.db");
        try (GatewayDatabase db = open(file); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            CompletableFuture<AppendResult> plain = outbox.append(event(Priority.ACCESS, "door.opened"));
            CompletableFuture<AppendResult> withRow = outbox.append(event(Priority.STATE, "charging.session_started"),
                    c -> c.createStatement().execute("INSERT INTO audit (ts, actor, action, detail) VALUES (1, 'test', 'kept', '')"));
            CompletableFuture<AppendResult> failing = outbox.append(event(Priority.STATE, "charging.session_ended"), c -> {
                c.createStatement().execute("INSERT INTO audit (ts, actor, action, detail) VALUES (2, 'test', 'undone', '')");
                c.createStatement().execute("INSERT INTO no_such_table VALUES (1)");
            });
            CompletableFuture<AppendResult> after = outbox.append(event(Priority.ACCESS, "door.closed"));

            assertThat(stored(plain).seq()).isEqualTo(1L);
            assertThat(stored(withRow).seq()).isEqualTo(2L);
            assertThat(failing.join()).isInstanceOfSatisfying(AppendResult.NotStored.class,
                    n -> assertThat(n.reason()).startsWith("charging.session_ended not stored: its record could not be written"));
            assertThat(stored(after).seq()).isEqualTo(3L);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement();
             var rs = s.executeQuery("SELECT group_concat(action) FROM audit")) {
            rs.next();
            assertThat(rs.getString(1)).as("the failed write left nothing behind").isEqualTo("kept");
        }
    }

    @Test
    void aBurstOfAppendsIsGroupCommittedIntoFewTransactions() throws Exception {
        try (GatewayDatabase db = open(dir.resolve("gateway.db")); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                futures.add(outbox.append(event(Priority.TELEMETRY, "port.reading")));
            }
            List<Long> seqs = futures.stream().map(f -> stored(f).seq()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates().hasSize(5000);
            assertThat(outbox.commits()).isLessThan(500);
            assertThat(outbox.after(0, 10_000).join()).hasSize(5000);
        }
    }

    @Test
    void sequenceStaysMonotonicWhenTheClockJumpsBackwards() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-06-01T12:00:00Z").toEpochMilli());
        Clock jumpy = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        try (GatewayDatabase db = open(dir.resolve("gateway.db")); Outbox outbox = new Outbox(db, jumpy)) {
            OutboxEvent before = stored(outbox.append(event(Priority.ALARM, "smoke")));
            now.addAndGet(-3_600_000);
            OutboxEvent after = stored(outbox.append(event(Priority.ALARM, "smoke")));
            assertThat(after.seq()).isGreaterThan(before.seq());
            assertThat(after.timestampMillis()).isLessThan(before.timestampMillis());
        }
    }

    @Test
    void unacknowledgedEventsComeAlarmsFirstThenInSequenceAndAcknowledgedOnesNeverAgain() throws Exception {
        try (GatewayDatabase db = open(dir.resolve("gateway.db")); Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            long t1 = stored(outbox.append(event(Priority.TELEMETRY, "t1"))).seq();
            long a1 = stored(outbox.append(event(Priority.ACCESS, "a1"))).seq();
            long al = stored(outbox.append(event(Priority.ALARM, "fire"))).seq();
            long a2 = stored(outbox.append(event(Priority.ACCESS, "a2"))).seq();
            assertThat(outbox.unacknowledged(10).join()).extracting(OutboxEvent::seq).containsExactly(al, a1, a2, t1);
            assertThat(outbox.acknowledge(List.of(al, a1)).join()).isEqualTo(2);
            assertThat(outbox.unacknowledged(10).join()).extracting(OutboxEvent::type).containsExactly("a2", "t1");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndKeptAsItWas() throws Exception {
        Path file = dir.resolve("gateway.db");
        byte[] junk = "this is not a database, but it may be all that is left of one".repeat(200).getBytes();
        Files.write(file, junk);
        OpenResult r = GatewayDatabase.open(file);
        assertThat(r).isInstanceOf(OpenResult.Failed.class);
        assertThat(((OpenResult.Failed) r).reason()).contains(file.toString()).contains("kept");
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    }

    @Test
    void aFileFromANewerAgentIsRefusedUntouched() throws Exception {
        Path file = dir.resolve("gateway.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(file);
        OpenResult r = GatewayDatabase.open(file);
        assertThat(r).isInstanceOf(OpenResult.Failed.class);
        assertThat(((OpenResult.Failed) r).reason()).contains("schema version 99");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void anOlderFileIsUpgradedInPlaceKeepingItsData() throws Exception {
        Path file = dir.resolve("gateway.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE installer_notes (note TEXT)");
            s.execute("INSERT INTO installer_notes VALUES ('relay 3 replaced')");
        }
        try (GatewayDatabase db = open(file); var s = db.connection().createStatement()) {
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
            }
            try (var rs = s.executeQuery("SELECT note FROM installer_notes")) {
                assertThat(rs.getString(1)).isEqualTo("relay 3 replaced");
            }
        }
    }
}
