package org.anju.profiles.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RegisterWords;
import org.anju.protocol.modbus.WordOrder;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.protocol.pile.PortState;
import org.junit.jupiter.api.Test;

/**
 * Golden words of the two shipped meters' public maps, decoded by their shipped profiles, and what
 * a glitching meter sends. The float words were computed independently (Python's struct).
 */
class PortDecoderTest {
    private static final RegisterTable IR = RegisterTable.INPUT_REGISTER;
    private static final RegisterTable HR = RegisterTable.HOLDING_REGISTER;

    private static EnergyMeterProfile meter(String id) {
        return ProfileCatalog.shipped().catalog().find(id, EnergyMeterProfile.class).orElseThrow();
    }

    /** A DDSU666 poll: U 229.8 V, I 3.21 A, P 0.735 kW, Q 0.0626 kvar, PF 0.996, F 50 Hz, 1234.56 kWh. */
    private static RegisterWords.Builder ddsu666(RegisterTable table) {
        return RegisterWords.builder()
                .put(table, 0x2000, List.of(0x4365, 0xCCCD, 0x404D, 0x70A4, 0x3F3C, 0x28F6, 0x3D80, 0x346E))
                .put(table, 0x200A, List.of(0x3F7E, 0xF9DB))
                .put(table, 0x200E, List.of(0x4248, 0x0000))
                .put(table, 0x4000, List.of(0x449A, 0x51EC));
    }

    private static PortValues read(PortDecoding decoding) {
        assertThat(decoding).isInstanceOf(PortDecoding.Read.class);
        return ((PortDecoding.Read) decoding).values();
    }

    @Test
    void aDdsu666sFloatsComeOutInTheUnitsTheRulesCompare() {
        PortValues v = read(PortDecoder.of(meter("chint-ddsu666")).decode(ddsu666(IR).build()));
        assertThat(v.watts()).isCloseTo(735.0, within(1e-3));
        assertThat(v.volts().getAsDouble()).isCloseTo(229.8, within(1e-4));
        assertThat(v.amps().getAsDouble()).isCloseTo(3.21, within(1e-6));
        assertThat(v.reactiveVar().getAsDouble()).isCloseTo(62.6, within(1e-3));
        assertThat(v.powerFactor().getAsDouble()).isCloseTo(0.996, within(1e-6));
        assertThat(v.hertz().getAsDouble()).isEqualTo(50.0);
        assertThat(v.energy().wh()).isCloseTo(1_234_560.0, within(0.1));
        assertThat(v.energy().asU32Wh()).isEqualTo(1_234_560L);
        assertThat(v.energy().wraps()).as("a float counter never wraps").isFalse();
        assertThat(v.relayClosed()).as("a socket's relay is on the relay board").isEmpty();
        assertThat(v.plugged()).isEmpty();
        assertThat(v.unreadable()).isEmpty();
    }

    @Test
    void theFunction03ProfileReadsTheSameWordsFromTheHoldingRegisters() {
        PortValues v04 = read(PortDecoder.of(meter("chint-ddsu666")).decode(ddsu666(IR).build()));
        PortValues v03 = read(PortDecoder.of(meter("chint-ddsu666-fc03")).decode(ddsu666(HR).build()));
        assertThat(v03).isEqualTo(v04);
        assertThat(PortDecoder.of(meter("chint-ddsu666-fc03")).decode(ddsu666(IR).build()))
                .as("input registers are not what the 03 profile reads")
                .isEqualTo(new PortDecoding.NotRead(List.of("power", "energy")));
    }

    @Test
    void aDds2382sScaledIntegersAndSignedPowerComeOutAsTheMeterMeansThem() {
        RegisterWords words = RegisterWords.builder()
                .put(HR, 0x0000, List.of(0x0001, 0xE240))
                .put(HR, 0x000C, List.of(2298, 321, 0xFEE0, 0xFFEC, 996, 5000)).build();
        PortValues v = read(PortDecoder.of(meter("hiking-dds238-2")).decode(words));
        assertThat(v.watts()).as("power flowing back reads negative, as the meter sends it").isEqualTo(-288.0);
        assertThat(v.reactiveVar().getAsDouble()).isEqualTo(-20.0);
        assertThat(v.volts().getAsDouble()).isCloseTo(229.8, within(1e-9));
        assertThat(v.amps().getAsDouble()).isCloseTo(3.21, within(1e-9));
        assertThat(v.powerFactor().getAsDouble()).isCloseTo(0.996, within(1e-9));
        assertThat(v.hertz().getAsDouble()).isCloseTo(50.0, within(1e-9));
        assertThat(v.energy()).isEqualTo(new EnergyCounter(1_234_560.0, 42_949_672_960.0));
        assertThat(v.energy().keepsStepsAsU32()).isTrue();
    }

    @Test
    void aDds2382CounterPassingItsTopStepsForwardInTheGatewaysCounter() {
        PortDecoder decoder = PortDecoder.of(meter("hiking-dds238-2"));
        long top = read(decoder.decode(dds238Energy(0xFFFF, 0xFFFF))).energy().asU32Wh();
        long after = read(decoder.decode(dds238Energy(0x0000, 0x0000))).energy().asU32Wh();
        assertThat(Math.floorMod(after - top, 1L << 32)).as("one count of 10 Wh, across the meter's wrap").isEqualTo(10L);
    }

    private static RegisterWords dds238Energy(int high, int low) {
        return RegisterWords.builder().put(HR, 0x0000, List.of(high, low)).put(HR, 0x000C, List.of(2300, 0, 0, 0, 1000, 5000)).build();
    }

    @Test
    void aMeterSendingNaNForPowerIsAFaultyReadingNamedWithItsWords() {
        RegisterWords words = ddsu666(IR).put(IR, 0x2004, List.of(0x7FC0, 0x0000)).build();
        assertThat(PortDecoder.of(meter("chint-ddsu666")).decode(words)).isEqualTo(new PortDecoding.Invalid("power",
                "power reads NaN (input register 0x2004 = 7FC0 0000): the device sent no number"));
    }

    @Test
    void aNegativeOrInfiniteEnergyCounterIsNoCounter() {
        RegisterWords negative = ddsu666(IR).put(IR, 0x4000, List.of(0xC2C8, 0x0000)).build();
        assertThat(PortDecoder.of(meter("chint-ddsu666")).decode(negative)).isEqualTo(new PortDecoding.Invalid("energy",
                "energy reads -100.0 (input register 0x4000 = C2C8 0000): a counter is a number of 0 or more"));
        RegisterWords infinite = ddsu666(IR).put(IR, 0x4000, List.of(0x7F80, 0x0000)).build();
        assertThat(PortDecoder.of(meter("chint-ddsu666")).decode(infinite)).isInstanceOf(PortDecoding.Invalid.class);
    }

    @Test
    void aBadOptionalValueIsNotedAndTheRestOfThePortStillCounts() {
        RegisterWords words = ddsu666(IR).put(IR, 0x200E, List.of(0xFFC0, 0x0000)).build();
        PortValues v = read(PortDecoder.of(meter("chint-ddsu666")).decode(words));
        assertThat(v.hertz()).isEmpty();
        assertThat(v.unreadable()).containsExactly("frequency reads NaN (input register 0x200E = FFC0 0000): the device sent no number");
        assertThat(v.watts()).isCloseTo(735.0, within(1e-3));
    }

    @Test
    void aPollThatMissedTheEnergyReadGivesNoReadingRatherThanAPartOne() {
        RegisterWords words = RegisterWords.builder()
                .put(IR, 0x2000, List.of(0x4365, 0xCCCD, 0x404D, 0x70A4, 0x3F3C, 0x28F6, 0x3D80, 0x346E)).build();
        assertThat(PortDecoder.of(meter("chint-ddsu666")).decode(words)).isEqualTo(new PortDecoding.NotRead(List.of("energy")));
    }

    @Test
    void integerCountersAreReadUnsignedAndSayWhereTheyWrap() {
        RegisterSpec s32 = new RegisterSpec("energy", HR, 0, DataType.S32, WordOrder.LOW_FIRST, 1, "Wh", "");
        RegisterWords allOnes = RegisterWords.builder().put(HR, 0, List.of(0xFFFF, 0xFFFF)).build();
        assertThat(RegisterDecoding.counter(s32, allOnes))
                .isEqualTo(new Decoded.Value<>(new EnergyCounter(4_294_967_295.0, 4_294_967_296.0)));
        RegisterSpec u16 = new RegisterSpec("energy", HR, 0, DataType.U16, WordOrder.HIGH_FIRST, 10, "Wh", "");
        EnergyCounter small = ((Decoded.Value<EnergyCounter>) RegisterDecoding.counter(u16,
                RegisterWords.builder().put(HR, 0, List.of(65535)).build())).value();
        assertThat(small).isEqualTo(new EnergyCounter(655_350.0, 655_360.0));
        assertThat(small.keepsStepsAsU32()).as("a 16-bit wrap looks like a restart in a 32-bit counter").isFalse();
    }

    @Test
    void aLowFirstFloatReadsItsWordsTheOtherWayRound() {
        RegisterSpec lowFirst = new RegisterSpec("voltage", IR, 0x0100, DataType.FLOAT32, WordOrder.LOW_FIRST, 1, "V", "");
        RegisterWords words = RegisterWords.builder().put(IR, 0x0100, List.of(0xCCCD, 0x4365)).build();
        assertThat(RegisterDecoding.measure(lowFirst, words)).isEqualTo(new Decoded.Value<>((double) 229.8f));
    }

    private static ChargingPileProfile referencePile() {
        return ProfileCatalog.shipped().catalog().find("anju-ref-pile-10", ChargingPileProfile.class).orElseThrow();
    }

    /** Port 1's block of the reference pile (PileRegisterMap), its relay coil and plug input. */
    private static RegisterWords.Builder pilePort1(int state, int cutReason, int energyHigh, int energyLow) {
        return RegisterWords.builder()
                .put(IR, PileRegisterMap.portBlock(1), List.of(state, cutReason, 2301, 78, 180, energyHigh, energyLow, 0, 1200))
                .putBits(RegisterTable.COIL, PileRegisterMap.relayCoil(1), List.of(true))
                .putBits(RegisterTable.DISCRETE_INPUT, PileRegisterMap.plugInput(1), List.of(true));
    }

    @Test
    void aReferencePilesPortDecodesByItsProfileWithTheCodesAsTheFirmwareSentThem() {
        PortValues v = read(PortDecoder.of(referencePile(), 1).decode(pilePort1(PortState.CHARGING.code(),
                CutReason.NONE.code(), 0x0001, 0x0002).build()));
        assertThat(v.watts()).isEqualTo(180.0);
        assertThat(v.volts().getAsDouble()).isCloseTo(230.1, within(1e-9));
        assertThat(v.amps().getAsDouble()).isCloseTo(0.78, within(1e-9));
        assertThat(v.energy()).isEqualTo(new EnergyCounter(65_538.0, 4_294_967_296.0));
        assertThat(v.relayClosed()).contains(true);
        assertThat(v.plugged()).contains(true);
        assertThat(v.stateCode()).hasValue(PortState.CHARGING.code());
        assertThat(v.cutReasonCode()).hasValue(CutReason.NONE.code());
    }

    @Test
    void codesNoFirmwareShouldSendAreHandedOnUnmappedAndTheCounterAtItsTopIsStillACounter() {
        PortValues v = read(PortDecoder.of(referencePile(), 1).decode(pilePort1(99, 77, 0xFFFF, 0xFFFF).build()));
        assertThat(v.stateCode()).as("what the code means is the gateway's to judge").hasValue(99);
        assertThat(v.cutReasonCode()).hasValue(77);
        assertThat(v.energy().asU32Wh()).isEqualTo(4_294_967_295L);
    }

    @Test
    void aPilesTemperatureBelowZeroDecodesAsSigned() {
        RegisterWords words = RegisterWords.builder()
                .put(IR, 0, List.of(0xFF9C, 0x0104, 10, 0)) // -10.0 degC, firmware 1.4, 10 ports, no alarm
                .putBits(RegisterTable.DISCRETE_INPUT, PileRegisterMap.DI_SMOKE, List.of(false)).build();
        PileValues v = PileDecoder.of(referencePile()).decode(words);
        assertThat(v.temperatureC().getAsDouble()).isEqualTo(-10.0);
        assertThat(v.smoke()).contains(false);
        assertThat(v.alarmBits()).hasValue(0);
        assertThat(v.unreadable()).isEmpty();
    }
}
