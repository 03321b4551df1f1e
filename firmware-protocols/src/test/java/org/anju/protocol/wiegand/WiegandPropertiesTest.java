package org.anju.protocol.wiegand;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.anju.protocol.wiegand.WiegandResult.Card;
import org.anju.protocol.wiegand.WiegandResult.Rejected;

/**
 * What parity can and cannot catch, stated exactly. Each data bit lies under one parity bit;
 * an error is caught iff it flips an odd number of bits in at least one half.
 */
class WiegandPropertiesTest {

    @Property
    void everyCardRoundTrips(@ForAll("cards") Card card) {
        boolean[] bits = WiegandCodec.encode(card);
        assertThat(bits).hasSize(card.format().bits());
        assertThat(WiegandCodec.decode(bits)).isEqualTo(card);
        assertThat(WiegandCodec.decode(bits.length, WiegandCodec.encodeValue(card))).isEqualTo(card);
    }

    @Property
    void everySingleBitFlipIsRejectedByTheParityOfItsHalf(@ForAll("cards") Card card,
                                                          @ForAll @IntRange(min = 0, max = 33) int bit) {
        boolean[] bits = WiegandCodec.encode(card);
        int i = bit % bits.length;
        bits[i] = !bits[i];
        assertThat(WiegandCodec.decode(bits)).isEqualTo(new Rejected(parityOfHalf(card.format(), i) + " fails"));
    }

    /** The limit of parity: two errors under the same parity bit give another card that looks good. */
    @Property
    void twoFlipsInOneHalfGiveADifferentValidCard(@ForAll("cards") Card card,
                                                  @ForAll @IntRange(min = 0, max = 33) int a,
                                                  @ForAll @IntRange(min = 0, max = 33) int b) {
        boolean[] bits = WiegandCodec.encode(card);
        int i = a % bits.length;
        int j = b % bits.length;
        Assume.that(i != j && inFirstHalf(card.format(), i) == inFirstHalf(card.format(), j));
        bits[i] = !bits[i];
        bits[j] = !bits[j];
        WiegandResult decoded = WiegandCodec.decode(bits);
        assertThat(decoded).isInstanceOf(Card.class).isNotEqualTo(card);
    }

    @Property
    void twoFlipsInDifferentHalvesFailBothParities(@ForAll("cards") Card card,
                                                   @ForAll @IntRange(min = 0, max = 33) int a,
                                                   @ForAll @IntRange(min = 0, max = 33) int b) {
        WiegandFormat f = card.format();
        boolean[] bits = WiegandCodec.encode(card);
        int i = a % bits.length;
        int j = b % bits.length;
        Assume.that(inFirstHalf(f, i) != inFirstHalf(f, j));
        bits[i] = !bits[i];
        bits[j] = !bits[j];
        assertThat(WiegandCodec.decode(bits))
                .isEqualTo(new Rejected(parityOfHalf(f, 0) + " and " + parityOfHalf(f, f.bits() - 1) + " fail"));
    }

    /** A lost or an extra pulse never shifts into a valid frame of the other format: 25, 27, 33, 35. */
    @Property
    void aLostOrExtraBitIsALengthError(@ForAll("cards") Card card, @ForAll boolean extra,
                                       @ForAll @IntRange(min = 0, max = 34) int position) {
        boolean[] bits = WiegandCodec.encode(card);
        boolean[] changed;
        if (extra) {
            int at = position % (bits.length + 1);
            changed = new boolean[bits.length + 1];
            System.arraycopy(bits, 0, changed, 0, at);
            changed[at] = true;
            System.arraycopy(bits, at, changed, at + 1, bits.length - at);
        } else {
            int at = position % bits.length;
            changed = new boolean[bits.length - 1];
            System.arraycopy(bits, 0, changed, 0, at);
            System.arraycopy(bits, at + 1, changed, at, bits.length - at - 1);
        }
        assertThat(WiegandCodec.decode(changed))
                .isEqualTo(new Rejected("26 or 34 bits expected, got " + changed.length));
    }

    @Property
    void anyBitsDecodeWithoutThrowingAndAgreeWithTheValueForm(@ForAll boolean[] bits) {
        WiegandResult fromBits = WiegandCodec.decode(bits);
        if (bits.length <= Long.SIZE) {
            long value = 0;
            for (boolean bit : bits) {
                value = value << 1 | (bit ? 1 : 0);
            }
            assertThat(WiegandCodec.decode(bits.length, value)).isEqualTo(fromBits);
        }
        if (fromBits instanceof Card card) {
            assertThat(WiegandCodec.encode(card)).isEqualTo(bits);
        }
    }

    @Provide
    Arbitrary<Card> cards() {
        return Arbitraries.of(WiegandFormat.class).flatMap(format -> Combinators.combine(
                Arbitraries.integers().between(0, format.maxFacility()),
                Arbitraries.integers().between(0, 0xFFFF)).as((facility, number) -> new Card(format, facility, number)));
    }

    private static boolean inFirstHalf(WiegandFormat format, int bit) {
        return bit <= format.half();
    }

    private static String parityOfHalf(WiegandFormat format, int bit) {
        int h = format.half();
        return inFirstHalf(format, bit) ? "even parity over bits 1-" + h : "odd parity over bits " + (h + 1) + "-" + 2 * h;
    }
}
