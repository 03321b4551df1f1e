package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.anju.bridge.testing.Closer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.testing.EventLedger;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.bridge.testing.Uplinks;

/**
 * The drain against a real Mosquitto: an outage with a backlog, a broker restart mid-drain, the
 * uplink killed mid-drain and started again on the same outbox. A park client with a persistent
 * session on a persistent broker stands for the park bridge; it checks every event arrives, is
 * counted once, and arrives in order within its priority.
 */
@Tag("peer")
class DrainAgainstMosquittoTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T keep(T resource) {
        return closer.keep(resource);
    }

    /** 100 alarms, 1000 access, 400 state, 3500 telemetry events, interleaved in time as in a day. */
    private static void fillBacklog(InMemoryOutbox outbox) {
        for (int block = 0; block < 100; block++) {
            outbox.appendMany(35, Priority.TELEMETRY, "port.reading");
            outbox.appendMany(10, Priority.ACCESS, "door.access");
            outbox.appendMany(4, Priority.STATE, "charging.session_started");
            outbox.appendMany(1, Priority.ALARM, "alarm.overcurrent");
        }
    }

    private static void assertCompleteAndOrdered(EventLedger ledger, InMemoryOutbox outbox) {
        assertThat(ledger.size()).isEqualTo(outbox.size());
        for (Priority p : Priority.values()) {
            List<Long> arrivals = ledger.firstArrivals(p);
            assertThat(arrivals).as("%s events in first-arrival order", p).isSorted();
            assertThat(arrivals).as("every %s event", p).hasSize(
                    (int) outbox.all().stream().filter(e -> e.priority() == p).count());
        }
        assertThat(outbox.unacknowledgedCount()).isZero();
        assertThat(outbox.overlapSeen()).as("one read and one acknowledgement at a time").isFalse();
    }

    @Test
    void backlogQueuedDuringAnOutageDrainsCompleteDeduplicatedAndInPriorityOrder() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).persistent().start());
        ParkClient park = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, true));
        broker.stop(); // the outage: the park's session and subscriptions wait in the broker's saved state

        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        fillBacklog(outbox);
        // an alarm the park has not confirmed within 5 s is sent again, by design (AlarmResendTest): on a loaded
        // machine the park's reconnect alone can take that long, and this test counts copies the drain itself makes
        UplinkConfig.Delivery standard = UplinkConfig.Delivery.standard();
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri()).withDelivery(new UplinkConfig.Delivery(
                        standard.resendAfter(), standard.unconfirmedAlarm(), standard.refusalPause(), standard.resendAfter())))
                .outbox(outbox).sessions(Uplinks.sessions()).start());
        // the first connection fails and is retried with backoff, without touching the outbox
        await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().session() >= 3);
        assertThat(uplink.status().link()).isNotEqualTo(UplinkStatus.Link.CONNECTED);
        assertThat(uplink.status().lastProblem()).contains("failed");
        assertThat(outbox.acknowledgedCount()).isZero();

        broker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> park.ledger().size() == outbox.size()
                && outbox.unacknowledgedCount() == 0);

        EventLedger ledger = park.ledger();
        assertCompleteAndOrdered(ledger, outbox);
        // the whole backlog was there at connect: strictly alarms, then access, state, telemetry
        List<Priority> order = ledger.arrivalOrder().stream().map(EventBatch.Event::priority).toList();
        assertThat(order).isSortedAccordingTo(Enum::compareTo);
        assertThat(ledger.duplicates()).isZero();
        assertThat(ledger.batches()).isLessThan(outbox.size() / 50); // batched, not one message per event
        assertThat(park.invalid()).isEmpty();

        // once drained, the floor says everything so far reached the broker; a new event carries it
        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().floor() == outbox.size() + 1);
        long next = outbox.append(Priority.ACCESS, "door.access", "{\"door\":\"entrance-1\"}").seq();
        uplink.wake(Priority.ACCESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> park.ledger().has(next));
        assertThat(park.ledger().highestFloor()).isEqualTo(next);
        assertThat(park.ledger().gapsBelowFloor()).isEmpty();
        assertThat(park.states()).anyMatch(s -> s instanceof GatewayState.Birth b && b.session() == uplink.status().session());
    }

    @Test
    void brokerRestartedMidDrainLosesNothing() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).persistent().start());
        ParkClient park = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, true));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        for (int i = 0; i < 4; i++) {
            fillBacklog(outbox); // 20,000 events
        }
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri())
                        .withDrain(new DrainSettings(16, 100, 64 * 1024, 10_000)))
                .outbox(outbox).sessions(Uplinks.sessions()).start());

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.acknowledgedCount() >= 3_000);
        long firstSession = uplink.status().session();
        broker.restart();
        assertThat(outbox.unacknowledgedCount()).as("the restart came mid-drain").isPositive();

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(
                List.of(outbox.unacknowledgedCount(), (long) park.ledger().size()))
                .as("unacknowledged at the gateway, received by the park; uplink %s; broker log:%n%s", uplink.status(),
                        broker.logText().lines().skip(Math.max(0, broker.logText().lines().count() - 40))
                                .collect(java.util.stream.Collectors.joining("\n")))
                .containsExactly(0L, (long) outbox.size()));
        assertCompleteAndOrdered(park.ledger(), outbox);
        assertThat(uplink.status().session()).isGreaterThan(firstSession);
        assertThat(uplink.status().connects()).isGreaterThanOrEqualTo(2);
        assertThat(park.invalid()).isEmpty();
    }

    @Test
    void uplinkKilledMidDrainAndStartedAgainOnTheSameOutboxLosesNothing() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, false));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        for (int i = 0; i < 4; i++) {
            fillBacklog(outbox);
        }
        SessionSequence sessions = Uplinks.sessions();
        UplinkConfig config = Uplinks.config(broker.uri()).withDrain(new DrainSettings(16, 100, 64 * 1024, 10_000));

        GatewayUplink first = Uplinks.builder(config).outbox(outbox).sessions(sessions).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.acknowledgedCount() >= 3_000);
        long firstSession = first.status().session();
        first.abort();
        // what can come twice: what the broker may have had but the outbox had not yet recorded as sent
        long unrecorded = first.status().eventsPublished() - first.status().eventsAcknowledged();
        assertThat(outbox.unacknowledgedCount()).as("killed mid-drain").isPositive();
        // the broker saw a dead connection, not a goodbye: the will is out
        await().atMost(Duration.ofSeconds(10)).until(() -> park.states().stream().anyMatch(s ->
                s instanceof GatewayState.Death d && d.session() == firstSession && d.cause() == GatewayState.Cause.LOST));

        GatewayUplink second = keep(Uplinks.builder(config).outbox(outbox).sessions(sessions).start());
        await().atMost(Duration.ofSeconds(40)).until(() -> outbox.unacknowledgedCount() == 0
                && park.ledger().size() == outbox.size());
        assertCompleteAndOrdered(park.ledger(), outbox);
        assertThat(second.status().session()).isGreaterThan(firstSession);
        // at-least-once: only what was in flight or unrecorded at the kill may come twice, and the
        // ledger counted each event once
        assertThat(park.ledger().duplicates()).isLessThanOrEqualTo(unrecorded);
        assertThat(unrecorded).isLessThan(outbox.size() / 2);
        assertThat(park.invalid()).isEmpty();
    }

    @Test
    void anAlarmOvertakesATelemetryBacklog() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, false));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        outbox.appendMany(3_000, Priority.TELEMETRY, "port.reading");
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri())
                        .withDrain(new DrainSettings(4, 50, 64 * 1024, 1_000)))
                .outbox(outbox).sessions(Uplinks.sessions()).start());
        // past the first second's burst, the rest trickles out at 1000/s
        await().atMost(Duration.ofSeconds(10)).until(() -> park.ledger().size() >= 1_200);

        long alarm = outbox.append(Priority.ALARM, "alarm.smoke", "{\"sensor\":\"stairs-3\"}").seq();
        uplink.wake(Priority.ALARM);
        await().atMost(Duration.ofSeconds(10)).until(() -> park.ledger().has(alarm));
        assertThat(park.ledger().size()).as("telemetry still queued behind the alarm").isLessThan(3_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> park.ledger().size() == outbox.size());
        assertThat(park.ledger().firstArrivals(Priority.TELEMETRY)).isSorted();
    }

    @Test
    void rowsThatBreakTheContractTravelAsViolationsAndDoNotStopTheDrain() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, false));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        outbox.appendMany(50, Priority.ACCESS, "door.access");
        long loneSurrogate = outbox.append(Priority.ACCESS, "door.access", "{\"who\":\"\uD800\"}").seq();
        long duplicateKeys = outbox.append(Priority.ACCESS, "door.access", "{\"door\":\"a\",\"door\":\"b\"}").seq();
        long notJson = outbox.append(Priority.ACCESS, "door.access", "door opened").seq();
        long badType = outbox.append(Priority.ACCESS, "Door Opened!", "{}").seq();
        outbox.appendMany(50, Priority.ACCESS, "door.access");
        keep(Uplinks.builder(Uplinks.config(broker.uri())).outbox(outbox).sessions(Uplinks.sessions()).start());

        await().atMost(Duration.ofSeconds(10)).until(() -> park.ledger().size() == outbox.size()
                && outbox.unacknowledgedCount() == 0);
        for (long seq : List.of(loneSurrogate, duplicateKeys, notJson, badType)) {
            assertThat(park.ledger().event(seq).type()).isEqualTo(EventBatch.Event.VIOLATION);
        }
        assertThat(park.ledger().event(notJson).payload()).contains("door opened");
        assertThat(park.ledger().firstArrivals(Priority.ACCESS)).isSorted();
        assertThat(park.invalid()).isEmpty();
    }

    @Test
    void theDrainKeepsToItsRateLimit() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, false));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        outbox.appendMany(2_500, Priority.TELEMETRY, "port.reading");
        long start = System.nanoTime();
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri())
                        .withDrain(new DrainSettings(16, 100, 64 * 1024, 1_000)))
                .outbox(outbox).sessions(Uplinks.sessions()).start());
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.unacknowledgedCount() == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        // one second's burst (1000 events) at once, then 1000/s: 2500 events take at least 1.5 s
        assertThat(seconds).isBetween(1.4, 6.0);
        assertThat(uplink.status().eventsAcknowledged()).isEqualTo(2_500);
    }
}
