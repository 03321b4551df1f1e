package org.anju.protocol.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.anju.protocol.Bytes;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.RtuFrameDecoder.Reads;
import org.junit.jupiter.api.Test;

/** The streaming decoder on concrete byte streams, as a slave (REQUESTS) and a master (RESPONSES) see them. */
class RtuFrameDecoderTest {

    private static final String READ_ONE = "01 03 00 00 00 01 84 0A";
    private static final String READ_TEN = "01 03 00 00 00 0A C5 CD";
    private static final RtuEvent.Frame READ_ONE_FRAME =
            new RtuEvent.Frame(1, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 1));
    private static final RtuEvent.Frame READ_TEN_FRAME =
            new RtuEvent.Frame(1, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 10));

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aFrameFedByteByByteComesOutWhenItsLastByteArrives() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        byte[] frame = hex(READ_ONE);
        for (int i = 0; i < frame.length - 1; i++) {
            assertThat(decoder.feed(frame, i, 1)).as("after byte %d", i).isEmpty();
            assertThat(decoder.pending()).isEqualTo(i + 1);
        }
        assertThat(decoder.feed(frame, frame.length - 1, 1)).containsExactly(READ_ONE_FRAME);
        assertThat(decoder.pending()).isZero();
        assertThat(decoder.flush()).isEmpty();
    }

    @Test
    void backToBackFramesInOneChunkAreAllReturnedInOrder() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        assertThat(decoder.feed(hex(READ_ONE + READ_TEN + READ_ONE)))
                .containsExactly(READ_ONE_FRAME, READ_TEN_FRAME, READ_ONE_FRAME);
    }

    @Test
    void aFrameWithABadCrcIsReportedAsACrcErrorAndTheNextFrameIsKept() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        List<RtuEvent> events = decoder.feed(hex("01 03 00 00 00 01 84 0B" + READ_TEN));
        assertThat(events).containsExactly(new RtuEvent.CrcError(Bytes.hex("01 03 00 00 00 01 84 0B")), READ_TEN_FRAME);
    }

    @Test
    void noiseBeforeAFrameIsGarbageAndTheFrameIsKept() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        List<RtuEvent> events = decoder.feed(hex("FF 00 FE" + READ_ONE));
        assertThat(events).containsExactly(new RtuEvent.Garbage(Bytes.hex("FF 00 FE")), READ_ONE_FRAME);
    }

    @Test
    void aFrameCutShortByLineSilenceIsTruncatedAndTheNextFrameDecodes() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        assertThat(decoder.feed(hex("01 03 00 00"))).isEmpty();
        assertThat(decoder.flush()).containsExactly(new RtuEvent.Truncated(Bytes.hex("01 03 00 00")));
        assertThat(decoder.pending()).isZero();
        assertThat(decoder.feed(hex(READ_ONE))).containsExactly(READ_ONE_FRAME);
    }

    @Test
    void withoutSilenceHalfAFrameFollowedByAWholeOneIsResynchronised() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(hex("01 03 00 00" + READ_TEN)));
        events.addAll(decoder.flush());
        assertThat(events).last().isEqualTo(READ_TEN_FRAME);
        assertThat(events).filteredOn(e -> e instanceof RtuEvent.Frame).containsExactly(READ_TEN_FRAME);
    }

    @Test
    void flushWithNothingHeldReportsNothing() {
        assertThat(new RtuFrameDecoder(Reads.RESPONSES).flush()).isEmpty();
    }

    /**
     * Noise whose last bytes look like the start of a long write (01 10 ... byte count F0 claims a
     * 249-byte frame): the request behind it is complete, and when the line goes silent it must come
     * out as a frame, not vanish inside a Truncated run.
     */
    @Test
    void aRequestBehindNoiseThatClaimsALongFrameIsRecoveredWhenTheLineGoesSilent() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(hex("01 10 00 00 00 01 F0" + READ_ONE)));
        events.addAll(decoder.flush());
        assertThat(events).containsExactly(new RtuEvent.Garbage(Bytes.hex("01 10 00 00 00 01 F0")), READ_ONE_FRAME);
        assertThat(decoder.pending()).isZero();
    }

    /**
     * A master's view: one noise byte 01 before the exception reply "01 83 02 C0 F1" reads as unit 1,
     * function 01 (read coils) with byte count 0x83; the reply must survive the response timeout.
     */
    @Test
    void anExceptionReplyBehindOneNoiseByteIsRecoveredWhenTheResponseTimesOut() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.RESPONSES);
        byte[] reply = new RtuFrame(1, ExceptionResponse.of(3, ExceptionCode.ILLEGAL_DATA_ADDRESS)).encode();
        assertThat(reply).isEqualTo(hex("01 83 02 C0 F1"));
        List<RtuEvent> events = new ArrayList<>(decoder.feed(concat(hex("01"), reply)));
        events.addAll(decoder.flush());
        assertThat(events).containsExactly(new RtuEvent.Garbage(Bytes.hex("01")),
                new RtuEvent.Frame(1, new ExceptionResponse(3, 2)));
    }

    @Test
    void framesRecoveredAtSilenceAreFollowedByWhateverWasReallyCutShort() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(hex("01 10 00 00 00 01 F0" + READ_ONE + READ_TEN + "01 03")));
        events.addAll(decoder.flush());
        assertThat(events).containsExactly(new RtuEvent.Garbage(Bytes.hex("01 10 00 00 00 01 F0")), READ_ONE_FRAME,
                READ_TEN_FRAME, new RtuEvent.Truncated(Bytes.hex("01 03")));
    }

    @Test
    void aLongRunOfNoiseIsReportedInPiecesOfAtMost256BytesAndNothingIsLost() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        byte[] noise = new byte[1000];
        java.util.Arrays.fill(noise, (byte) 0xFF);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(concat(noise, hex(READ_ONE))));
        events.addAll(decoder.flush());
        assertThat(events).last().isEqualTo(READ_ONE_FRAME);
        List<RtuEvent> garbage = events.subList(0, events.size() - 1);
        assertThat(garbage).allSatisfy(e -> {
            assertThat(e).isInstanceOf(RtuEvent.Garbage.class);
            assertThat(((RtuEvent.Garbage) e).bytes().length()).isBetween(1, 256);
        });
        assertThat(garbage.stream().mapToInt(e -> ((RtuEvent.Garbage) e).bytes().length()).sum()).isEqualTo(1000);
    }

    @Test
    void memoryStaysBoundedUnderAMegabyteOfNoise() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.RESPONSES);
        Random random = new Random(42);
        byte[] chunk = new byte[4096];
        long reported = 0;
        for (int i = 0; i < 256; i++) {
            random.nextBytes(chunk);
            for (RtuEvent e : decoder.feed(chunk)) {
                reported += bytesOf(e);
            }
            assertThat(decoder.pending()).isLessThanOrEqualTo(512);
        }
        for (RtuEvent e : decoder.flush()) {
            reported += bytesOf(e);
        }
        assertThat(decoder.pending()).isZero();
        // frames and rejections found by chance in the noise carry no bytes; at most 256 each
        assertThat(reported).isLessThanOrEqualTo(256L * 4096);
    }

    private static int bytesOf(RtuEvent e) {
        if (e instanceof RtuEvent.Garbage g) {
            return g.bytes().length();
        }
        if (e instanceof RtuEvent.CrcError c) {
            return c.bytes().length();
        }
        if (e instanceof RtuEvent.Truncated t) {
            return t.bytes().length();
        }
        return 0;
    }

    @Test
    void aMasterDecodesEveryResponseShape() {
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.RESPONSES);
        List<RtuEvent> events = decoder.feed(concat(
                new RtuFrame(2, new ModbusPdu.ReadBitsResponse(FunctionCode.READ_COILS, List.of(true, false, true))).encode(),
                new RtuFrame(2, new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS, List.of(1, 2))).encode(),
                new RtuFrame(2, new ModbusPdu.WriteSingleCoil(4, true)).encode(),
                new RtuFrame(2, new ModbusPdu.WriteSingleRegister(5, 6)).encode(),
                new RtuFrame(2, new ModbusPdu.WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, 0, 3)).encode(),
                new RtuFrame(2, new ModbusPdu.WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, 2)).encode(),
                new RtuFrame(2, ExceptionResponse.of(4, ExceptionCode.SERVER_DEVICE_FAILURE)).encode()));
        assertThat(events).hasSize(7).allMatch(e -> e instanceof RtuEvent.Frame f && f.unit() == 2);
        assertThat(((RtuEvent.Frame) events.get(0)).pdu()).isEqualTo(new ModbusPdu.ReadBitsResponse(
                FunctionCode.READ_COILS, List.of(true, false, true, false, false, false, false, false)));
        assertThat(((RtuEvent.Frame) events.get(6)).pdu()).isEqualTo(new ExceptionResponse(4, 4));
    }

    @Test
    void aSlaveDoesNotMistakeAResponseOnTheSharedBusForARequest() {
        // the slave's decoder also sees other slaves' replies; a register reply is not a request shape
        RtuFrameDecoder decoder = new RtuFrameDecoder(Reads.REQUESTS);
        byte[] reply = new RtuFrame(2, new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS,
                List.of(0x022B, 0x0000, 0x0064))).encode();
        List<RtuEvent> events = new ArrayList<>(decoder.feed(concat(reply, hex(READ_ONE))));
        events.addAll(decoder.flush());
        assertThat(events).filteredOn(e -> e instanceof RtuEvent.Frame || e instanceof RtuEvent.Rejected)
                .containsExactly(READ_ONE_FRAME);
    }
}
