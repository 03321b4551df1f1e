package org.anju.firmware.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.pile.Bike;
import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.testing.LineMaster;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A meter shed driven the way the gateway drives a real one: request frames onto its one line,
 * reply frames back, simulated time moved on with {@link MeterShed#advance(Duration)}. Floats are
 * read back from the words by hand (high word first), not with the codec that wrote them.
 */
class MeterShedTest {
    private static final int RELAYS = 20;

    private final MeterShed shed = new MeterShed(new MeterShed.Layout(1, 3, ReadFunctions.BOTH, RELAYS, 8));
    private final LineDevice line = shed.onLine();
    private final LineMaster master = new LineMaster(line, 1);

    /** The float at {@code address} of meter {@code unit}, read with {@code function}. */
    private double read(int unit, FunctionCode function, int address) {
        List<Integer> w = master.readRegisters(unit, function, address, 2);
        return Float.intBitsToFloat(w.get(0) << 16 | w.get(1));
    }

    private double kw(int unit) {
        return read(unit, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.POWER);
    }

    private double kWh(int unit) {
        return read(unit, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.IMPORT_ENERGY);
    }

    private void relay(int socket, boolean on) {
        master.writeCoil(RELAYS, socket - 1, on);
    }

    private void advanceSeconds(long seconds) {
        line.advance(Duration.ofSeconds(seconds));
    }

    @Nested
    class Measuring {

        @Test
        void aChargeShowsOnItsOwnMeterOnlyOnceItsRelayIsClosed() {
            shed.plugIn(2, Bike.TYPICAL);
            advanceSeconds(10);
            assertThat(kw(2)).as("plugged, relay open: no power").isZero();

            relay(2, true);
            advanceSeconds(10);
            double volts = read(2, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.VOLTAGE);
            assertThat(volts).isBetween(225.0, 232.0);
            assertThat(kw(2)).isEqualTo((double) 0.18f);
            double amps = read(2, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.CURRENT);
            double pf = read(2, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.POWER_FACTOR);
            double kvar = read(2, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.REACTIVE_POWER);
            double kva = read(2, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.APPARENT_POWER);
            assertThat(pf).as("a charger's power factor").isBetween(0.85, 0.99);
            assertThat(amps).as("current is the apparent power over the voltage").isCloseTo(kva * 1000 / volts, within(1e-3));
            assertThat(kva).isCloseTo(0.18 / pf, within(1e-5));
            assertThat(kvar).isCloseTo(Math.sqrt(kva * kva - 0.18 * 0.18), within(1e-5)).isPositive();
            assertThat(read(2, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.FREQUENCY)).isEqualTo(50.0);

            assertThat(kw(1)).as("the neighbour's meter").isZero();
            assertThat(read(1, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.POWER_FACTOR)).as("no load").isEqualTo(1.0);
            assertThat(read(1, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.VOLTAGE)).as("a meter sees the supply")
                    .isBetween(225.0, 232.0);
        }

        @Test
        void functions03And04ReadTheSameWordsByDefault() {
            shed.startCharge(1, Bike.TYPICAL);
            advanceSeconds(60);
            for (int[] block : new int[][] {{MeterRegisterMap.MEASUREMENT_BLOCK, MeterRegisterMap.MEASUREMENT_WORDS},
                    {MeterRegisterMap.ENERGY_BLOCK, MeterRegisterMap.ENERGY_WORDS}}) {
                assertThat(master.readRegisters(1, FunctionCode.READ_HOLDING_REGISTERS, block[0], block[1]))
                        .isEqualTo(master.readRegisters(1, FunctionCode.READ_INPUT_REGISTERS, block[0], block[1]));
            }
        }

        @Test
        void theEnergyCounterCountsInKilowattHoursWhatWentThroughTheSocket() {
            shed.startCharge(3, Bike.TYPICAL);
            advanceSeconds(3600);
            assertThat(kWh(3)).isCloseTo(0.180, within(0.001));
            assertThat(read(3, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.EXPORT_ENERGY)).isZero();
            relay(3, false);
            advanceSeconds(3600);
            assertThat(kWh(3)).as("nothing counted with the relay open").isCloseTo(0.180, within(0.001));
        }

        @Test
        void aChargeTapersToAFloatTrickleAsTheBatteryFills() {
            shed.startCharge(1, Bike.TYPICAL);
            advanceSeconds(3600);
            assertThat(kw(1)).isEqualTo((double) 0.18f);
            advanceSeconds(8 * 3600);
            assertThat(kw(1) * 1000).as("a nearly full battery tapers toward its 4 W float").isBetween(4.0, 10.0);
            assertThat(kWh(1)).as("about 65 %% of a 960 Wh pack, through a 90 %% efficient charger")
                    .isBetween(0.60, 0.75);
        }

        @Test
        void anOverloadingChargerDrawsMoreAndNothingInTheShedCutsIt() {
            shed.startCharge(2, Bike.TYPICAL);
            shed.overload(2, 1200);
            advanceSeconds(600);
            assertThat(kw(2)).isCloseTo(1.38, within(1e-6));
            assertThat(master.readBits(RELAYS, FunctionCode.READ_COILS, 1, 1)).containsExactly(true);
        }

        @Test
        void thermalRunawayHeatsTheCabinetWhoseTemperatureTheRelayBoardReports() {
            shed.startCharge(1, Bike.TYPICAL);
            advanceSeconds(1);
            double before = cabinet();
            assertThat(before).isCloseTo(25.0, within(0.5));
            shed.thermalRunaway(1, 2.0);
            advanceSeconds(600);
            assertThat(cabinet()).as("2 degC a minute for 10 minutes, on top of a little warming from 180 W")
                    .isBetween(before + 20.0, before + 23.0);
            relay(1, false);
            advanceSeconds(600);
            assertThat(cabinet()).as("with every relay open the runaway heats on").isGreaterThan(before + 40.0);
        }

        private double cabinet() {
            return (short) (int) master.readRegisters(RELAYS, FunctionCode.READ_INPUT_REGISTERS,
                    RelayBoardSimulator.IR_CABINET_TEMPERATURE, 1).get(0) / 10.0;
        }
    }

    @Nested
    class Switching {

        @Test
        void openingARelayShowsAsNoPowerAtTheNextReadNotTheNextStep() {
            shed.startCharge(1, Bike.TYPICAL);
            advanceSeconds(10);
            assertThat(kw(1)).isPositive();
            relay(1, false);
            assertThat(kw(1)).isZero();
            assertThat(read(1, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.CURRENT)).isZero();
        }

        @Test
        void aWeldedRelayKeepsTheSocketLiveThoughItsCoilReadsOpen() {
            shed.startCharge(2, Bike.TYPICAL);
            advanceSeconds(10);
            shed.stickRelay(2);
            relay(2, false);
            assertThat(master.readBits(RELAYS, FunctionCode.READ_COILS, 1, 1)).containsExactly(false);
            advanceSeconds(60);
            assertThat(kw(2)).isEqualTo((double) 0.18f);
        }

        @Test
        void socketsBeyondOneBoardsChannelsAreSwitchedByTheNextBoard() {
            MeterShed big = new MeterShed(new MeterShed.Layout(1, 12, ReadFunctions.BOTH, 20, 8));
            LineMaster m = new LineMaster(big.onLine(), 1);
            big.plugIn(10, Bike.TYPICAL);
            m.writeCoil(21, 1, true);  // board 21, channel 2 is socket 10
            big.onLine().advance(Duration.ofSeconds(10));
            List<Integer> w = m.readRegisters(10, FunctionCode.READ_INPUT_REGISTERS, MeterRegisterMap.POWER, 2);
            assertThat(Float.intBitsToFloat(w.get(0) << 16 | w.get(1))).isEqualTo(0.18f);
            assertThat(big.relayBoardOf(10).closed(2)).isTrue();
            assertThat(m.ask(22, new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 1))).as("no third board").isEmpty();
        }

        @Test
        void withoutRelayBoardsASocketIsLiveAsSoonAsABikeIsPluggedIn() {
            MeterShed bare = new MeterShed(MeterShed.Layout.metersOnly(5, 1, ReadFunctions.BOTH));
            LineMaster m = new LineMaster(bare.onLine(), 5);
            bare.plugIn(1, Bike.TYPICAL);
            bare.advance(Duration.ofSeconds(5));
            List<Integer> w = m.readRegisters(5, FunctionCode.READ_HOLDING_REGISTERS, MeterRegisterMap.POWER, 2);
            assertThat(Float.intBitsToFloat(w.get(0) << 16 | w.get(1))).isEqualTo(0.18f);
            assertThatThrownBy(() -> bare.stickRelay(1)).hasMessageContaining("no relay boards");
        }
    }

    @Nested
    class OnTheLine {

        @Test
        void eachUnitAnswersOnlyItsOwnAddress() {
            for (int unit : new int[] {1, 2, 3}) {
                assertThat(master.ask(unit, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2)))
                        .as("meter %d", unit).isPresent();
            }
            assertThat(master.ask(4, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2))).isEmpty();
            assertThat(master.ask(RELAYS, new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 8))).isPresent();
        }

        @Test
        void aBroadcastCoilWriteSwitchesTheBoardAndNobodyAnswers() {
            shed.plugIn(1, Bike.TYPICAL);
            assertThat(master.sendBytes(new RtuFrame(0, new ModbusPdu.WriteSingleCoil(0, true)).encode())).isEmpty();
            assertThat(shed.relayBoardOf(1).closed(1)).isTrue();
        }

        @Test
        void aFrameCutShortIsDroppedByEveryUnitAtLineSilenceAndTheNextIsAnswered() {
            byte[] frame = new RtuFrame(2, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2)).encode();
            assertThat(line.receive(frame, 0, 5)).isEmpty();
            assertThat(line.lineIdle()).isEmpty();
            assertThat(master.ask(2, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2))).isPresent();
        }

        @Test
        void readsOutsideABlockOrAcrossItsEndAreIllegalAddresses() {
            assertThat(master.askExpectingException(1, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2010, 2)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.askExpectingException(1, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x200E, 4)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.askExpectingException(1, new ModbusPdu.ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0x4000, 13)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.readRegisters(1, FunctionCode.READ_HOLDING_REGISTERS, 0x4000, 12)).hasSize(12);
            assertThat(master.readRegisters(1, FunctionCode.READ_HOLDING_REGISTERS, 0x200C, 2))
                    .as("a word of a block that holds no value reads 0").containsExactly(0, 0);
        }

        @Test
        void nothingIsWritableAndBitReadsAreNotAMetersFunction() {
            assertThat(master.askExpectingException(1, new ModbusPdu.WriteSingleRegister(0x2000, 1)))
                    .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            assertThat(master.askExpectingException(1, new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 1)))
                    .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
            assertThat(master.askExpectingException(1, new ModbusPdu.WriteSingleCoil(0, true)))
                    .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
        }

        @Test
        void aUnitThatAnswersOnlyOneReadFunctionRefusesTheOtherAsIllegal() {
            MeterShed only04 = new MeterShed(MeterShed.Layout.metersOnly(1, 1, ReadFunctions.INPUT_ONLY));
            LineMaster m4 = new LineMaster(only04.onLine(), 1);
            assertThat(m4.readRegisters(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2)).hasSize(2);
            assertThat(m4.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0x2000, 2)))
                    .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);

            MeterShed only03 = new MeterShed(MeterShed.Layout.metersOnly(1, 1, ReadFunctions.HOLDING_ONLY));
            LineMaster m3 = new LineMaster(only03.onLine(), 1);
            assertThat(m3.readRegisters(FunctionCode.READ_HOLDING_REGISTERS, 0x2000, 2)).hasSize(2);
            assertThat(m3.askExpectingException(new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2)))
                    .isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
        }
    }

    @Nested
    class Faults {

        @Test
        void aSilentMeterAnswersNothingWhileItsNeighboursAndTheBoardDo() {
            shed.silenceMeter(2, true);
            assertThat(master.ask(2, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2))).isEmpty();
            assertThat(master.ask(1, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS, 0x2000, 2))).isPresent();
            assertThat(master.ask(RELAYS, new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 8))).isPresent();
            shed.silenceRelays(true);
            assertThat(master.ask(RELAYS, new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, 8))).isEmpty();
        }

        @Test
        void aClearedMeterStartsAgainAtZeroAndAPresetOneCountsOnFromItsValue() {
            shed.presetMeter(1, 99_999.5);
            shed.startCharge(1, Bike.TYPICAL);
            advanceSeconds(3600);
            assertThat(kWh(1)).as("float32 keeps about 7 digits").isCloseTo(99_999.68, within(0.01));
            shed.resetMeter(1);
            assertThat(kWh(1)).isZero();
            advanceSeconds(3600);
            assertThat(kWh(1)).isCloseTo(0.180, within(0.001));
        }
    }

    @Test
    void unitsOfTheBoardsMayNotOverlapTheMeters() {
        assertThatThrownBy(() -> new MeterShed.Layout(1, 12, ReadFunctions.BOTH, 10, 8))
                .hasMessage("relay boards at units 10-11 would share addresses with the meters at 1-12; "
                        + "give the boards units of their own, e.g. 20");
        assertThatThrownBy(() -> new MeterShed.Layout(241, 8, ReadFunctions.BOTH, 0, 0))
                .hasMessageContaining("units are 1-247");
        assertThat(Arrays.stream(new int[] {1, 8, 9, 12}).map(s -> new MeterShed.Layout(1, 12, ReadFunctions.BOTH, 20, 8)
                .relayUnit(s)).toArray()).containsExactly(20, 20, 21, 21);
    }
}
