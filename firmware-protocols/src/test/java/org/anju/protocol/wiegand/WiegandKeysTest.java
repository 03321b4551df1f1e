package org.anju.protocol.wiegand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Keypad frames: the codes keypads send, both formats, and a flipped bit in the 8-bit one caught. */
class WiegandKeysTest {

    @Test
    void keypadFramesDecodeToTheirKeys() {
        assertThat(WiegandKeys.decode(4, 0b0101)).contains('5');
        assertThat(WiegandKeys.decode(4, 10)).contains('*');
        assertThat(WiegandKeys.decode(4, 11)).contains('#');
        assertThat(WiegandKeys.decode(4, 12)).isEmpty();
        assertThat(WiegandKeys.decode(8, 0xE1)).as("1 with its complement E").contains('1');
        assertThat(WiegandKeys.decode(8, 0x4B)).as("# (11) with its complement 4").contains('#');
        assertThat(WiegandKeys.decode(8, 0xE0)).as("complement does not match").isEmpty();
        assertThat(WiegandKeys.decode(26, 5)).isEmpty();
    }

    @Property
    void everyKeyRoundTripsAndAnySingleFlippedBitOfAnEightBitFrameIsCaught(@ForAll @IntRange(min = 0, max = 11) int code,
                                                                            @ForAll @IntRange(min = 0, max = 7) int flip) {
        char key = code == 10 ? '*' : code == 11 ? '#' : (char) ('0' + code);
        for (boolean eight : new boolean[] {false, true}) {
            boolean[] bits = WiegandKeys.encode(key, eight);
            assertThat(WiegandKeys.decode(bits.length, value(bits))).isEqualTo(Optional.of(key));
        }
        boolean[] bits = WiegandKeys.encode(key, true);
        bits[flip] = !bits[flip];
        assertThat(WiegandKeys.decode(8, value(bits))).isEmpty();
    }

    private static long value(boolean[] bits) {
        long v = 0;
        for (boolean b : bits) {
            v = v << 1 | (b ? 1 : 0);
        }
        return v;
    }
}
