package org.anju.firmware.pile;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleRegisters;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleResponse;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleCoil;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleRegister;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pile's registers as a master reads and writes them, held to {@link PileRegisterMap}. */
class PileRegistersTest {
    private static final int UNIT = 17;
    private static final int PORTS = 10;

    private final PileSimulator pile = new PileSimulator(PORTS, PileLimits.DEFAULTS);
    private final LineDevice line = pile.onLine(UNIT);
    private final PileMaster master = new PileMaster(line, UNIT);

    /** Reads one value the way a device profile built from the map would, scaled to its unit. */
    private double read(RegisterSpec spec) {
        FunctionCode function = spec.table().readFunction();
        if (spec.table().isBit()) {
            return master.readBits(function, spec.address(), 1).get(0) ? 1 : 0;
        }
        List<Integer> words = master.readRegisters(function, spec.address(), spec.type().words());
        return spec.type().decode(words, 0, spec.order()) * spec.scale();
    }

    private static RegisterSpec spec(List<RegisterSpec> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Nested
    class ReadingPerTheMap {

        @Test
        void everyPortValueOfTheMapReadsWhatThePortIsDoing() {
            pile.plugIn(1, Bike.TYPICAL);
            pile.switchRelay(1, true);
            pile.plugIn(2, Bike.TYPICAL);
            pile.advance(Duration.ofMinutes(90));

            for (int port = 1; port <= PORTS; port++) {
                PileSimulator.PortSnapshot s = pile.port(port);
                List<RegisterSpec> specs = PileRegisterMap.port(port);
                assertThat(read(spec(specs, "relay"))).as("port %d relay", port).isEqualTo(s.relayClosed() ? 1 : 0);
                assertThat(read(spec(specs, "plugged"))).as("port %d plug", port).isEqualTo(s.plugged() ? 1 : 0);
                assertThat(read(spec(specs, "state"))).as("port %d state", port).isEqualTo(s.state().code());
                assertThat(read(spec(specs, "cutReason"))).isEqualTo(s.cutReason().code());
                assertThat(read(spec(specs, "voltage"))).isCloseTo(s.volts(), within(0.051));
                assertThat(read(spec(specs, "current"))).isCloseTo(s.watts() / s.volts(), within(0.0051));
                assertThat(read(spec(specs, "power"))).isCloseTo(s.watts(), within(0.51));
                assertThat(read(spec(specs, "energy"))).isEqualTo(Math.floor(s.energyWh()));
                assertThat(read(spec(specs, "sessionTime"))).isEqualTo(Math.floor(s.sessionSeconds()));
            }
            List<RegisterSpec> port1 = PileRegisterMap.port(1);
            assertThat(read(spec(port1, "state"))).isEqualTo(PortState.CHARGING.code());
            assertThat(read(spec(port1, "power"))).isEqualTo(180);
            assertThat(read(spec(port1, "energy"))).isEqualTo(270);
            assertThat(read(spec(port1, "sessionTime"))).isEqualTo(5400);
            assertThat(read(spec(PileRegisterMap.port(2), "state"))).isEqualTo(PortState.PREPARING.code());
            assertThat(read(spec(PileRegisterMap.port(3), "state"))).isEqualTo(PortState.AVAILABLE.code());
        }

        @Test
        void everyPileWideValueOfTheMapReadsThePile() {
            List<RegisterSpec> specs = PileRegisterMap.pileWide();
            assertThat(read(spec(specs, "smoke"))).isZero();
            assertThat(read(spec(specs, "overTemperature"))).isZero();
            assertThat(read(spec(specs, "temperature"))).isCloseTo(25.0, within(0.05));
            assertThat(read(spec(specs, "firmwareVersion"))).isEqualTo(0x0104);
            assertThat(read(spec(specs, "portCount"))).isEqualTo(PORTS);
            assertThat(read(spec(specs, "alarms"))).isZero();
            assertThat(read(spec(specs, "heartbeatTimeout"))).isEqualTo(60);
            assertThat(read(spec(specs, "overloadLimit"))).isEqualTo(1000);
            assertThat(read(spec(specs, "fullChargePower"))).isEqualTo(30);
            assertThat(read(spec(specs, "fullChargeTime"))).isEqualTo(600);
            assertThat(read(spec(specs, "maxSessionTime"))).isEqualTo(480);
            assertThat(read(spec(specs, "overTemperatureLimit"))).isCloseTo(80.0, within(1e-9));
            pile.smoke(true);
            assertThat(read(spec(specs, "smoke"))).isEqualTo(1);
            assertThat(read(spec(specs, "alarms"))).isEqualTo(PileRegisterMap.ALARM_SMOKE);
        }

        @Test
        void oneReadOf125RegistersCoversSeveralPortBlocksAndUnusedWordsReadZero() {
            pile.plugIn(2, Bike.TYPICAL);
            pile.switchRelay(2, true);
            pile.advance(Duration.ofSeconds(10));
            List<Integer> words = master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, PileRegisterMap.IR_PORT_BASE, 125);
            int port2 = PileRegisterMap.IR_PORT_STRIDE;
            assertThat(words.get(port2 + PileRegisterMap.PORT_STATE)).isEqualTo(PortState.CHARGING.code());
            assertThat(words.get(port2 + PileRegisterMap.PORT_POWER)).isEqualTo(180);
            for (int i = 0; i < 125; i++) {
                if (i % PileRegisterMap.IR_PORT_STRIDE >= PileRegisterMap.PORT_USED_WORDS) {
                    assertThat(words.get(i)).as("unused word %d", i).isZero();
                }
            }
        }

        @Test
        void allCoilsAndPlugInputsReadInOneRequest() {
            pile.plugIn(3, Bike.TYPICAL);
            pile.plugIn(10, Bike.TYPICAL);
            pile.switchRelay(10, true);
            List<Boolean> coils = master.readBits(FunctionCode.READ_COILS, 0, PORTS);
            assertThat(coils).containsExactly(false, false, false, false, false, false, false, false, false, true);
            List<Boolean> plugs = master.readBits(FunctionCode.READ_DISCRETE_INPUTS, PileRegisterMap.DI_PLUG_BASE, PORTS);
            assertThat(plugs).containsExactly(false, false, true, false, false, false, false, false, false, true);
        }

        @Test
        void theMapDescribesEveryPortWithinThePortBlockAndNothingOverlaps() {
            List<RegisterSpec> all = new ArrayList<>(PileRegisterMap.pileWide());
            for (int port = 1; port <= PileRegisterMap.MAX_PORTS; port++) {
                all.addAll(PileRegisterMap.port(port));
            }
            for (RegisterSpec a : all) {
                for (RegisterSpec b : all) {
                    if (a != b && a.table() == b.table()) {
                        boolean overlap = a.address() <= b.lastAddress() && b.address() <= a.lastAddress();
                        assertThat(overlap).as("%s and %s overlap", a.name(), b.name()).isFalse();
                    }
                }
            }
            for (int port = 1; port <= PileRegisterMap.MAX_PORTS; port++) {
                int block = PileRegisterMap.portBlock(port);
                for (RegisterSpec s : PileRegisterMap.port(port)) {
                    if (s.table() == RegisterTable.INPUT_REGISTER) {
                        assertThat(s.address()).isGreaterThanOrEqualTo(block);
                        assertThat(s.lastAddress()).isLessThan(block + PileRegisterMap.PORT_USED_WORDS);
                    }
                }
            }
        }
    }

    @Nested
    class AddressesOutsideTheMap {

        @ParameterizedTest(name = "{0} at {1} x{2}")
        @CsvSource({
                "READ_COILS, 10, 1",                 // one past the last relay of a 10-port pile
                "READ_COILS, 0, 11",
                "READ_DISCRETE_INPUTS, 2, 1",        // between over-temperature and the plug inputs
                "READ_DISCRETE_INPUTS, 0, 3",
                "READ_DISCRETE_INPUTS, 26, 1",       // 0x10 + 10
                "READ_INPUT_REGISTERS, 4, 1",        // after the pile-wide registers
                "READ_INPUT_REGISTERS, 0, 5",
                "READ_INPUT_REGISTERS, 255, 1",      // just before the first port block
                "READ_INPUT_REGISTERS, 416, 1",      // 0x100 + 16 x 10
                "READ_INPUT_REGISTERS, 400, 17",
                "READ_HOLDING_REGISTERS, 7, 1",
                "READ_HOLDING_REGISTERS, 0, 8",
                "READ_HOLDING_REGISTERS, 65535, 1",
        })
        void readingOutsideTheMapIsIllegalDataAddress(FunctionCode function, int address, int quantity) {
            assertThat(master.askExpectingException(new ReadRequest(function, address, quantity)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }

        @Test
        void theWholeMapIsReadableRightUpToItsEdges() {
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).hasSize(PORTS);
            assertThat(master.readBits(FunctionCode.READ_DISCRETE_INPUTS, 0, 2)).hasSize(2);
            assertThat(master.readBits(FunctionCode.READ_DISCRETE_INPUTS, PileRegisterMap.DI_PLUG_BASE, PORTS)).hasSize(PORTS);
            assertThat(master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, 0, 4)).hasSize(4);
            assertThat(master.readRegisters(FunctionCode.READ_INPUT_REGISTERS, 0x100 + 16 * PORTS - 16, 16)).hasSize(16);
            assertThat(master.readRegisters(FunctionCode.READ_HOLDING_REGISTERS, 0, 7)).hasSize(7);
        }

        @Test
        void writingOutsideTheMapIsIllegalDataAddressAndChangesNothing() {
            assertThat(master.askExpectingException(new WriteSingleCoil(PORTS, true)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.askExpectingException(new WriteMultipleCoils(PORTS - 2, List.of(true, true, true))))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).containsOnly(false);
            assertThat(master.askExpectingException(new WriteSingleRegister(7, 1)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.askExpectingException(new WriteMultipleRegisters(5, List.of(60, 800, 1))))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.holding()).containsExactly(0, 60, 1000, 30, 600, 480, 800);
        }

        @Test
        void aSmallerPileHasASmallerMap() {
            PileSimulator four = new PileSimulator(4, PileLimits.DEFAULTS);
            PileMaster m = new PileMaster(four.onLine(3), 3);
            assertThat(m.readRegisters(FunctionCode.READ_INPUT_REGISTERS, PileRegisterMap.IR_PORT_COUNT, 1)).containsExactly(4);
            assertThat(m.readBits(FunctionCode.READ_COILS, 0, 4)).hasSize(4);
            assertThat(m.askExpectingException(new ReadRequest(FunctionCode.READ_COILS, 0, 5)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(m.askExpectingException(new ReadRequest(FunctionCode.READ_INPUT_REGISTERS, PileRegisterMap.portBlock(5), 1)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
    }

    @Nested
    class Writes {

        @Test
        void aSingleCoilWriteIsEchoedAndSwitchesTheRelay() {
            pile.plugIn(4, Bike.TYPICAL);
            WriteSingleCoil on = new WriteSingleCoil(PileRegisterMap.relayCoil(4), true);
            assertThat(master.ask(on)).isEqualTo(on);
            assertThat(pile.port(4).relayClosed()).isTrue();
        }

        @Test
        void aMultipleCoilWriteSwitchesEveryRelayItNamesAndAnswersWhereAndHowMany() {
            List<Boolean> pattern = List.of(true, false, true, true, false);
            assertThat(master.ask(new WriteMultipleCoils(3, pattern)))
                    .isEqualTo(new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, 3, 5));
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS))
                    .containsExactly(false, false, false, true, false, true, true, false, false, false);
        }

        @Test
        void validLimitsWrittenTogetherAreAllTaken() {
            List<Integer> limits = List.of(30, 1500, 20, 300, 240, 700);
            assertThat(master.ask(new WriteMultipleRegisters(1, limits)))
                    .isEqualTo(new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_REGISTERS, 1, 6));
            assertThat(master.holding()).containsExactly(0, 30, 1500, 20, 300, 240, 700);
            assertThat(pile.limits()).isEqualTo(new PileLimits(1500, 20, Duration.ofSeconds(300),
                    Duration.ofMinutes(240), 70.0, Duration.ofSeconds(30)));
        }

        @ParameterizedTest(name = "register {0} = {1}")
        @CsvSource({
                "2, 0",        // overload limit 0 W
                "3, 1000",     // full-charge power not below the overload limit
                "3, 65535",
                "6, 0",        // over-temperature limit 0 degC
                "6, 32768",    // 3276.8 degC does not fit the signed register
        })
        void anInvalidLimitIsIllegalDataValueAndChangesNothing(int register, int value) {
            List<Integer> before = master.holding();
            assertThat(master.askExpectingException(new WriteSingleRegister(register, value)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
            assertThat(master.holding()).isEqualTo(before);
            assertThat(pile.limits()).isEqualTo(PileLimits.DEFAULTS);
        }

        @Test
        void oneInvalidValueInAMultipleWriteRejectsTheWholeWrite() {
            List<Integer> before = master.holding();
            // a good overload limit, then a full-charge power above it
            assertThat(master.askExpectingException(new WriteMultipleRegisters(2, List.of(500, 600))))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
            assertThat(master.holding()).isEqualTo(before);
        }

        @Test
        void aLoweredOverloadLimitIsEnforcedAtOnce() {
            master.writeHolding(PileRegisterMap.HR_OVERLOAD_W, 150);
            pile.plugIn(1, Bike.TYPICAL);
            master.switchRelay(1, true);
            pile.advance(Duration.ofSeconds(1));
            assertThat(master.port(1).cutReason()).isEqualTo(CutReason.OVERLOAD);
        }
    }

    @Nested
    class OnTheBus {
        private static final int OTHER_UNIT = 18;

        @Test
        void aFrameForAnotherUnitIsNeitherAnsweredNorCarriedOut() {
            pile.plugIn(1, Bike.TYPICAL);
            assertThat(master.ask(OTHER_UNIT, new ReadRequest(FunctionCode.READ_COILS, 0, 1))).isEmpty();
            assertThat(master.ask(OTHER_UNIT, new WriteSingleCoil(0, true))).isEmpty();
            assertThat(master.ask(OTHER_UNIT, new WriteMultipleRegisters(1, List.of(5)))).isEmpty();
            assertThat(pile.port(1).relayClosed()).isFalse();
            assertThat(master.holding().get(1)).isEqualTo(60);
        }

        @Test
        void anIllegalRequestForAnotherUnitGetsNoException() {
            byte[] quantityZero = frame(OTHER_UNIT, "03 0000 0000");
            assertThat(master.sendBytes(quantityZero)).isEmpty();
            assertThat(master.sendBytes(frame(UNIT, "03 0000 0000")))
                    .containsExactly(new RtuEvent.Frame(UNIT, ExceptionResponse.of(3, ExceptionCode.ILLEGAL_DATA_VALUE)));
        }

        @Test
        void aWriteOfZeroRegistersIsAnsweredWithIllegalDataValue() {
            assertThat(master.sendBytes(frame(UNIT, "10 0001 0000 00")))
                    .containsExactly(new RtuEvent.Frame(UNIT, ExceptionResponse.of(0x10, ExceptionCode.ILLEGAL_DATA_VALUE)));
            assertThat(master.sendBytes(frame(UNIT, "0F 0000 0000 00")))
                    .containsExactly(new RtuEvent.Frame(UNIT, ExceptionResponse.of(0x0F, ExceptionCode.ILLEGAL_DATA_VALUE)));
        }

        @Test
        void aBroadcastWriteIsCarriedOutButNeverAnswered() {
            pile.plugIn(1, Bike.TYPICAL);
            assertThat(master.ask(0, new WriteSingleCoil(0, true))).isEmpty();
            assertThat(pile.port(1).relayClosed()).isTrue();
            assertThat(master.ask(0, new WriteMultipleCoils(1, List.of(true, true)))).isEmpty();
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, 3)).containsExactly(true, true, true);
            assertThat(master.ask(0, new WriteSingleRegister(PileRegisterMap.HR_OVERLOAD_W, 900))).isEmpty();
            assertThat(master.ask(0, new WriteMultipleRegisters(PileRegisterMap.HR_FULL_POWER_W, List.of(25)))).isEmpty();
            assertThat(master.holding().subList(2, 4)).containsExactly(900, 25);
        }

        @Test
        void broadcastReadsAndRefusedBroadcastWritesAreNotAnswered() {
            assertThat(master.ask(0, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 1))).isEmpty();
            assertThat(master.ask(0, new WriteSingleCoil(PORTS, true))).as("outside the map").isEmpty();
            assertThat(master.ask(0, new WriteSingleRegister(PileRegisterMap.HR_OVERLOAD_W, 0))).as("invalid").isEmpty();
            assertThat(master.sendBytes(frame(0, "03 0000 0000"))).as("malformed").isEmpty();
            assertThat(pile.limits()).isEqualTo(PileLimits.DEFAULTS);
        }

        @Test
        void aRequestArrivingInPiecesIsAnsweredOnceItsLastByteArrives() {
            byte[] request = new RtuFrame(UNIT, new ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 1, 1)).encode();
            for (int i = 0; i < request.length - 1; i++) {
                assertThat(line.receive(request, i, 1)).isEmpty();
            }
            List<byte[]> replies = line.receive(request, request.length - 1, 1);
            assertThat(replies).hasSize(1);
            assertThat(replies.get(0)).isEqualTo(new RtuFrame(UNIT, new ModbusPdu.ReadRegistersResponse(
                    FunctionCode.READ_INPUT_REGISTERS, List.of(PileSimulator.FIRMWARE_VERSION))).encode());
        }

        @Test
        void twoRequestsInOneChunkGetTwoRepliesInOrder() {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(new RtuFrame(UNIT, new ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 2, 1)).encode());
            both.writeBytes(new RtuFrame(UNIT, new ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 2, 1)).encode());
            List<RtuEvent> replies = master.sendBytes(both.toByteArray());
            assertThat(replies).containsExactly(
                    new RtuEvent.Frame(UNIT, new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS, List.of(PORTS))),
                    new RtuEvent.Frame(UNIT, new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(1000))));
        }

        @Test
        void aRequestWithABadCrcIsIgnoredAndTheNextOneAnswered() {
            byte[] bad = new RtuFrame(UNIT, new WriteSingleCoil(0, true)).encode();
            bad[bad.length - 1] ^= 0x01;
            assertThat(master.sendBytes(bad)).isEmpty();
            assertThat(pile.port(1).relayClosed()).isFalse();
            assertThat(master.relay(1)).isFalse();
        }

        @Test
        void otherSlavesRepliesOnTheSharedBusAreIgnored() {
            byte[] reply = new RtuFrame(UNIT, new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS,
                    List.of(1, 2, 3))).encode();
            assertThat(master.sendBytes(reply)).isEmpty();
            assertThat(master.holding()).hasSize(PileRegisterMap.HR_COUNT);
        }

        @Test
        void mbpollStyleReadOfHoldingRegistersGetsTheGoldenReply() {
            // what "mbpoll -a 17 -r 1 -c 2 -t 4" puts on the wire, and the reply it expects
            List<RtuEvent> replies = master.sendBytes(frame(UNIT, "03 0000 0002"));
            assertThat(replies).containsExactly(new RtuEvent.Frame(UNIT,
                    new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(0, 60))));
        }

        private byte[] frame(int unit, String pduHex) {
            byte[] pdu = HexFormat.of().parseHex(pduHex.replace(" ", ""));
            byte[] frame = new byte[pdu.length + 3];
            frame[0] = (byte) unit;
            System.arraycopy(pdu, 0, frame, 1, pdu.length);
            int crc = org.anju.protocol.modbus.Crc16.compute(frame, 0, frame.length - 2);
            frame[frame.length - 2] = (byte) crc;
            frame[frame.length - 1] = (byte) (crc >>> 8);
            return frame;
        }
    }
}
