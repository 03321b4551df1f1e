package org.anju.protocol.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Crc16Test {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    /** CRC-16/MODBUS written out bit by bit, as the serial line specification's appendix describes it. */
    private static int bitwiseCrc(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                boolean lsb = (crc & 1) != 0;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    @Test
    void catalogueCheckValueOf123456789Is4B37() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16.compute(data, 0, data.length)).isEqualTo(0x4B37);
    }

    @Test
    void crcOfNothingIsTheInitialValue() {
        assertThat(Crc16.compute(new byte[0], 0, 0)).isEqualTo(0xFFFF);
    }

    @Test
    void wellKnownReadHoldingRequestsCarryTheirPublishedCrcLowByteFirst() {
        // 01 03 0000 0001 -> 84 0A on the wire, i.e. CRC value 0x0A84
        assertThat(Crc16.compute(hex("01 03 00 00 00 01"), 0, 6)).isEqualTo(0x0A84);
        assertThat(Crc16.compute(hex("01 03 00 00 00 0A"), 0, 6)).isEqualTo(0xCDC5);
        assertThat(Crc16.compute(hex("11 03 00 6B 00 03"), 0, 6)).isEqualTo(0x8776);
    }

    @Test
    void computeHonoursOffsetAndLength() {
        byte[] padded = hex("AA BB 01 03 00 00 00 01 CC");
        assertThat(Crc16.compute(padded, 2, 6)).isEqualTo(0x0A84);
    }

    @Test
    void matchesAcceptsAGoodFrameAndRejectsTheSameFrameWithSwappedCrcBytes() {
        assertThat(Crc16.matches(hex("01 03 00 00 00 01 84 0A"), 0, 8)).isTrue();
        assertThat(Crc16.matches(hex("01 03 00 00 00 01 0A 84"), 0, 8)).isFalse();
        assertThat(Crc16.matches(hex("FF 01 03 00 00 00 01 84 0A FF"), 1, 8)).isTrue();
    }

    @Test
    void matchesIsFalseForSpansTooShortToHoldDataAndCrc() {
        assertThat(Crc16.matches(hex("FF FF"), 0, 2)).isFalse();
        assertThat(Crc16.matches(new byte[0], 0, 0)).isFalse();
    }

    @Property
    void tableDrivenCrcEqualsTheBitwiseDefinition(@ForAll @Size(max = 300) byte[] data) {
        assertThat(Crc16.compute(data, 0, data.length)).isEqualTo(bitwiseCrc(data, 0, data.length));
    }

    @Property
    void dataFollowedByItsCrcLowByteFirstMatches(@ForAll @Size(min = 1, max = 254) byte[] data) {
        byte[] frame = withCrc(data);
        assertThat(Crc16.matches(frame, 0, frame.length)).isTrue();
    }

    @Property
    void everySingleBitErrorIsDetected(@ForAll @Size(min = 1, max = 254) byte[] data,
                                       @ForAll @IntRange(min = 0, max = 255 * 8) int bitSeed) {
        byte[] frame = withCrc(data);
        int bit = bitSeed % (frame.length * 8);
        frame[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(Crc16.matches(frame, 0, frame.length)).isFalse();
    }

    private static byte[] withCrc(byte[] data) {
        byte[] frame = new byte[data.length + 2];
        System.arraycopy(data, 0, frame, 0, data.length);
        int crc = bitwiseCrc(data, 0, data.length);
        frame[data.length] = (byte) crc;
        frame[data.length + 1] = (byte) (crc >>> 8);
        return frame;
    }
}
