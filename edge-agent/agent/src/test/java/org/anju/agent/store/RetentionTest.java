package org.anju.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;

    private static final String READING = "{\"pile\":\"p1\",\"port\":3,\"watts\":181.5,\"volts\":229.8,\"pad\":\""
            + "x".repeat(200) + "\"}";

    private Outbox outbox() {
        var opened = (OpenResult.Opened) GatewayDatabase.open(dir.resolve("gateway.db"));
        return new Outbox(opened.database(), Clock.systemUTC());
    }

    private static List<Long> append(Outbox outbox, Priority p, int n) {
        List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(outbox.append(new OutboxEvent.New(p, p.name().toLowerCase(), READING)));
        }
        return fs.stream().map(f -> ((AppendResult.Stored) f.join()).event().seq()).toList();
    }

    @Test
    void sentEventsGoFirstTelemetryBeforeAlarms() throws Exception {
        try (Outbox outbox = outbox()) {
            List<Long> alarms = append(outbox, Priority.ALARM, 500);
            List<Long> telemetry = append(outbox, Priority.TELEMETRY, 3000);
            outbox.acknowledge(alarms).join();
            outbox.acknowledge(telemetry).join();
            long used = outbox.usedBytes().join();

            Retention.Report report = outbox.enforce(used / 2).join();

            assertThat(report.stillOverBudget()).isFalse();
            assertThat(report.thinned()).isFalse();
            var left = outbox.after(0, 100_000).join();
            assertThat(left).extracting(OutboxEvent::seq).containsAll(alarms);
            assertThat(left.size()).isLessThan(3500);
        }
    }

    @Test
    void onAFullDiskUnsentTelemetryIsThinnedButUnsentAlarmsAndAccessAreAllKept() throws Exception {
        try (Outbox outbox = outbox()) {
            List<Long> access = append(outbox, Priority.ACCESS, 300);
            List<Long> telemetry = append(outbox, Priority.TELEMETRY, 4000);
            List<Long> alarms = append(outbox, Priority.ALARM, 50);
            long used = outbox.usedBytes().join();

            Retention.Report report = outbox.enforce(used * 6 / 10).join();

            assertThat(report.thinned()).isTrue();
            assertThat(report.thinnedFromSeq()).isGreaterThanOrEqualTo(telemetry.get(0));
            assertThat(report.thinnedToSeq()).isLessThanOrEqualTo(telemetry.get(telemetry.size() - 1));
            var left = outbox.unacknowledged(100_000).join();
            assertThat(left).extracting(OutboxEvent::seq).containsAll(access).containsAll(alarms);
            long keptTelemetry = left.stream().filter(e -> e.priority() == Priority.TELEMETRY).count();
            assertThat(keptTelemetry).isBetween(500L, 3000L);
            // what is left of the telemetry still spans the whole outage
            assertThat(left.stream().filter(e -> e.priority() == Priority.TELEMETRY).mapToLong(OutboxEvent::seq).min())
                    .hasValue(telemetry.get(0));
        }
    }

    @Test
    void whenOnlyAlarmsAndAccessAreLeftNothingIsDeletedAndThePassSaysSo() throws Exception {
        try (Outbox outbox = outbox()) {
            List<Long> alarms = append(outbox, Priority.ALARM, 400);
            Retention.Report report = outbox.enforce(1024).join();
            assertThat(report.stillOverBudget()).isTrue();
            assertThat(outbox.unacknowledged(1000).join()).extracting(OutboxEvent::seq).containsExactlyElementsOf(alarms);
        }
    }
}
