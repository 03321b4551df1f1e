package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.access.TokenBucket;
import org.anju.bridge.contract.Priority;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;


/** The pure parts of the drain: backoff windows, the rate limit, batch planning. */
class DrainPartsTest {

    @Test
    void backoffWindowsDoubleFromTheFirstAttemptUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(1));
        assertThat(List.of(0, 1, 2, 3, 5, 6, 7, 40).stream().map(b::windowMillis).toList())
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 32_000L, 60_000L, 60_000L, 60_000L);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void aDelayIsAnywhereInItsWindowSoAFleetSpreadsOut(@ForAll @IntRange(min = 0, max = 60) int attempt,
                                                       @ForAll long seed) {
        Backoff b = Backoff.standard();
        long delay = b.delayMillis(attempt, new Random(seed));
        assertThat(delay).isBetween(0L, b.windowMillis(attempt));
    }

    @Test
    void fullJitterSpreadsAThousandGatewaysOverTheWholeWindow() {
        Backoff b = Backoff.standard();
        Random random = new Random(7);
        int[] buckets = new int[10];
        for (int gw = 0; gw < 1000; gw++) {
            long d = b.delayMillis(4, random); // window 16 s
            buckets[(int) Math.min(9, d * 10 / b.windowMillis(4))]++;
        }
        for (int n : buckets) {
            assertThat(n).isBetween(60, 140); // about 100 per tenth: no wave at the start or end
        }
    }

    @Test
    void theBucketAllowsOneSecondOfBurstThenTheRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = TokenBucket.perSecond(500, now.get());
        assertThat(bucket.capacity()).isEqualTo(500);
        assertThat(bucket.available(now.get())).isEqualTo(500);
        bucket.take(500, now.get());
        assertThat(bucket.available(now.get())).isZero();
        assertThat(bucket.nanosUntil(100, now.get())).isEqualTo(200_000_000L);
        now.addAndGet(100_000_000L);
        assertThat(bucket.available(now.get())).isEqualTo(50);
        now.addAndGet(10_000_000_000L);
        assertThat(bucket.available(now.get())).isEqualTo(500); // never more than the burst
        TokenBucket none = TokenBucket.perSecond(0, now.get());
        assertThat(none.unlimited()).isTrue();
        assertThat(none.available(now.get())).isEqualTo(Integer.MAX_VALUE);
        assertThat(none.nanosUntil(1_000_000, now.get())).isZero();
    }

    @Property(tries = 100)
    void overAnyStretchTheBucketNeverLetsMoreThanBurstPlusRate(@ForAll @LongRange(min = 1, max = 5_000) long rate,
                                                               @ForAll @IntRange(min = 1, max = 200) int step) {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = TokenBucket.perSecond(rate, now.get());
        long taken = 0;
        for (int i = 0; i < 1000; i++) {
            int n = Math.min(bucket.available(now.get()), step);
            bucket.take(n, now.get());
            taken += n;
            now.addAndGet(1_000_000L); // 1 ms
        }
        assertThat(taken).isLessThanOrEqualTo(Math.max(1, rate) + rate); // 1 s of burst + 1 s of rate
    }

    private static UplinkEvent event(long seq, Priority p, int payloadChars) {
        return new UplinkEvent(seq, 0, p, "door.access", "{\"x\":\"" + "a".repeat(payloadChars) + "\"}");
    }

    @Test
    void aBatchIsOneRunOfOnePriorityWithinTheLimits() {
        List<UplinkEvent> queue = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            queue.add(event(i, Priority.ALARM, 10));
        }
        queue.add(event(6, Priority.ACCESS, 10));
        assertThat(BatchPlanner.nextBatch(queue, 100, 64 * 1024)).isEqualTo(5);
        assertThat(BatchPlanner.nextBatch(queue, 3, 64 * 1024)).isEqualTo(3);
        assertThat(BatchPlanner.nextBatch(queue.subList(5, 6), 100, 64 * 1024)).isEqualTo(1);
        assertThat(BatchPlanner.nextBatch(List.of(), 100, 64 * 1024)).isZero();
        // bytes: each event ~ 96 + 10 + 11 = 117 estimated; 300 bytes hold two
        assertThat(BatchPlanner.nextBatch(queue, 100, 300)).isEqualTo(2);
        // an event larger than the limit goes alone rather than never
        assertThat(BatchPlanner.nextBatch(List.of(event(1, Priority.STATE, 5000), event(2, Priority.STATE, 1)), 100, 1024))
                .isEqualTo(1);
    }

    @Test
    void drainSettingsRefuseNonsense() {
        assertThatThrownBy(() -> new DrainSettings(0, 100, 65536, 0)).hasMessageContaining("maxInflight");
        assertThatThrownBy(() -> new DrainSettings(16, 100, 65536, -1)).hasMessageContaining("maxEventsPerSecond");
        assertThatThrownBy(() -> new DrainSettings(16, 100, 65536, Double.NaN)).hasMessageContaining("maxEventsPerSecond");
        assertThat(DrainSettings.standard().fetchSize()).isEqualTo(2 * 16 * 200);
    }
}
