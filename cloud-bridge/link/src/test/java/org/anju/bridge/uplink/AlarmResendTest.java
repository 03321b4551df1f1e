package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.Priority;
import org.junit.jupiter.api.Test;

/**
 * When the gateway sends again what the broker took and the park never confirmed, on the book's
 * virtual time: an alarm soon (its first copy may wait at the broker behind a backlog queued for
 * the park's shared subscription, while a copy sent again reaches the bridge's live one), then
 * less and less often; everything else once a minute, as before.
 */
class AlarmResendTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long ALARM = 1;
    private static final long READING = 2;

    private final TreeMap<Long, UplinkEvent> outbox = new TreeMap<>(Map.of(
            ALARM, new UplinkEvent(ALARM, 0, Priority.ALARM, "fire.alarm", "{\"input\":\"smoke-1\"}"),
            READING, new UplinkEvent(READING, 0, Priority.TELEMETRY, "port.reading", "{\"port\":1}")));
    private final Map<Long, List<Long>> sentAt = new HashMap<>();
    private final DrainBook book = new DrainBook(new DrainSettings(4, 100, 64 * 1024, 0), 30 * SECOND, 60 * SECOND,
            5 * SECOND, SECOND / 10, SECOND, 0);

    /** Runs the book until {@code until}: every read answered from the outbox, every batch taken by the broker at once. */
    private void runUntil(long from, long until) {
        for (long now = from; now <= until; now += SECOND / 10) {
            for (DrainBook.Step step : book.next(now)) {
                if (step instanceof DrainBook.Fetch f) {
                    book.fetched(new ArrayList<>(outbox.values()), f.limit(), now);
                } else if (step instanceof DrainBook.Publish p) {
                    for (UplinkEvent e : p.events()) {
                        sentAt.computeIfAbsent(e.seq(), s -> new ArrayList<>()).add(now / SECOND);
                    }
                    book.published(p.batchId(), now);
                } else if (step instanceof DrainBook.Record r) {
                    r.seqs().forEach(outbox::remove);
                    book.recorded(r.seqs());
                }
            }
        }
    }

    @Test
    void anAlarmTheParkDoesNotConfirmIsSentAgainAfter5sThenEverLessOftenUpToTheMinuteTheRestWaits() {
        book.connected(0);
        runUntil(0, 200 * SECOND);

        assertThat(sentAt.get(ALARM)).as("seconds at which the alarm was sent").containsExactly(0L, 5L, 15L, 35L, 75L, 135L, 195L);
        assertThat(sentAt.get(READING)).as("seconds at which the reading was sent").containsExactly(0L, 60L, 120L, 180L);
    }

    @Test
    void anAlarmTheParkConfirmsIsNeverSentAgain() {
        book.connected(0);
        runUntil(0, 7 * SECOND);
        book.receipt(new DeliveryReceipt(1, DeliveryReceipt.KIND, "p", "gw", 0, List.of(new DeliveryReceipt.Range(ALARM, ALARM)), 0, "k", null),
                7 * SECOND);
        runUntil(7 * SECOND, 100 * SECOND);

        assertThat(sentAt.get(ALARM)).containsExactly(0L, 5L);
        assertThat(outbox.keySet()).as("recorded as delivered").isEqualTo(Set.of(READING));
    }

    @Test
    void anAlarmIsSentAgainAtOnceWhenTheParkAsksForItsAlarmsThenWaitsTheFirstWaitAgain() {
        book.connected(0);
        runUntil(0, 50 * SECOND); // sent at 0, 5, 15 and 35; next due at 75
        book.receipt(askingForAlarms(), 50 * SECOND);
        runUntil(50 * SECOND, 70 * SECOND);

        assertThat(sentAt.get(ALARM)).as("seconds at which the alarm was sent")
                .containsExactly(0L, 5L, 15L, 35L, 50L, 55L, 65L);
        assertThat(sentAt.get(READING)).as("the rest keeps its minute").containsExactly(0L, 60L);
    }

    @Test
    void anAlarmTheBrokerHadNotYetTakenWhenTheParkAskedIsSentAgainOnceTakenNotAfterItsWait() {
        book.connected(0);
        List<DrainBook.Publish> held = new ArrayList<>();
        for (DrainBook.Step step : book.next(0)) {
            if (step instanceof DrainBook.Fetch f) {
                book.fetched(new ArrayList<>(outbox.values()), f.limit(), 0);
            }
        }
        for (DrainBook.Step step : book.next(0)) {
            if (step instanceof DrainBook.Publish p && p.events().get(0).seq() == ALARM) {
                held.add(p); // no PUBACK yet: it may have reached the broker before the park subscribed
            }
        }
        assertThat(held).hasSize(1);
        book.receipt(askingForAlarms(), SECOND);
        book.published(held.get(0).batchId(), 2 * SECOND);
        runUntil(2 * SECOND, 4 * SECOND);

        assertThat(sentAt.get(ALARM)).as("seconds at which the alarm was sent again").containsExactly(2L);
    }

    @Test
    void aConfirmedAlarmIsNotSentAgainWhenTheParkAsks() {
        book.connected(0);
        runUntil(0, SECOND);
        book.receipt(DeliveryReceipt.of(new org.anju.bridge.contract.Topics("p", "gw"), 0,
                List.of(new DeliveryReceipt.Range(ALARM, ALARM)), 0, "k").askingForAlarms(), 2 * SECOND);
        runUntil(2 * SECOND, 30 * SECOND);

        assertThat(sentAt.get(ALARM)).containsExactly(0L);
    }

    @Test
    void aParkThatOnlyAsksForAlarmsAndConfirmsNothingStillShowsAsSilent() {
        book.connected(0);
        runUntil(0, SECOND);
        for (long at = 10; at <= 300; at += 10) {
            book.receipt(askingForAlarms(), at * SECOND); // a gateway coming and going, a park storing nothing
        }

        assertThat(book.parkSilentFor(300 * SECOND)).as("nothing was confirmed since the first publish")
                .isGreaterThanOrEqualTo(299 * SECOND);
        assertThat(book.figures().lastReceiptAt()).as("no receipt that confirmed anything").isEqualTo(-1);
    }

    /** What the bridge sends a gateway whose birth its live subscription just heard: confirms nothing, asks for alarms. */
    private static DeliveryReceipt askingForAlarms() {
        return DeliveryReceipt.of(new org.anju.bridge.contract.Topics("p", "gw"), 0, List.of(), 0, "k").askingForAlarms();
    }
}
