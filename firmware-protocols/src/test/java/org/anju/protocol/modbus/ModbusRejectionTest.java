package org.anju.protocol.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import org.anju.protocol.Bytes;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadBitsResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleRegisters;
import org.anju.protocol.modbus.RtuFrameDecoder.Reads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every limit of the specification gives the exception a slave must answer (as a {@link PduDecoding.Malformed}
 * from the codec and a {@link RtuEvent.Rejected} from the frame decoder), or, where the bytes cannot be a
 * frame at all, {@link RtuEvent.Garbage}; none of it throws.
 */
class ModbusRejectionTest {

    private static final int UNIT = 7;

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    /** unit + PDU + CRC (low byte first). */
    private static byte[] rtu(int unit, byte[] pdu) {
        byte[] frame = new byte[pdu.length + 3];
        frame[0] = (byte) unit;
        System.arraycopy(pdu, 0, frame, 1, pdu.length);
        int crc = Crc16.compute(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
        return frame;
    }

    private static byte[] pdu(int function, int... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(function);
        for (int w : words) {
            out.write(w >>> 8);
            out.write(w & 0xFF);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<RtuEvent> decode(Reads reads, byte[] stream) {
        RtuFrameDecoder decoder = new RtuFrameDecoder(reads);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(stream));
        events.addAll(decoder.flush());
        return events;
    }

    private static PduDecoding.Malformed malformedRequest(byte[] pdu) {
        PduDecoding d = ModbusPduCodec.decodeRequest(pdu, 0, pdu.length);
        assertThat(d).isInstanceOf(PduDecoding.Malformed.class);
        return (PduDecoding.Malformed) d;
    }

    /** The slave's view: the request PDU is malformed, and the framed request is rejected with the same answer. */
    private static void assertRequestRejected(byte[] pdu, ExceptionCode answer, String reasonMentions) {
        PduDecoding.Malformed malformed = malformedRequest(pdu);
        assertThat(malformed.function()).isEqualTo(pdu[0] & 0xFF);
        assertThat(malformed.answer()).isEqualTo(answer);
        assertThat(malformed.reason()).contains(reasonMentions);

        List<RtuEvent> events = decode(Reads.REQUESTS, rtu(UNIT, pdu));
        assertThat(events).hasSize(1).first().isInstanceOf(RtuEvent.Rejected.class);
        RtuEvent.Rejected rejected = (RtuEvent.Rejected) events.get(0);
        assertThat(rejected.unit()).isEqualTo(UNIT);
        assertThat(rejected.function()).isEqualTo(pdu[0] & 0xFF);
        assertThat(rejected.answer()).isEqualTo(answer);
        assertThat(rejected.reason()).isEqualTo(malformed.reason());
    }

    private static void assertRequestAccepted(byte[] pdu) {
        assertThat(decode(Reads.REQUESTS, rtu(UNIT, pdu))).singleElement().isInstanceOf(RtuEvent.Frame.class);
    }

    private static void assertOnlyGarbage(Reads reads, byte[] stream) {
        List<RtuEvent> events = decode(reads, stream);
        assertThat(events).isNotEmpty().allMatch(e -> e instanceof RtuEvent.Garbage || e instanceof RtuEvent.Truncated);
        int bytes = 0;
        for (RtuEvent e : events) {
            bytes += e instanceof RtuEvent.Garbage g ? g.bytes().length() : ((RtuEvent.Truncated) e).bytes().length();
        }
        assertThat(bytes).as("every byte fed ends up in an event").isEqualTo(stream.length);
    }

    // ---- reads ----

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x02, 0x03, 0x04})
    void readingZeroItemsIsIllegalDataValue(int function) {
        assertRequestRejected(pdu(function, 0x0000, 0), ExceptionCode.ILLEGAL_DATA_VALUE, "quantity 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x03, 0x04})
    void reading126RegistersIsIllegalDataValueAnd125IsFine(int function) {
        assertRequestRejected(pdu(function, 0x0000, 126), ExceptionCode.ILLEGAL_DATA_VALUE, "126");
        assertRequestAccepted(pdu(function, 0x0000, 125));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x02})
    void reading2001BitsIsIllegalDataValueAnd2000IsFine(int function) {
        assertRequestRejected(pdu(function, 0x0000, 2001), ExceptionCode.ILLEGAL_DATA_VALUE, "2001");
        assertRequestAccepted(pdu(function, 0x0000, 2000));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x02, 0x03, 0x04})
    void aReadRunningPastAddress65535IsIllegalDataAddress(int function) {
        // specification V1.1b3, 6.1-6.4: starting address + quantity not OK -> exception 02
        assertRequestRejected(pdu(function, 0xFFFF, 2), ExceptionCode.ILLEGAL_DATA_ADDRESS, "65535");
        assertRequestAccepted(pdu(function, 0xFFFF, 1));
    }

    @Test
    void aReadWithExtraBytesIsIllegalDataValue() {
        byte[] pdu = concat(pdu(0x03, 0, 1), new byte[] {0});
        assertThat(malformedRequest(pdu).answer()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(malformedRequest(pdu).reason()).contains("6 bytes", "expected 5");
    }

    // ---- writes ----

    @ParameterizedTest
    @ValueSource(ints = {0x0001, 0xFFFF, 0x00FF, 0xFF01, 0x0100})
    void aSingleCoilValueOtherThanFF00Or0000IsIllegalDataValue(int value) {
        assertRequestRejected(pdu(0x05, 0x0010, value), ExceptionCode.ILLEGAL_DATA_VALUE,
                String.format("%04X", value));
    }

    @Test
    void writingZeroCoilsIsIllegalDataValue() {
        assertRequestRejected(concat(pdu(0x0F, 0x0000, 0), new byte[] {1, 0}), ExceptionCode.ILLEGAL_DATA_VALUE,
                "quantity 0");
    }

    @Test
    void writingZeroRegistersIsIllegalDataValue() {
        assertRequestRejected(concat(pdu(0x10, 0x0000, 0), new byte[] {2, 0, 0}), ExceptionCode.ILLEGAL_DATA_VALUE,
                "quantity 0");
    }

    @Test
    void writingZeroItemsWithAByteCountOfZeroIsAnsweredWithIllegalDataValue() {
        // specification 6.11/6.12: quantity not in 1..max or byte count wrong -> exception 03; the
        // frame is complete (9 bytes) and its CRC is good, so the slave must answer, not stay silent
        assertRequestRejected(hex("0F 0000 0000 00"), ExceptionCode.ILLEGAL_DATA_VALUE, "quantity 0");
        assertRequestRejected(hex("10 0000 0000 00"), ExceptionCode.ILLEGAL_DATA_VALUE, "quantity 0");
    }

    @Test
    void aReadResponseWithAByteCountOfZeroIsRejected() {
        List<RtuEvent> events = decode(Reads.RESPONSES, rtu(UNIT, hex("03 00")));
        assertThat(events).singleElement().isInstanceOf(RtuEvent.Rejected.class);
        assertThat(((RtuEvent.Rejected) events.get(0)).reason()).contains("byte count 0");
    }

    @Test
    void writing1969CoilsIsIllegalDataValueAnd1968IsFine() {
        // 1969 coils take 247 data bytes: the frame is exactly 256 bytes, so it is framed and rejected
        assertRequestRejected(concat(pdu(0x0F, 0x0000, 1969), new byte[] {(byte) 247}, new byte[247]),
                ExceptionCode.ILLEGAL_DATA_VALUE, "1969");
        assertRequestAccepted(concat(pdu(0x0F, 0x0000, 1968), new byte[] {(byte) 246}, new byte[246]));
    }

    @Test
    void writing124RegistersIsIllegalDataValueAnd123IsFine() {
        byte[] full = concat(pdu(0x10, 0x0000, 124), new byte[] {(byte) 248}, new byte[248]);
        PduDecoding.Malformed malformed = malformedRequest(full);
        assertThat(malformed.answer()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(malformed.reason()).contains("124");
        // with a byte count that keeps the frame short the framed request is rejected the same way
        assertRequestRejected(concat(pdu(0x10, 0x0000, 124), new byte[] {2, 0, 1}), ExceptionCode.ILLEGAL_DATA_VALUE,
                "124");
        assertRequestAccepted(concat(pdu(0x10, 0x0000, 123), new byte[] {(byte) 246}, new byte[246]));
    }

    @Test
    void aRequestFrameLongerThan256BytesIsGarbage() {
        // 124 registers with their full 248 data bytes: 257 bytes on the wire
        byte[] frame = rtu(UNIT, concat(pdu(0x10, 0x0000, 124), new byte[] {(byte) 248}, new byte[248]));
        assertThat(frame).hasSize(257);
        assertOnlyGarbage(Reads.REQUESTS, frame);
    }

    @Test
    void aResponseFrameLongerThan256BytesIsGarbage() {
        byte[] frame = rtu(UNIT, concat(new byte[] {0x03, (byte) 252}, new byte[252]));
        assertThat(frame).hasSize(257);
        assertOnlyGarbage(Reads.RESPONSES, frame);
    }

    @Test
    void aByteCountThatDisagreesWithTheCoilQuantityIsIllegalDataValue() {
        // 10 coils need 2 bytes, not 1
        assertRequestRejected(hex("0F 0013 000A 01 CD"), ExceptionCode.ILLEGAL_DATA_VALUE, "byte count 1");
    }

    @Test
    void aByteCountThatDisagreesWithTheRegisterQuantityIsIllegalDataValue() {
        // 2 registers need 4 bytes, not 3
        assertRequestRejected(hex("10 0001 0002 03 000A 01"), ExceptionCode.ILLEGAL_DATA_VALUE, "byte count 3");
    }

    @Test
    void moreDataBytesThanTheByteCountSaysIsIllegalDataValue() {
        PduDecoding.Malformed malformed = malformedRequest(hex("10 0001 0002 04 000A 0102 00"));
        assertThat(malformed.answer()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(malformed.reason()).contains("5 data bytes");
    }

    @Test
    void aMultipleWriteShorterThanItsHeaderIsIllegalDataValue() {
        assertThat(malformedRequest(hex("10 0001 0002")).answer()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(malformedRequest(hex("0F 0001")).answer()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    }

    @Test
    void aMultipleWriteRunningPastAddress65535IsIllegalDataAddress() {
        assertRequestRejected(hex("10 FFFF 0002 04 0001 0002"), ExceptionCode.ILLEGAL_DATA_ADDRESS, "65535");
        assertRequestRejected(hex("0F FFFF 0002 01 03"), ExceptionCode.ILLEGAL_DATA_ADDRESS, "65535");
    }

    // ---- units and functions ----

    @ParameterizedTest
    @ValueSource(ints = {248, 249, 250, 254, 255})
    void aFrameWithAUnitAbove247IsGarbageEvenWithAGoodCrc(int unit) {
        assertOnlyGarbage(Reads.REQUESTS, rtu(unit, pdu(0x03, 0x0000, 1)));
        assertOnlyGarbage(Reads.RESPONSES, rtu(unit, hex("03 02 00 2A")));
    }

    @Test
    void unitsOutsideTheAddressSpaceCannotBeEncoded() {
        ReadRequest read = new ReadRequest(FunctionCode.READ_COILS, 0, 1);
        assertThatThrownBy(() -> new RtuFrame(248, read)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("248");
        assertThatThrownBy(() -> new RtuFrame(-1, read)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RtuFrame(0, read).encode()[0]).isEqualTo((byte) 0);
        assertThat(new RtuFrame(247, read).encode()[0]).isEqualTo((byte) 247);
    }

    @Test
    void broadcastRequestsAreFramed() {
        assertThat(decode(Reads.REQUESTS, rtu(0, pdu(0x06, 0x0001, 0x0003))))
                .containsExactly(new RtuEvent.Frame(0, new ModbusPdu.WriteSingleRegister(1, 3)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x07, 0x08, 0x11, 0x17, 0x2B, 0x7F})
    void aFunctionTheCodecDoesNotSpeakIsIllegalFunction(int function) {
        PduDecoding.Malformed malformed = malformedRequest(pdu(function, 0x0000, 1));
        assertThat(malformed.answer()).isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
        assertThat(malformed.function()).isEqualTo(function);
        assertThat(malformed.reason()).contains("function " + function);
        // its length cannot be known from its first bytes, so on the line it is skipped as garbage
        assertOnlyGarbage(Reads.REQUESTS, rtu(UNIT, pdu(function, 0x0000, 1)));
    }

    @Test
    void anEmptyPduIsMalformedNotAnException() {
        assertThat(ModbusPduCodec.decodeRequest(new byte[0], 0, 0)).isInstanceOf(PduDecoding.Malformed.class);
        assertThat(ModbusPduCodec.decodeResponse(new byte[0], 0, 0)).isInstanceOf(PduDecoding.Malformed.class);
        assertThat(ModbusPduCodec.decodeResponse(hex("03"), 0, 1)).isInstanceOf(PduDecoding.Malformed.class);
    }

    // ---- responses ----

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x0A, 0x0B})
    void everyExceptionCodeOfTheSpecificationDecodesForEveryFunction(int code) {
        for (int function : new int[] {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10}) {
            byte[] pdu = {(byte) (function | 0x80), (byte) code};
            PduDecoding d = ModbusPduCodec.decodeResponse(pdu, 0, 2);
            assertThat(d).isEqualTo(new PduDecoding.Decoded(new ExceptionResponse(function, code)));
            ExceptionResponse exception = (ExceptionResponse) ((PduDecoding.Decoded) d).pdu();
            assertThat(exception.exception()).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(code));
            assertThat(exception.functionByte()).isEqualTo(function | 0x80);
            assertThat(ModbusPduCodec.encode(exception)).isEqualTo(pdu);

            assertThat(decode(Reads.RESPONSES, rtu(UNIT, pdu)))
                    .containsExactly(new RtuEvent.Frame(UNIT, new ExceptionResponse(function, code)));
        }
    }

    @Test
    void exceptionCodesByName() {
        assertThat(ExceptionCode.of(0x01)).contains(ExceptionCode.ILLEGAL_FUNCTION);
        assertThat(ExceptionCode.of(0x02)).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(ExceptionCode.of(0x03)).contains(ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(ExceptionCode.of(0x04)).contains(ExceptionCode.SERVER_DEVICE_FAILURE);
        assertThat(ExceptionCode.of(0x05)).contains(ExceptionCode.ACKNOWLEDGE);
        assertThat(ExceptionCode.of(0x06)).contains(ExceptionCode.SERVER_DEVICE_BUSY);
        assertThat(ExceptionCode.of(0x08)).contains(ExceptionCode.MEMORY_PARITY_ERROR);
        assertThat(ExceptionCode.of(0x0A)).contains(ExceptionCode.GATEWAY_PATH_UNAVAILABLE);
        assertThat(ExceptionCode.of(0x0B)).contains(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
        assertThat(ExceptionCode.of(0x07)).isEmpty();
        assertThat(ExceptionCode.of(0x09)).isEmpty();
    }

    @Test
    void aRetiredOrVendorExceptionCodeIsKeptAsANumber() {
        // 07 was NEGATIVE ACKNOWLEDGE in older specifications; devices still send it
        PduDecoding d = ModbusPduCodec.decodeResponse(hex("83 07"), 0, 2);
        ExceptionResponse response = (ExceptionResponse) ((PduDecoding.Decoded) d).pdu();
        assertThat(response).isEqualTo(new ExceptionResponse(3, 7));
        assertThat(response.exception()).isEmpty();
    }

    @Test
    void anExceptionResponseToAFunctionTheCodecDoesNotSpeakKeepsTheFunction() {
        assertThat(decode(Reads.RESPONSES, rtu(UNIT, hex("AB 01"))))
                .containsExactly(new RtuEvent.Frame(UNIT, new ExceptionResponse(0x2B, 1)));
    }

    @Test
    void malformedExceptionResponsesAreMalformed() {
        assertThat(ModbusPduCodec.decodeResponse(hex("80 01"), 0, 2)).isInstanceOf(PduDecoding.Malformed.class);
        assertThat(ModbusPduCodec.decodeResponse(hex("83 02 00"), 0, 3)).isInstanceOf(PduDecoding.Malformed.class);
    }

    @Test
    void aRegisterResponseWithAnOddByteCountIsRejected() {
        List<RtuEvent> events = decode(Reads.RESPONSES, rtu(UNIT, hex("03 03 00 01 02")));
        assertThat(events).singleElement().isInstanceOf(RtuEvent.Rejected.class);
        assertThat(((RtuEvent.Rejected) events.get(0)).reason()).contains("byte count 3");
    }

    @Test
    void aWriteResponseWithZeroQuantityIsRejected() {
        List<RtuEvent> events = decode(Reads.RESPONSES, rtu(UNIT, pdu(0x10, 0x0001, 0)));
        assertThat(events).singleElement().isInstanceOf(RtuEvent.Rejected.class);
    }

    // ---- what cannot be built cannot be sent ----

    @Test
    void pduConstructorsRefuseWhatTheSpecificationForbids() {
        assertThatThrownBy(() -> new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 126))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("126");
        assertThatThrownBy(() -> new ReadRequest(FunctionCode.READ_COILS, 0, 2001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadRequest(FunctionCode.READ_COILS, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadRequest(FunctionCode.WRITE_SINGLE_COIL, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadRequest(FunctionCode.READ_COILS, 0xFFFF, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteMultipleRegisters(0, Collections.nCopies(124, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteMultipleRegisters(0, List.of(0x10000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteMultipleCoils(0, Collections.nCopies(1969, true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModbusPdu.WriteSingleRegister(0x10000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExceptionResponse(0x80, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExceptionResponse(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBitResponseCarriesAtMost2000Bits() {
        // 2001 bits would need a byte count of 251, which no master accepts
        assertThatThrownBy(() -> new ReadBitsResponse(FunctionCode.READ_COILS, Collections.nCopies(2001, true)))
                .isInstanceOf(IllegalArgumentException.class);
        ReadBitsResponse max = new ReadBitsResponse(FunctionCode.READ_COILS, Collections.nCopies(2000, true));
        byte[] pdu = ModbusPduCodec.encode(max);
        assertThat(ModbusPduCodec.decodeResponse(pdu, 0, pdu.length)).isEqualTo(new PduDecoding.Decoded(max));
    }

    @Test
    void garbageBytesAreReportedVerbatim() {
        byte[] stream = hex("FF FE FD");
        List<RtuEvent> events = decode(Reads.REQUESTS, stream);
        StringBuilder seen = new StringBuilder();
        for (RtuEvent e : events) {
            Bytes b = e instanceof RtuEvent.Garbage g ? g.bytes() : ((RtuEvent.Truncated) e).bytes();
            seen.append(b).append(' ');
        }
        assertThat(seen.toString().trim()).isEqualTo("FF FE FD");
    }
}
