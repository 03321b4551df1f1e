package org.anju.protocol.lockboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.anju.protocol.Bytes;
import org.anju.protocol.lockboard.LockBoardDecoder.Reads;
import org.anju.protocol.lockboard.LockBoardEvent.ChecksumError;
import org.anju.protocol.lockboard.LockBoardEvent.Frame;
import org.anju.protocol.lockboard.LockBoardEvent.Garbage;
import org.anju.protocol.lockboard.LockBoardEvent.Truncated;
import org.anju.protocol.lockboard.LockBoardFrame.AllStates;
import org.anju.protocol.lockboard.LockBoardFrame.OpenChannel;
import org.anju.protocol.lockboard.LockBoardFrame.OpenResult;
import org.anju.protocol.lockboard.LockBoardFrame.ReadChannel;
import org.junit.jupiter.api.Test;

class LockBoardDecoderTest {

    @Test
    void noiseBeforeAFrameIsReportedAsGarbageAndTheFrameIsKept() {
        assertThat(decode(Reads.REQUESTS, "00 FF 55 8A 01 01 11 9B"))
                .containsExactly(garbage("00 FF 55"), new Frame(new OpenChannel(1, 1)));
    }

    @Test
    void aStartByteInsideNoiseDoesNotHideTheNextFrame() {
        assertThat(decode(Reads.REQUESTS, "8A 8A 80 01 01 33 B3"))
                .containsExactly(garbage("8A 8A"), new Frame(new ReadChannel(1, 1)));
    }

    @Test
    void aDamagedFrameIsOneChecksumErrorAndTwoInARowAreTwo() {
        assertThat(decode(Reads.REQUESTS, "55 8A 01 01 11 00 80 01 01 33 00 8A 01 01 11 9B")).containsExactly(
                garbage("55"),
                new ChecksumError(Bytes.hex("8A 01 01 11 00")),
                new ChecksumError(Bytes.hex("80 01 01 33 00")),
                new Frame(new OpenChannel(1, 1)));
    }

    @Test
    void aRequestWithAnUnknownCommandIsNotFramed() {
        // 8A with 33 pairs an open start byte with the read command: not a frame whatever its checksum.
        assertThat(decode(Reads.REQUESTS, "8A 01 01 33 B9")).containsExactly(garbage("8A 01 01 33 B9"));
    }

    @Test
    void aReadAllReplyIsFramedByItsCountWhateverTheChunks() {
        String reply = "80 01 00 04 00 01 02 03 33 B6";
        List<LockBoardEvent> whole = decode(Reads.REPLIES, reply);
        assertThat(whole).hasSize(1).first().isInstanceOf(Frame.class);

        LockBoardDecoder decoder = new LockBoardDecoder(Reads.REPLIES);
        List<LockBoardEvent> events = new ArrayList<>();
        for (byte b : Bytes.hex(reply).toArray()) {
            assertThat(events).isEmpty();
            events.addAll(decoder.feed(new byte[] {b}));
        }
        assertThat(events).isEqualTo(whole);
        assertThat(((AllStates) ((Frame) whole.get(0)).frame()).channel(4)).isEqualTo(new ChannelStatus(true, true));
    }

    @Test
    void aReadAllReplyWithoutItsTrailerIsNotFramed() {
        assertThat(decode(Reads.REPLIES, "80 01 00 01 00 44 C4")).containsExactly(garbage("80 01 00 01 00 44 C4"));
    }

    @Test
    void aChannelCountAboveFortyEightIsNotFramed() {
        assertThat(decode(Reads.REPLIES, "80 01 00 31")).containsExactly(garbage("80 01 00 31"));
    }

    @Test
    void aFrameCutOffByTheLineGoingSilentIsTruncatedOnFlush() {
        LockBoardDecoder decoder = new LockBoardDecoder(Reads.REPLIES);
        assertThat(decoder.feed(Bytes.hex("80 01 00 04 00 01").toArray())).isEmpty();
        assertThat(decoder.pending()).isEqualTo(6);
        assertThat(decoder.flush()).containsExactly(new Truncated(Bytes.hex("80 01 00 04 00 01")));
        assertThat(decoder.pending()).isZero();
        assertThat(decoder.feed(Bytes.hex("8A 01 01 11 9B").toArray()))
                .containsExactly(new Frame(new OpenResult(1, 1, true)));
    }

    @Test
    void aWholeFrameInsideACutOffOneIsFoundOnFlush() {
        // The count byte 10 announces 22 bytes; the line goes quiet after 9, among them a whole reply.
        LockBoardDecoder decoder = new LockBoardDecoder(Reads.REPLIES);
        assertThat(decoder.feed(Bytes.hex("80 01 00 10 8A 01 01 11 9B").toArray())).isEmpty();
        assertThat(decoder.flush()).containsExactly(
                new Truncated(Bytes.hex("80 01 00 10")),
                new Frame(new OpenResult(1, 1, true)));
    }

    @Test
    void flushReportsHeldGarbageAndNothingWhenEmpty() {
        LockBoardDecoder decoder = new LockBoardDecoder(Reads.REQUESTS);
        assertThat(decoder.flush()).isEmpty();
        assertThat(decoder.feed(Bytes.hex("01 02 03").toArray())).isEmpty();
        assertThat(decoder.flush()).containsExactly(garbage("01 02 03"));
    }

    @Test
    void aLongRunOfNoiseIsReportedInPiecesSoMemoryStaysBounded() {
        byte[] noise = new byte[1000];
        LockBoardDecoder decoder = new LockBoardDecoder(Reads.REPLIES);
        List<LockBoardEvent> events = new ArrayList<>(decoder.feed(noise));
        assertThat(decoder.pending()).isLessThanOrEqualTo(LockBoardCodec.MAX_FRAME);
        events.addAll(decoder.flush());
        assertThat(events).allMatch(e -> e instanceof Garbage g && g.bytes().length() <= LockBoardCodec.MAX_FRAME);
        assertThat(events.stream().mapToInt(e -> ((Garbage) e).bytes().length()).sum()).isEqualTo(1000);
    }

    @Test
    void randomBytesNeverThrowAndNeverHoldMoreThanTwoFrames() {
        Random random = new Random(20240611);
        for (Reads side : Reads.values()) {
            LockBoardDecoder decoder = new LockBoardDecoder(side);
            long fed = 0;
            long reported = 0;
            for (int i = 0; i < 20_000; i++) {
                byte[] chunk = new byte[random.nextInt(80)];
                random.nextBytes(chunk);
                // Bias towards start bytes so that many frame candidates are tried, not only noise.
                for (int j = 0; j < chunk.length; j += 3) {
                    chunk[j] = (byte) (random.nextBoolean() ? 0x80 : 0x8A);
                }
                fed += chunk.length;
                reported += LockBoardStreams.byteCount(decoder.feed(chunk));
                assertThat(decoder.pending()).isLessThanOrEqualTo(2 * LockBoardCodec.MAX_FRAME);
                if (i % 97 == 0) {
                    reported += LockBoardStreams.byteCount(decoder.flush());
                }
            }
            reported += LockBoardStreams.byteCount(decoder.flush());
            assertThat(reported).isEqualTo(fed);
        }
    }

    private static List<LockBoardEvent> decode(Reads side, String hex) {
        LockBoardDecoder decoder = new LockBoardDecoder(side);
        List<LockBoardEvent> events = new ArrayList<>(decoder.feed(Bytes.hex(hex).toArray()));
        events.addAll(decoder.flush());
        return events;
    }

    private static Garbage garbage(String hex) {
        return new Garbage(Bytes.hex(hex));
    }
}
