package org.anju.protocol.lockboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.anju.protocol.lockboard.LockBoardDecoder.Reads;
import org.anju.protocol.lockboard.LockBoardFrame.AllStates;
import org.anju.protocol.lockboard.LockBoardFrame.ChannelState;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAll;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAllDone;
import org.anju.protocol.lockboard.LockBoardFrame.OpenChannel;
import org.anju.protocol.lockboard.LockBoardFrame.OpenResult;
import org.anju.protocol.lockboard.LockBoardFrame.ReadAll;
import org.anju.protocol.lockboard.LockBoardFrame.ReadChannel;

class LockBoardPropertiesTest {

    /** A stretch of line bytes: a frame, or noise between frames. */
    record Segment(LockBoardFrame frame, byte[] noise) {
        byte[] bytes() {
            return frame != null ? LockBoardCodec.encode(frame) : noise;
        }
    }

    @Property
    void everyRequestRoundTrips(@ForAll("requests") LockBoardFrame.Request request) {
        assertThat(decodeAll(Reads.REQUESTS, LockBoardCodec.encode(request)))
                .containsExactly(new LockBoardEvent.Frame(request));
    }

    @Property
    void everyReplyRoundTrips(@ForAll("replies") LockBoardFrame.Reply reply) {
        assertThat(decodeAll(Reads.REPLIES, LockBoardCodec.encode(reply)))
                .containsExactly(new LockBoardEvent.Frame(reply));
    }

    @Property
    void everyChunkingOfAStreamGivesTheSameEvents(
            @ForAll Reads side,
            @ForAll("streams") List<Segment> segments,
            @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 60) Integer> chunkSizes) {
        byte[] stream = concat(segments, side);
        List<LockBoardEvent> whole = decodeAll(side, stream);

        assertThat(decodeInChunks(side, stream, chunkSizes)).isEqualTo(whole);
        assertThat(decodeInChunks(side, stream, List.of(1))).isEqualTo(whole);
        assertThat(LockBoardStreams.byteCount(whole)).isEqualTo(stream.length);
    }

    /** Noise without a start byte cannot begin a frame, so not one frame around it may be lost. */
    @Property
    void framesBetweenNoiseWithoutStartBytesAreAllFound(
            @ForAll Reads side, @ForAll("streams") List<Segment> segments) {
        List<Segment> clean = new ArrayList<>();
        for (Segment s : segments) {
            clean.add(s.frame() != null ? s : new Segment(null, withoutStartBytes(s.noise())));
        }
        List<LockBoardFrame> sent = new ArrayList<>();
        for (Segment s : clean) {
            if (s.frame() != null && sidesMatch(s.frame(), side)) {
                sent.add(s.frame());
            }
        }
        List<LockBoardFrame> found = new ArrayList<>();
        for (LockBoardEvent e : decodeAll(side, concat(clean, side))) {
            if (e instanceof LockBoardEvent.Frame f) {
                found.add(f.frame());
            }
        }
        assertThat(found).isEqualTo(sent);
    }

    /**
     * XOR over the whole frame changes with any one flipped bit, so a single-bit error in a frame
     * that stands alone on the line never comes out as a frame.
     */
    @Property
    void aSingleFlippedBitIsNeverAFrame(@ForAll("requestsAndReplies") LockBoardFrame frame,
                                        @ForAll @IntRange(min = 0, max = 8 * 54 - 1) int bit) {
        byte[] bytes = LockBoardCodec.encode(frame);
        int at = bit % (8 * bytes.length);
        bytes[at / 8] ^= (byte) (1 << (at % 8));
        Reads side = frame instanceof LockBoardFrame.Request ? Reads.REQUESTS : Reads.REPLIES;
        assertThat(decodeAll(side, bytes)).noneMatch(e -> e instanceof LockBoardEvent.Frame);
    }

    @Property
    void anyBytesNeverThrowAndAreAllAccountedFor(@ForAll Reads side, @ForAll @Size(max = 400) byte[] noise) {
        LockBoardDecoder decoder = new LockBoardDecoder(side);
        List<LockBoardEvent> events = new ArrayList<>(decoder.feed(noise));
        assertThat(decoder.pending()).isLessThanOrEqualTo(2 * LockBoardCodec.MAX_FRAME);
        events.addAll(decoder.flush());
        assertThat(LockBoardStreams.byteCount(events)).isEqualTo(noise.length);
        assertThat(decoder.pending()).isZero();
    }

    @Provide
    Arbitrary<LockBoardFrame.Request> requests() {
        Arbitrary<Integer> boards = Arbitraries.integers().between(1, LockBoardFrame.MAX_BOARD);
        Arbitrary<Integer> channels = Arbitraries.integers().between(1, LockBoardFrame.MAX_CHANNELS);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(boards, channels).as(OpenChannel::new),
                Combinators.combine(boards, channels).as(ReadChannel::new),
                boards.map(ReadAll::new),
                Arbitraries.integers().between(0, LockBoardFrame.MAX_BOARD).map(OpenAll::new)));
    }

    @Provide
    Arbitrary<LockBoardFrame.Reply> replies() {
        Arbitrary<Integer> boards = Arbitraries.integers().between(1, LockBoardFrame.MAX_BOARD);
        Arbitrary<Integer> channels = Arbitraries.integers().between(1, LockBoardFrame.MAX_CHANNELS);
        Arbitrary<ChannelStatus> status = Arbitraries.integers().between(0, 3).map(ChannelStatus::ofByte);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(boards, channels, Arbitraries.of(true, false)).as(OpenResult::new),
                boards.map(OpenAllDone::new),
                Combinators.combine(boards, channels, status).as(ChannelState::new),
                Combinators.combine(boards, status.list().ofMinSize(1).ofMaxSize(LockBoardFrame.MAX_CHANNELS))
                        .as(AllStates::new)));
    }

    @Provide
    Arbitrary<LockBoardFrame> requestsAndReplies() {
        return Arbitraries.oneOf(List.of(requests(), replies()));
    }

    /** Frames of both sides (a line carries both) with noise between, biased towards start bytes. */
    @Provide
    Arbitrary<List<Segment>> streams() {
        Arbitrary<Byte> noiseByte = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes()),
                Tuple.of(1, Arbitraries.of((byte) 0x80, (byte) 0x8A, (byte) 0x33, (byte) 0x00)));
        Arbitrary<Segment> noise = noiseByte.list().ofMinSize(1).ofMaxSize(70)
                .map(LockBoardPropertiesTest::toArray).map(b -> new Segment(null, b));
        Arbitrary<Segment> frame = requestsAndReplies().map(f -> new Segment(f, null));
        Arbitrary<Segment> damaged = requestsAndReplies().map(LockBoardPropertiesTest::damaged);
        return Arbitraries.frequencyOf(
                Tuple.of(4, frame),
                Tuple.of(2, noise),
                Tuple.of(1, damaged)).list().ofMaxSize(25);
    }

    private static Segment damaged(LockBoardFrame frame) {
        byte[] bytes = LockBoardCodec.encode(frame);
        bytes[bytes.length - 1] ^= 0x5A;
        return new Segment(null, bytes);
    }

    private static boolean sidesMatch(LockBoardFrame frame, Reads side) {
        return (frame instanceof LockBoardFrame.Request) == (side == Reads.REQUESTS);
    }

    /**
     * The stream as the given side hears it: frames meant for the other side are left out, since
     * replies and requests share bytes (8A 01 01 11 9B is both) and would be counted as found.
     */
    private static byte[] concat(List<Segment> segments, Reads side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Segment s : segments) {
            if (s.frame() == null || sidesMatch(s.frame(), side)) {
                out.writeBytes(s.bytes());
            }
        }
        return out.toByteArray();
    }

    private static byte[] withoutStartBytes(byte[] noise) {
        byte[] clean = noise.clone();
        for (int i = 0; i < clean.length; i++) {
            if ((clean[i] & 0xFF) == LockBoardCodec.START_OPEN || (clean[i] & 0xFF) == LockBoardCodec.START_READ) {
                clean[i] = 0x55;
            }
        }
        return clean;
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }

    static List<LockBoardEvent> decodeAll(Reads side, byte[] stream) {
        LockBoardDecoder decoder = new LockBoardDecoder(side);
        List<LockBoardEvent> events = new ArrayList<>(decoder.feed(stream));
        events.addAll(decoder.flush());
        return events;
    }

    private static List<LockBoardEvent> decodeInChunks(Reads side, byte[] stream, List<Integer> chunkSizes) {
        LockBoardDecoder decoder = new LockBoardDecoder(side);
        List<LockBoardEvent> events = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int size = chunkSizes.isEmpty() ? stream.length : Math.min(chunkSizes.get(i % chunkSizes.size()), stream.length - at);
            events.addAll(decoder.feed(stream, at, size));
            at += size;
        }
        events.addAll(decoder.flush());
        return events;
    }
}
