package org.anju.protocol.wiegand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.anju.protocol.wiegand.WiegandResult.Card;
import org.anju.protocol.wiegand.WiegandResult.Rejected;
import org.junit.jupiter.api.Test;

class WiegandBitCollectorTest {
    private static final long MS = 1_000_000L;
    private static final Card CARD = new Card(WiegandFormat.H10301, 123, 4567);

    @Test
    void aFrameEndsAfterTwentyFiveMillisecondsOfSilence() {
        WiegandBitCollector collector = new WiegandBitCollector();
        long last = send(collector, WiegandCodec.encode(CARD), 0, 2 * MS);

        assertThat(collector.bitsHeld()).isEqualTo(26);
        assertThat(collector.poll(last + 25 * MS - 1)).isEmpty();
        assertThat(collector.poll(last + 25 * MS)).contains(CARD);
        assertThat(collector.bitsHeld()).isZero();
        assertThat(collector.poll(last + 100 * MS)).isEmpty();
    }

    @Test
    void thePulseAfterTheGapEndsThePreviousFrameAndStartsTheNext() {
        WiegandBitCollector collector = new WiegandBitCollector();
        long last = send(collector, WiegandCodec.encode(CARD), 0, 2 * MS);
        Card second = new Card(WiegandFormat.H10306, 40000, 7);
        boolean[] bits = WiegandCodec.encode(second);

        Optional<WiegandResult> ended = bits[0] ? collector.d1(last + 30 * MS) : collector.d0(last + 30 * MS);
        assertThat(ended).contains(CARD);
        boolean[] rest = java.util.Arrays.copyOfRange(bits, 1, bits.length);
        long end = send(collector, rest, last + 31 * MS, MS);
        assertThat(collector.poll(end + 25 * MS)).contains(second);
    }

    @Test
    void theGapIsConfigurable() {
        WiegandBitCollector collector = new WiegandBitCollector(Duration.ofMillis(5));
        long last = send(collector, WiegandCodec.encode(CARD), 0, MS);
        assertThat(collector.poll(last + 5 * MS)).contains(CARD);
    }

    @Test
    void aNoiseBurstIsRejectedByItsLengthAndHeldInBoundedMemory() {
        WiegandBitCollector collector = new WiegandBitCollector();
        long t = 0;
        for (int i = 0; i < 1000; i++) {
            collector.d1(t += MS);
        }
        assertThat(collector.poll(t + 25 * MS)).contains(new Rejected("26 or 34 bits expected, got 1000"));
    }

    @Test
    void nanoTimeWrappingAroundDoesNotEndAFrame() {
        WiegandBitCollector collector = new WiegandBitCollector();
        long last = send(collector, WiegandCodec.encode(CARD), Long.MAX_VALUE - 20 * MS, 2 * MS);
        assertThat(last).isNegative();
        assertThat(collector.poll(last + 24 * MS)).isEmpty();
        assertThat(collector.poll(last + 25 * MS)).contains(CARD);
    }

    @Property
    void anyCardSentWithAnySpacingUnderTheGapIsCollected(
            @ForAll @IntRange(min = 0, max = 65535) int number,
            @ForAll @IntRange(min = 0, max = 65535) int facility,
            @ForAll @LongRange(min = 1, max = 25 * MS - 1) long spacing,
            @ForAll long start) {
        Card card = new Card(WiegandFormat.H10306, facility, number);
        WiegandBitCollector collector = new WiegandBitCollector();
        List<WiegandResult> results = new ArrayList<>();
        long t = start;
        for (boolean bit : WiegandCodec.encode(card)) {
            t += spacing;
            (bit ? collector.d1(t) : collector.d0(t)).ifPresent(results::add);
            collector.poll(t + spacing - 1).ifPresent(results::add);
        }
        collector.poll(t + 25 * MS).ifPresent(results::add);
        assertThat(results).containsExactly(card);
    }

    /** Sends bits {@code spacing} apart from {@code start}; returns the time of the last pulse. */
    private static long send(WiegandBitCollector collector, boolean[] bits, long start, long spacing) {
        long t = start;
        for (int i = 0; i < bits.length; i++) {
            t = start + i * spacing;
            Optional<WiegandResult> ended = bits[i] ? collector.d1(t) : collector.d0(t);
            assertThat(ended).isEmpty();
        }
        return t;
    }
}
