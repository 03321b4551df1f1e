package org.anju.protocol.modbus;

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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadBitsResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRegistersResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleRegisters;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleResponse;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleCoil;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleRegister;
import org.anju.protocol.modbus.RtuFrameDecoder.Reads;

/**
 * Properties of the PDU codec and the streaming RTU decoder: round trips, chunking independence,
 * recovery of good frames after noise, and robustness against arbitrary bytes.
 */
class RtuPropertiesTest {

    // ------------------------------------------------------------------ arbitraries

    private static Arbitrary<Integer> registerValues() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    /** An address at which a run of {@code quantity} items still fits below 65536. */
    private static Arbitrary<Integer> addressFor(int quantity) {
        return Arbitraries.integers().between(0, ModbusLimits.MAX_ADDRESS + 1 - quantity);
    }

    private static Arbitrary<ReadRequest> readRequests() {
        return Arbitraries.of(FunctionCode.READ_COILS, FunctionCode.READ_DISCRETE_INPUTS,
                FunctionCode.READ_HOLDING_REGISTERS, FunctionCode.READ_INPUT_REGISTERS).flatMap(f -> {
                    int max = f.readsBits() ? ModbusLimits.MAX_READ_BITS : ModbusLimits.MAX_READ_REGISTERS;
                    return Arbitraries.integers().between(1, max)
                            .flatMap(q -> addressFor(q).map(a -> new ReadRequest(f, a, q)));
                });
    }

    private static Arbitrary<WriteSingleCoil> singleCoils() {
        return Combinators.combine(addressFor(1), Arbitraries.of(true, false)).as(WriteSingleCoil::new);
    }

    private static Arbitrary<WriteSingleRegister> singleRegisters() {
        return Combinators.combine(addressFor(1), registerValues()).as(WriteSingleRegister::new);
    }

    private static Arbitrary<WriteMultipleCoils> multipleCoils() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(ModbusLimits.MAX_WRITE_COILS)
                .flatMap(bits -> addressFor(bits.size()).map(a -> new WriteMultipleCoils(a, bits)));
    }

    private static Arbitrary<WriteMultipleRegisters> multipleRegisters() {
        return registerValues().list().ofMinSize(1).ofMaxSize(ModbusLimits.MAX_WRITE_REGISTERS)
                .flatMap(values -> addressFor(values.size()).map(a -> new WriteMultipleRegisters(a, values)));
    }

    private static Arbitrary<ReadBitsResponse> bitResponses() {
        return Combinators.combine(Arbitraries.of(FunctionCode.READ_COILS, FunctionCode.READ_DISCRETE_INPUTS),
                Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(ModbusLimits.MAX_READ_BITS))
                .as(ReadBitsResponse::new);
    }

    private static Arbitrary<ReadRegistersResponse> registerResponses() {
        return Combinators.combine(
                Arbitraries.of(FunctionCode.READ_HOLDING_REGISTERS, FunctionCode.READ_INPUT_REGISTERS),
                registerValues().list().ofMinSize(1).ofMaxSize(ModbusLimits.MAX_READ_REGISTERS))
                .as(ReadRegistersResponse::new);
    }

    private static Arbitrary<WriteMultipleResponse> writeResponses() {
        return Arbitraries.of(FunctionCode.WRITE_MULTIPLE_COILS, FunctionCode.WRITE_MULTIPLE_REGISTERS).flatMap(f -> {
            int max = f == FunctionCode.WRITE_MULTIPLE_COILS ? ModbusLimits.MAX_WRITE_COILS : ModbusLimits.MAX_WRITE_REGISTERS;
            return Arbitraries.integers().between(1, max)
                    .flatMap(q -> addressFor(q).map(a -> new WriteMultipleResponse(f, a, q)));
        });
    }

    private static Arbitrary<ExceptionResponse> exceptionResponses() {
        return Combinators.combine(Arbitraries.integers().between(1, 0x7F), Arbitraries.integers().between(0, 0xFF))
                .as(ExceptionResponse::new);
    }

    @Provide
    Arbitrary<ModbusPdu.Request> requests() {
        return Arbitraries.oneOf(readRequests(), singleCoils(), singleRegisters(), multipleCoils(), multipleRegisters());
    }

    @Provide
    Arbitrary<ModbusPdu.Response> responses() {
        return Arbitraries.oneOf(bitResponses(), registerResponses(), writeResponses(), exceptionResponses(),
                singleCoils(), singleRegisters());
    }

    private static Arbitrary<Integer> units() {
        return Arbitraries.integers().between(ModbusLimits.BROADCAST_UNIT, ModbusLimits.MAX_UNIT);
    }

    /** What a master reads back: a bit response comes back padded with zero bits to whole bytes. */
    private static ModbusPdu asDecoded(ModbusPdu pdu) {
        if (pdu instanceof ReadBitsResponse r) {
            List<Boolean> padded = new ArrayList<>(r.bits());
            while (padded.size() % 8 != 0) {
                padded.add(false);
            }
            return new ReadBitsResponse(r.function(), padded);
        }
        return pdu;
    }

    // ------------------------------------------------------------------ PDU round trips

    @Property(tries = 500)
    void everyRequestRoundTripsThroughTheCodec(@ForAll("requests") ModbusPdu.Request request,
                                               @ForAll @Size(max = 5) byte[] before,
                                               @ForAll @Size(max = 5) byte[] after) {
        byte[] pdu = ModbusPduCodec.encode(request);
        assertThat(pdu[0] & 0xFF).isEqualTo(request.functionByte());
        byte[] embedded = concat(before, pdu, after);
        assertThat(ModbusPduCodec.decodeRequest(embedded, before.length, pdu.length))
                .isEqualTo(new PduDecoding.Decoded(request));
    }

    @Property(tries = 500)
    void everyResponseRoundTripsThroughTheCodec(@ForAll("responses") ModbusPdu.Response response,
                                                @ForAll @Size(max = 5) byte[] before,
                                                @ForAll @Size(max = 5) byte[] after) {
        byte[] pdu = ModbusPduCodec.encode(response);
        assertThat(pdu[0] & 0xFF).isEqualTo(response.functionByte());
        byte[] embedded = concat(before, pdu, after);
        PduDecoding decoded = ModbusPduCodec.decodeResponse(embedded, before.length, pdu.length);
        assertThat(decoded).isEqualTo(new PduDecoding.Decoded(asDecoded(response)));
        if (response instanceof ReadBitsResponse r) {
            ReadBitsResponse back = (ReadBitsResponse) ((PduDecoding.Decoded) decoded).pdu();
            assertThat(back.first(r.bits().size())).isEqualTo(r.bits());
        }
    }

    @Property(tries = 500)
    void everyRequestRoundTripsAsAnRtuFrame(@ForAll("requests") ModbusPdu.Request request,
                                            @ForAll("unitNumbers") int unit) {
        byte[] frame = new RtuFrame(unit, request).encode();
        assertThat(frame.length).isLessThanOrEqualTo(ModbusLimits.MAX_RTU_FRAME);
        assertThat(Crc16.matches(frame, 0, frame.length)).isTrue();
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        assertThat(decoder.feed(frame)).containsExactly(new RtuEvent.Frame(unit, request));
        assertThat(decoder.pending()).isZero();
    }

    @Property(tries = 500)
    void everyResponseRoundTripsAsAnRtuFrame(@ForAll("responses") ModbusPdu.Response response,
                                             @ForAll("unitNumbers") int unit) {
        byte[] frame = new RtuFrame(unit, response).encode();
        assertThat(frame.length).isLessThanOrEqualTo(ModbusLimits.MAX_RTU_FRAME);
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.RESPONSES);
        assertThat(decoder.feed(frame)).containsExactly(new RtuEvent.Frame(unit, asDecoded(response)));
        assertThat(decoder.pending()).isZero();
    }

    @Provide
    Arbitrary<Integer> unitNumbers() {
        return units();
    }

    // ------------------------------------------------------------------ streams of frames and noise

    /** A piece of a line: a good frame (with the event it must give) or noise (expected == null). */
    record Segment(byte[] bytes, RtuEvent.Frame expected) {
        @Override
        public String toString() {
            return (expected == null ? "noise " : "frame ") + org.anju.protocol.Bytes.of(bytes);
        }
    }

    private static Arbitrary<Segment> goodFrames(Reads reads) {
        Arbitrary<? extends ModbusPdu> pdus = reads == Reads.REQUESTS ? new RtuPropertiesTest().requests()
                : new RtuPropertiesTest().responses();
        return Combinators.combine(units(), pdus).as((unit, pdu) ->
                new Segment(new RtuFrame(unit, pdu).encode(), new RtuEvent.Frame(unit, asDecoded(pdu))));
    }

    /** Noise of every kind a line produces, including bytes that look like frames and are not. */
    private static Arbitrary<Segment> noise(Reads reads) {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
        Arbitrary<byte[]> truncated = goodFrames(reads).flatMap(f -> Arbitraries.integers()
                .between(1, f.bytes().length - 1).map(n -> java.util.Arrays.copyOf(f.bytes(), n)));
        Arbitrary<byte[]> corrupted = goodFrames(reads).flatMap(f -> Arbitraries.integers()
                .between(0, f.bytes().length * 8 - 1).map(bit -> {
                    byte[] b = f.bytes().clone();
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                    return b;
                }));
        // a unit and a function that promise a long frame the line never delivers
        Arbitrary<byte[]> promisesALongFrame = reads == Reads.REQUESTS
                ? Combinators.combine(Arbitraries.integers().between(0, 247), Arbitraries.of(0x0F, 0x10),
                        Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(100, 247))
                        .as((u, f, mid, count) -> concat(new byte[] {(byte) (int) u, (byte) (int) f}, mid,
                                new byte[] {(byte) (int) count}))
                : Combinators.combine(Arbitraries.integers().between(0, 247), Arbitraries.of(0x01, 0x02, 0x03, 0x04),
                        Arbitraries.integers().between(100, 250))
                        .as((u, f, count) -> new byte[] {(byte) (int) u, (byte) (int) f, (byte) (int) count});
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, random),
                        net.jqwik.api.Tuple.of(2, truncated),
                        net.jqwik.api.Tuple.of(2, corrupted),
                        net.jqwik.api.Tuple.of(1, promisesALongFrame))
                .map(bytes -> new Segment(bytes, null));
    }

    private static Arbitrary<List<Segment>> lines(Reads reads) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, goodFrames(reads)), net.jqwik.api.Tuple.of(2, noise(reads)))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Segment>> requestLines() {
        return lines(Reads.REQUESTS);
    }

    @Provide
    Arbitrary<List<Segment>> responseLines() {
        return lines(Reads.RESPONSES);
    }

    private static byte[] bytesOf(List<Segment> line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.forEach(s -> out.writeBytes(s.bytes()));
        return out.toByteArray();
    }

    private static List<RtuEvent> decodeInOneFeed(Reads reads, byte[] stream) {
        RtuFrameDecoder decoder = new RtuFrameDecoder(reads);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(stream));
        events.addAll(decoder.flush());
        return events;
    }

    /** Feeds the stream in chunks whose sizes cycle through {@code chunkSizes}; checks the memory bound on the way. */
    private static List<RtuEvent> decodeInChunks(Reads reads, byte[] stream, List<Integer> chunkSizes) {
        RtuFrameDecoder decoder = new RtuFrameDecoder(reads);
        List<RtuEvent> events = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = Math.min(chunkSizes.get(i % chunkSizes.size()), stream.length - at);
            events.addAll(decoder.feed(stream, at, n));
            assertThat(decoder.pending()).isLessThanOrEqualTo(2 * ModbusLimits.MAX_RTU_FRAME);
            at += n;
        }
        events.addAll(decoder.flush());
        assertThat(decoder.pending()).isZero();
        return events;
    }

    @Property(tries = 300)
    void requestStreamsGiveTheSameEventsHoweverTheyAreChunked(
            @ForAll("requestLines") List<Segment> line,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 300) Integer> chunkSizes) {
        byte[] stream = bytesOf(line);
        List<RtuEvent> whole = decodeInOneFeed(Reads.REQUESTS, stream);
        assertThat(decodeInChunks(Reads.REQUESTS, stream, chunkSizes)).isEqualTo(whole);
        assertThat(decodeInChunks(Reads.REQUESTS, stream, List.of(1))).isEqualTo(whole);
    }

    @Property(tries = 300)
    void responseStreamsGiveTheSameEventsHoweverTheyAreChunked(
            @ForAll("responseLines") List<Segment> line,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 300) Integer> chunkSizes) {
        byte[] stream = bytesOf(line);
        List<RtuEvent> whole = decodeInOneFeed(Reads.RESPONSES, stream);
        assertThat(decodeInChunks(Reads.RESPONSES, stream, chunkSizes)).isEqualTo(whole);
        assertThat(decodeInChunks(Reads.RESPONSES, stream, List.of(1))).isEqualTo(whole);
    }

    /**
     * Noise made only of bytes above 247 cannot begin a frame (no unit has that address), so no
     * accidental frame can form in it: every good frame must come out, in order, with exactly the
     * noise before it reported as garbage.
     */
    @Property(tries = 300)
    void withNoiseThatCannotBeginAFrameTheEventsAreExactlyPredictable(
            @ForAll("framesWithHighNoise") List<Segment> line, @ForAll boolean slaveSide) {
        Reads reads = line.stream().anyMatch(s -> s.expected() != null && isResponseOnly(s.expected().pdu()))
                ? Reads.RESPONSES : slaveSide ? Reads.REQUESTS : Reads.RESPONSES;
        List<Segment> usable = line.stream().filter(s -> s.expected() == null || fits(reads, s.expected().pdu())).toList();
        List<RtuEvent> expected = new ArrayList<>();
        ByteArrayOutputStream pendingNoise = new ByteArrayOutputStream();
        for (Segment s : usable) {
            if (s.expected() == null) {
                pendingNoise.writeBytes(s.bytes());
            } else {
                if (pendingNoise.size() > 0) {
                    expected.add(new RtuEvent.Garbage(org.anju.protocol.Bytes.of(pendingNoise.toByteArray())));
                    pendingNoise.reset();
                }
                expected.add(s.expected());
            }
        }
        byte[] stream = bytesOf(usable.subList(0, lastFrameIndex(usable) + 1));
        assertThat(decodeInOneFeed(reads, stream)).isEqualTo(expected);
    }

    private static boolean isResponseOnly(ModbusPdu pdu) {
        return !(pdu instanceof ModbusPdu.Request);
    }

    private static boolean fits(Reads reads, ModbusPdu pdu) {
        return reads == Reads.REQUESTS ? pdu instanceof ModbusPdu.Request : pdu instanceof ModbusPdu.Response;
    }

    private static int lastFrameIndex(List<Segment> line) {
        for (int i = line.size() - 1; i >= 0; i--) {
            if (line.get(i).expected() != null) {
                return i;
            }
        }
        return -1;
    }

    @Provide
    Arbitrary<List<Segment>> framesWithHighNoise() {
        Arbitrary<Segment> highNoise = Arbitraries.bytes().between((byte) 0xF8, (byte) 0xFF).array(byte[].class)
                .ofMinSize(1).ofMaxSize(30).map(b -> new Segment(b, null));
        Arbitrary<Segment> frames = Arbitraries.oneOf(goodFrames(Reads.REQUESTS), goodFrames(Reads.RESPONSES));
        // at most 8 noise runs of 30 bytes between two frames stay below the 256-byte reporting piece
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, frames), net.jqwik.api.Tuple.of(2, highNoise))
                .list().ofMinSize(1).ofMaxSize(8)
                .filter(l -> l.stream().anyMatch(s -> s.expected() != null));
    }

    @Property(tries = 300)
    void everyGoodRequestFrameIsRecoveredUnlessNoiseFormedAFrameOverIt(@ForAll("requestLines") List<Segment> line) {
        assertEveryGoodFrameRecovered(Reads.REQUESTS, line);
    }

    @Property(tries = 300)
    void everyGoodResponseFrameIsRecoveredUnlessNoiseFormedAFrameOverIt(@ForAll("responseLines") List<Segment> line) {
        assertEveryGoodFrameRecovered(Reads.RESPONSES, line);
    }

    /**
     * The decoder's promise, stated exactly. Every byte fed ends up in exactly one event, in stream
     * order; garbage, CRC errors and truncated runs carry their bytes verbatim, and every frame or
     * rejection sits on bytes with a good CRC. A good frame of the stream then comes out as itself at
     * its own position, unless noise before it happened to form a frame with a good CRC (odds of about
     * 1 in 65536 per position) that overlaps it.
     */
    private static void assertEveryGoodFrameRecovered(Reads reads, List<Segment> line) {
        byte[] stream = bytesOf(line);
        List<RtuEvent> events = decodeInOneFeed(reads, stream);

        List<int[]> frameSpans = new ArrayList<>();
        java.util.Map<Integer, RtuEvent> startingAt = new java.util.HashMap<>();
        int at = 0;
        for (RtuEvent e : events) {
            startingAt.put(at, e);
            int length;
            if (e instanceof RtuEvent.Frame || e instanceof RtuEvent.Rejected) {
                length = wireLength(reads, stream, at);
                assertThat(length).as("a frame event at %d", at).isPositive();
                assertThat(Crc16.matches(stream, at, length)).as("CRC of the frame event at %d", at).isTrue();
                frameSpans.add(new int[] {at, at + length});
                if (e instanceof RtuEvent.Frame f) {
                    assertThat(new RtuFrame(f.unit(), f.pdu()).encode()).hasSize(length);
                }
            } else {
                org.anju.protocol.Bytes bytes = e instanceof RtuEvent.Garbage g ? g.bytes()
                        : e instanceof RtuEvent.CrcError c ? c.bytes() : ((RtuEvent.Truncated) e).bytes();
                length = bytes.length();
                assertThat(length).isPositive();
                assertThat(bytes).isEqualTo(org.anju.protocol.Bytes.copyOf(stream, at, length));
                if (e instanceof RtuEvent.CrcError) {
                    assertThat(wireLength(reads, stream, at)).isEqualTo(length);
                    assertThat(Crc16.matches(stream, at, length)).isFalse();
                }
            }
            at += length;
        }
        assertThat(at).as("bytes accounted for by events").isEqualTo(stream.length);

        int offset = 0;
        for (Segment s : line) {
            if (s.expected() != null) {
                int p = offset;
                boolean swallowedByAccident = frameSpans.stream().anyMatch(span -> span[0] < p && p < span[1]);
                if (!swallowedByAccident) {
                    assertThat(startingAt.get(p)).as("event at offset %d", p).isEqualTo(s.expected());
                }
            }
            offset += s.bytes().length;
        }
    }

    /** The length of the frame at {@code at} by the rules of the serial line specification; 0 when none. */
    private static int wireLength(Reads reads, byte[] s, int at) {
        if (at + 2 > s.length) {
            return 0;
        }
        int fc = s[at + 1] & 0xFF;
        if (reads == Reads.REQUESTS) {
            if (fc >= 0x01 && fc <= 0x06) {
                return 8;
            }
            if ((fc == 0x0F || fc == 0x10) && at + 6 < s.length) {
                return 9 + (s[at + 6] & 0xFF);
            }
            return 0;
        }
        if (fc > 0x80) {
            return 5;
        }
        if (fc >= 0x01 && fc <= 0x04 && at + 2 < s.length) {
            return 5 + (s[at + 2] & 0xFF);
        }
        return fc == 0x05 || fc == 0x06 || fc == 0x0F || fc == 0x10 ? 8 : 0;
    }

    // ------------------------------------------------------------------ arbitrary bytes

    @Property
    void arbitraryBytesNeverThrowAndStayWithinTheMemoryBound(
            @ForAll @Size(max = 2000) byte[] stream, @ForAll boolean slaveSide,
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 700) Integer> chunkSizes) {
        Reads reads = slaveSide ? Reads.REQUESTS : Reads.RESPONSES;
        List<RtuEvent> chunked = decodeInChunks(reads, stream, chunkSizes);
        assertThat(chunked).isEqualTo(decodeInOneFeed(reads, stream));
    }

    @Property
    void arbitraryPdusNeverThrow(@ForAll @Size(max = 300) byte[] pdu) {
        assertThat(ModbusPduCodec.decodeRequest(pdu, 0, pdu.length)).isNotNull();
        assertThat(ModbusPduCodec.decodeResponse(pdu, 0, pdu.length)).isNotNull();
    }

    @Property(tries = 500)
    void framesWithAGoodCrcAndArbitraryContentNeverThrow(@ForAll("unitNumbers") int unit,
                                                         @ForAll @Size(min = 1, max = 253) byte[] pdu,
                                                         @ForAll boolean slaveSide) {
        byte[] frame = new byte[pdu.length + 3];
        frame[0] = (byte) unit;
        System.arraycopy(pdu, 0, frame, 1, pdu.length);
        int crc = Crc16.compute(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
        Reads reads = slaveSide ? Reads.REQUESTS : Reads.RESPONSES;
        List<RtuEvent> events = decodeInOneFeed(reads, frame);
        assertThat(events).isNotEmpty();
        for (RtuEvent e : events) {
            if (e instanceof RtuEvent.Frame f) {
                // whatever is decoded re-encodes to a legal frame
                assertThat(new RtuFrame(f.unit(), f.pdu()).encode().length).isLessThanOrEqualTo(256);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
