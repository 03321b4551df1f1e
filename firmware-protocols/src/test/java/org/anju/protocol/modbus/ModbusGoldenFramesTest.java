package org.anju.protocol.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadBitsResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRegistersResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleRegisters;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleResponse;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleCoil;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleRegister;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: the PDU examples of the MODBUS Application Protocol Specification V1.1b3 (section 6),
 * well-known RTU frames, and frames of two common Chinese energy meters whose CRCs were computed
 * independently with pymodbus ({@code pymodbus.utilities.computeCRC}).
 */
class ModbusGoldenFramesTest {

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static ModbusPdu decodedRequest(String pdu) {
        byte[] b = hex(pdu);
        PduDecoding d = ModbusPduCodec.decodeRequest(b, 0, b.length);
        assertThat(d).as("request %s", pdu).isInstanceOf(PduDecoding.Decoded.class);
        return ((PduDecoding.Decoded) d).pdu();
    }

    static ModbusPdu decodedResponse(String pdu) {
        byte[] b = hex(pdu);
        PduDecoding d = ModbusPduCodec.decodeResponse(b, 0, b.length);
        assertThat(d).as("response %s", pdu).isInstanceOf(PduDecoding.Decoded.class);
        return ((PduDecoding.Decoded) d).pdu();
    }

    /** Bits in wire order: the first character is bit 0 of the first byte. */
    static List<Boolean> bits(String zeroesAndOnes) {
        List<Boolean> bits = new ArrayList<>();
        for (char c : zeroesAndOnes.replace(" ", "").toCharArray()) {
            bits.add(c == '1');
        }
        return bits;
    }

    static List<RtuEvent> decodeAll(RtuFrameDecoder.Reads reads, String frame) {
        RtuFrameDecoder decoder = new RtuFrameDecoder(reads);
        List<RtuEvent> events = new ArrayList<>(decoder.feed(hex(frame)));
        events.addAll(decoder.flush());
        return events;
    }

    @Nested
    class SpecificationPduExamples {

        @Test
        void readCoils01() {
            ReadRequest request = new ReadRequest(FunctionCode.READ_COILS, 0x0013, 0x0013);
            assertThat(decodedRequest("01 0013 0013")).isEqualTo(request);
            assertThat(ModbusPduCodec.encode(request)).isEqualTo(hex("01 0013 0013"));

            // coils 20-27 = CD, 28-35 = 6B, 36-38 = 05 (the rest of the last byte padded with zeroes)
            List<Boolean> coils20to38 = bits("10110011 11010110 101");
            ReadBitsResponse slaveAnswer = new ReadBitsResponse(FunctionCode.READ_COILS, coils20to38);
            assertThat(ModbusPduCodec.encode(slaveAnswer)).isEqualTo(hex("01 03 CD 6B 05"));

            ReadBitsResponse seenByMaster = (ReadBitsResponse) decodedResponse("01 03 CD 6B 05");
            assertThat(seenByMaster).isEqualTo(new ReadBitsResponse(FunctionCode.READ_COILS,
                    bits("10110011 11010110 10100000")));
            assertThat(seenByMaster.first(0x13)).isEqualTo(coils20to38);
        }

        @Test
        void readDiscreteInputs02() {
            ReadRequest request = new ReadRequest(FunctionCode.READ_DISCRETE_INPUTS, 0x00C4, 0x0016);
            assertThat(decodedRequest("02 00C4 0016")).isEqualTo(request);
            assertThat(ModbusPduCodec.encode(request)).isEqualTo(hex("02 00C4 0016"));

            // inputs 197-204 = AC, 205-212 = DB, 213-218 = 35
            List<Boolean> inputs = bits("00110101 11011011 101011");
            assertThat(ModbusPduCodec.encode(new ReadBitsResponse(FunctionCode.READ_DISCRETE_INPUTS, inputs)))
                    .isEqualTo(hex("02 03 AC DB 35"));
            ReadBitsResponse seen = (ReadBitsResponse) decodedResponse("02 03 AC DB 35");
            assertThat(seen.function()).isEqualTo(FunctionCode.READ_DISCRETE_INPUTS);
            assertThat(seen.bits()).hasSize(24);
            assertThat(seen.first(0x16)).isEqualTo(inputs);
        }

        @Test
        void readHoldingRegisters03() {
            ReadRequest request = new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0x006B, 0x0003);
            assertThat(decodedRequest("03 006B 0003")).isEqualTo(request);
            assertThat(ModbusPduCodec.encode(request)).isEqualTo(hex("03 006B 0003"));

            ReadRegistersResponse response = new ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS,
                    List.of(0x022B, 0x0000, 0x0064));
            assertThat(decodedResponse("03 06 022B 0000 0064")).isEqualTo(response);
            assertThat(ModbusPduCodec.encode(response)).isEqualTo(hex("03 06 022B 0000 0064"));
            assertThat(response.registers()).containsExactly(555, 0, 100);
        }

        @Test
        void readInputRegisters04() {
            ReadRequest request = new ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x0008, 0x0001);
            assertThat(decodedRequest("04 0008 0001")).isEqualTo(request);
            assertThat(ModbusPduCodec.encode(request)).isEqualTo(hex("04 0008 0001"));

            ReadRegistersResponse response = new ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS, List.of(10));
            assertThat(decodedResponse("04 02 000A")).isEqualTo(response);
            assertThat(ModbusPduCodec.encode(response)).isEqualTo(hex("04 02 000A"));
        }

        @Test
        void writeSingleCoil05IsEchoed() {
            WriteSingleCoil on = new WriteSingleCoil(0x00AC, true);
            assertThat(decodedRequest("05 00AC FF00")).isEqualTo(on);
            assertThat(decodedResponse("05 00AC FF00")).isEqualTo(on);
            assertThat(ModbusPduCodec.encode(on)).isEqualTo(hex("05 00AC FF00"));

            WriteSingleCoil off = new WriteSingleCoil(0x00AC, false);
            assertThat(decodedRequest("05 00AC 0000")).isEqualTo(off);
            assertThat(ModbusPduCodec.encode(off)).isEqualTo(hex("05 00AC 0000"));
        }

        @Test
        void writeSingleRegister06IsEchoed() {
            WriteSingleRegister write = new WriteSingleRegister(0x0001, 0x0003);
            assertThat(decodedRequest("06 0001 0003")).isEqualTo(write);
            assertThat(decodedResponse("06 0001 0003")).isEqualTo(write);
            assertThat(ModbusPduCodec.encode(write)).isEqualTo(hex("06 0001 0003"));
        }

        @Test
        void writeMultipleCoils15() {
            // coils 27-20 = CD (1100 1101), 29-28 = 01
            WriteMultipleCoils request = new WriteMultipleCoils(0x0013, bits("10110011 10"));
            assertThat(decodedRequest("0F 0013 000A 02 CD 01")).isEqualTo(request);
            assertThat(ModbusPduCodec.encode(request)).isEqualTo(hex("0F 0013 000A 02 CD 01"));

            WriteMultipleResponse response = new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, 0x0013, 0x000A);
            assertThat(decodedResponse("0F 0013 000A")).isEqualTo(response);
            assertThat(ModbusPduCodec.encode(response)).isEqualTo(hex("0F 0013 000A"));
        }

        @Test
        void writeMultipleRegisters16() {
            WriteMultipleRegisters request = new WriteMultipleRegisters(0x0001, List.of(0x000A, 0x0102));
            assertThat(decodedRequest("10 0001 0002 04 000A 0102")).isEqualTo(request);
            assertThat(ModbusPduCodec.encode(request)).isEqualTo(hex("10 0001 0002 04 000A 0102"));

            WriteMultipleResponse response = new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_REGISTERS, 1, 2);
            assertThat(decodedResponse("10 0001 0002")).isEqualTo(response);
            assertThat(ModbusPduCodec.encode(response)).isEqualTo(hex("10 0001 0002"));
        }

        @Test
        void exceptionResponseFromSection7() {
            // request 01 04A1 0001 (a coil that does not exist) -> 81 02
            ExceptionResponse response = ExceptionResponse.of(0x01, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(decodedResponse("81 02")).isEqualTo(response);
            assertThat(ModbusPduCodec.encode(response)).isEqualTo(hex("81 02"));
            assertThat(response.exception()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
    }

    @Nested
    class WellKnownRtuFrames {

        @Test
        void readOneHoldingRegisterOfUnit1() {
            RtuFrame frame = new RtuFrame(1, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 1));
            assertThat(frame.encode()).isEqualTo(hex("01 03 00 00 00 01 84 0A"));
            assertThat(decodeAll(RtuFrameDecoder.Reads.REQUESTS, "01 03 00 00 00 01 84 0A"))
                    .containsExactly(new RtuEvent.Frame(1, frame.pdu()));
        }

        @Test
        void readTenHoldingRegistersOfUnit1() {
            RtuFrame frame = new RtuFrame(1, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 10));
            assertThat(frame.encode()).isEqualTo(hex("01 03 00 00 00 0A C5 CD"));
            assertThat(decodeAll(RtuFrameDecoder.Reads.REQUESTS, "01 03 00 00 00 0A C5 CD"))
                    .containsExactly(new RtuEvent.Frame(1, frame.pdu()));
        }

        @Test
        void specificationReadHoldingExampleAsAnRtuFrameToUnit17() {
            RtuFrame frame = new RtuFrame(0x11, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0x006B, 3));
            assertThat(frame.encode()).isEqualTo(hex("11 03 00 6B 00 03 76 87"));
            assertThat(decodeAll(RtuFrameDecoder.Reads.REQUESTS, "11 03 00 6B 00 03 76 87"))
                    .containsExactly(new RtuEvent.Frame(0x11, frame.pdu()));
        }
    }

    /**
     * Chint DDSU666 single-phase meter: input registers from 0x2000 hold float32 values, high word
     * first: 0x2000 voltage (V), 0x2002 current (A), 0x2004 active power (kW).
     */
    @Nested
    class ChintDdsu666 {
        static final String REQUEST = "01 04 20 00 00 06 7B C8";
        static final String REPLY = "01 04 0C 43 66 19 9A 3F A0 00 00 3E 92 F1 AA F9 AD";

        @Test
        void masterEncodesTheReadOfVoltageCurrentAndPower() {
            RtuFrame read = new RtuFrame(1, new ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 6));
            assertThat(read.encode()).isEqualTo(hex(REQUEST));
            assertThat(decodeAll(RtuFrameDecoder.Reads.REQUESTS, REQUEST))
                    .containsExactly(new RtuEvent.Frame(1, read.pdu()));
        }

        @Test
        void replyDecodesToTheMeterReadings() {
            List<RtuEvent> events = decodeAll(RtuFrameDecoder.Reads.RESPONSES, REPLY);
            List<Integer> registers = List.of(0x4366, 0x199A, 0x3FA0, 0x0000, 0x3E92, 0xF1AA);
            ReadRegistersResponse expected = new ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS, registers);
            assertThat(events).containsExactly(new RtuEvent.Frame(1, expected));
            assertThat(new RtuFrame(1, expected).encode()).isEqualTo(hex(REPLY));

            double volts = DataType.FLOAT32.decode(registers, 0, WordOrder.HIGH_FIRST);
            double amps = DataType.FLOAT32.decode(registers, 2, WordOrder.HIGH_FIRST);
            double kilowatts = DataType.FLOAT32.decode(registers, 4, WordOrder.HIGH_FIRST);
            assertThat(volts).isEqualTo((double) 230.1f).isCloseTo(230.1, within(1e-4));
            assertThat(amps).isEqualTo(1.25);
            assertThat(kilowatts).isEqualTo((double) 0.287f).isCloseTo(0.287, within(1e-6));
        }

        @Test
        void readingTheMeterWithTheWrongWordOrderGivesADifferentNumber() {
            List<Integer> voltage = List.of(0x4366, 0x199A);
            assertThat(DataType.FLOAT32.decode(voltage, 0, WordOrder.LOW_FIRST))
                    .isEqualTo((double) Float.intBitsToFloat(0x199A4366))
                    .isNotCloseTo(230.1, within(1.0));
        }

        @Test
        void encodingTheReadingsGivesTheMeterRegistersBack() {
            assertThat(DataType.FLOAT32.encode(230.1, WordOrder.HIGH_FIRST)).containsExactly(0x4366, 0x199A);
            assertThat(DataType.FLOAT32.encode(1.25, WordOrder.HIGH_FIRST)).containsExactly(0x3FA0, 0x0000);
            assertThat(DataType.FLOAT32.encode(0.287, WordOrder.LOW_FIRST)).containsExactly(0xF1AA, 0x3E92);
        }
    }

    /**
     * Hiking DDS238-2 ZN/S single-phase meter, holding registers read with function 03:
     * 0x0000 total energy (u32, 0.01 kWh), 0x000A import energy (u32, 0.01 kWh),
     * 0x000C voltage (u16, 0.1 V), 0x000D current (u16, 0.01 A), 0x000E active power (s16, W; negative = export).
     */
    @Nested
    class HikingDds238 {
        static final String REQUEST = "01 03 00 00 00 0F 05 CE";
        static final String REPLY = "01 03 1E 00 01 E2 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + " 00 01 E2 40 08 FD 00 7D FE E0 03 EC";

        @Test
        void masterEncodesTheReadOfFifteenRegisters() {
            RtuFrame read = new RtuFrame(1, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0x0000, 15));
            assertThat(read.encode()).isEqualTo(hex(REQUEST));
            assertThat(decodeAll(RtuFrameDecoder.Reads.REQUESTS, REQUEST))
                    .containsExactly(new RtuEvent.Frame(1, read.pdu()));
        }

        @Test
        void replyDecodesToTheMeterReadings() {
            List<RtuEvent> events = decodeAll(RtuFrameDecoder.Reads.RESPONSES, REPLY);
            assertThat(events).hasSize(1).first().isInstanceOf(RtuEvent.Frame.class);
            RtuEvent.Frame frame = (RtuEvent.Frame) events.get(0);
            assertThat(frame.unit()).isEqualTo(1);
            ReadRegistersResponse response = (ReadRegistersResponse) frame.pdu();
            assertThat(response.function()).isEqualTo(FunctionCode.READ_HOLDING_REGISTERS);
            List<Integer> r = response.registers();
            assertThat(r).hasSize(15);
            assertThat(new RtuFrame(1, response).encode()).isEqualTo(hex(REPLY));

            assertThat(DataType.U32.decode(r, 0x0000, WordOrder.HIGH_FIRST) * 0.01).isCloseTo(1234.56, within(1e-9));
            assertThat(DataType.U32.decode(r, 0x000A, WordOrder.HIGH_FIRST) * 0.01).isCloseTo(1234.56, within(1e-9));
            assertThat(DataType.U16.decode(r, 0x000C, WordOrder.HIGH_FIRST) * 0.1).isCloseTo(230.1, within(1e-9));
            assertThat(DataType.U16.decode(r, 0x000D, WordOrder.HIGH_FIRST) * 0.01).isCloseTo(1.25, within(1e-9));
            assertThat(DataType.S16.decode(r, 0x000E, WordOrder.HIGH_FIRST)).isEqualTo(-288.0);
            assertThat(DataType.U16.decode(r, 0x000E, WordOrder.HIGH_FIRST)).isEqualTo(65248.0);
        }

        @Test
        void encodingTheReadingsGivesTheMeterRegistersBack() {
            assertThat(DataType.U32.encode(123456, WordOrder.HIGH_FIRST)).containsExactly(0x0001, 0xE240);
            assertThat(DataType.U32.encode(123456, WordOrder.LOW_FIRST)).containsExactly(0xE240, 0x0001);
            assertThat(DataType.S16.encode(-288, WordOrder.HIGH_FIRST)).containsExactly(0xFEE0);
            assertThat(DataType.U16.encode(2301, WordOrder.HIGH_FIRST)).containsExactly(0x08FD);
        }
    }

    @Test
    void unsignedAndSignedThirtyTwoBitValuesUseTheFullRange() {
        List<Integer> allOnes = List.of(0xFFFF, 0xFFFF);
        assertThat(DataType.U32.decode(allOnes, 0, WordOrder.HIGH_FIRST)).isEqualTo(4_294_967_295.0);
        assertThat(DataType.S32.decode(allOnes, 0, WordOrder.HIGH_FIRST)).isEqualTo(-1.0);
        assertThat(DataType.S32.decode(List.of(0x0000, 0x8000), 0, WordOrder.LOW_FIRST)).isEqualTo(-2_147_483_648.0);
        assertThat(DataType.U32.encode(4_294_967_295.0, WordOrder.HIGH_FIRST)).containsExactly(0xFFFF, 0xFFFF);
        assertThat(DataType.S32.encode(-2, WordOrder.HIGH_FIRST)).containsExactly(0xFFFF, 0xFFFE);
    }
}
