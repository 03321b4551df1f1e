package org.anju.protocol.wiegand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.anju.protocol.wiegand.WiegandResult.Card;
import org.anju.protocol.wiegand.WiegandResult.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WiegandCodecTest {

    /*
     * Worked by hand from the layout, bit 0 first; "P" is parity, then facility, then card:
     *
     * H10301 facility 1, card 1: data 00000001 0000000000000001.
     *   bits 1-12 = 000000010000 hold one 1, so even parity is 1;
     *   bits 13-24 = 000000000001 hold one 1, already odd, so odd parity is 0.
     * H10301 facility 123 (01111011), card 4567 (0001000111010111):
     *   bits 1-12 = 011110110001 hold seven 1s, so even parity is 1;
     *   bits 13-24 = 000111010111 hold seven 1s, so odd parity is 0.  0x2F623AE, as published.
     * H10301 facility 0, card 0: no 1s: even parity 0, odd parity 1.
     * H10301 facility 255, card 65535: twelve 1s in each half: even parity 0, odd parity 1.
     * H10306 facility 1, card 1: one 1 in each 16-bit half: even parity 1, odd parity 0.
     * H10306 facility 123, card 4567: six 1s in bits 1-16, so even parity 0; the whole card
     *   number is bits 17-32 and holds eight 1s (the 26-bit odd half saw only its last twelve,
     *   seven), so odd parity is 1.
     */
    @ParameterizedTest(name = "{0} {1}/{2} = {3}")
    @CsvSource({
        "H10301,   1,     1, 1 00000001 0000000000000001 0,                 2020002",
        "H10301, 123,  4567, 1 01111011 0001000111010111 0,                 2F623AE",
        "H10301,   0,     0, 0 00000000 0000000000000000 1,                 0000001",
        "H10301, 255, 65535, 0 11111111 1111111111111111 1,                 1FFFFFF",
        "H10306,   1,     1, 1 0000000000000001 0000000000000001 0,       200020002",
        "H10306, 123,  4567, 0 0000000001111011 0001000111010111 1,       000F623AF",
        "H10306, 65535, 65535, 0 1111111111111111 1111111111111111 1,     1FFFFFFFF",
    })
    void knownCardsHaveKnownBits(WiegandFormat format, int facility, int number, String bits, String hex) {
        Card card = new Card(format, facility, number);
        boolean[] golden = bits(bits);
        long value = Long.parseLong(hex, 16);

        assertThat(WiegandCodec.encode(card)).isEqualTo(golden);
        assertThat(WiegandCodec.encodeValue(card)).isEqualTo(value);
        assertThat(WiegandCodec.decode(golden)).isEqualTo(card);
        assertThat(WiegandCodec.decode(format.bits(), value)).isEqualTo(card);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // facility 1 card 1 with one bit dropped, and with one bit added
        "1 00000001 0000000000000001                       | 26 or 34 bits expected, got 25",
        "1 00000001 0000000000000001 00                    | 26 or 34 bits expected, got 27",
        // facility 1 card 1 with the leading parity bit flipped, then bit 20 flipped, then both
        "0 00000001 0000000000000001 0                     | even parity over bits 1-12 fails",
        "1 00000001 0000000000010001 0                     | odd parity over bits 13-24 fails",
        "0 00000001 0000000000010001 0                     | even parity over bits 1-12 and odd parity over bits 13-24 fail",
        "0 0000000000000001 0000000000000001 0             | even parity over bits 1-16 fails",
        "1 0000000000000001 0000000000000001 1             | odd parity over bits 17-32 fails",
    })
    void badFramesAreRejectedWithTheReason(String bits, String reason) {
        assertThat(WiegandCodec.decode(bits(bits))).isEqualTo(new Rejected(reason));
    }

    @Test
    void noBitsAndTooManyBitsAreLengthErrors() {
        assertThat(WiegandCodec.decode(new boolean[0])).isEqualTo(new Rejected("26 or 34 bits expected, got 0"));
        assertThat(WiegandCodec.decode(200, 0)).isEqualTo(new Rejected("26 or 34 bits expected, got 200"));
        assertThat(WiegandCodec.decode(-1, 0)).isEqualTo(new Rejected("26 or 34 bits expected, got -1"));
    }

    @Test
    void aValueWiderThanItsBitCountIsRejected() {
        assertThat(WiegandCodec.decode(26, 0x2020002L | 1L << 26))
                .isEqualTo(new Rejected("value 0x6020002 does not fit 26 bits"));
    }

    @Test
    void cardsRefuseFieldsTheFormatCannotCarry() {
        assertThatThrownBy(() -> new Card(WiegandFormat.H10301, 256, 1)).hasMessageContaining("0-255, not 256");
        assertThatThrownBy(() -> new Card(WiegandFormat.H10306, 65536, 1)).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> new Card(WiegandFormat.H10301, 1, 65536)).hasMessageContaining("0-65535, not 65536");
        assertThatThrownBy(() -> new Card(WiegandFormat.H10301, -1, 1)).hasMessageContaining("not -1");
    }

    static boolean[] bits(String text) {
        String digits = text.replaceAll("\\s+", "");
        boolean[] bits = new boolean[digits.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = digits.charAt(i) == '1';
        }
        return bits;
    }
}
