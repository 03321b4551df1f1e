package org.anju.profiles.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.anju.firmware.meter.Dds238RegisterMap;
import org.anju.firmware.meter.MeterReading;
import org.anju.firmware.meter.MeterRegisterMap;
import org.anju.firmware.meter.MeterShed;
import org.anju.firmware.meter.ReadFunctions;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.pile.PortState;
import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RegisterWords;
import org.anju.protocol.modbus.WordOrder;
import org.anju.testing.LineMaster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped profiles of the reference firmware, polled the way the gateway polls and decoded by
 * the profile decoder: a pile's port and a meter shed's socket come out as the simulators' own
 * physics says, so profile, decoder and firmware cannot drift apart.
 */
class ReferenceFirmwareDecodeTest {

    private static <P extends org.anju.profiles.model.Profile> P profile(String id, Class<P> type) {
        return ProfileCatalog.shipped().catalog().find(id, type).orElseThrow();
    }

    private static PortValues read(PortDecoding decoding) {
        assertThat(decoding).isInstanceOf(PortDecoding.Read.class);
        return ((PortDecoding.Read) decoding).values();
    }

    @ParameterizedTest
    @CsvSource({"chint-ddsu666, INPUT_REGISTER", "chint-ddsu666-fc03, HOLDING_REGISTER"})
    void theDdsu666ProfilesAreTheReferenceMetersMapReadWithTheirFunction(String id, RegisterTable table) {
        EnergyMeterProfile meter = profile(id, EnergyMeterProfile.class);
        Map<String, RegisterSpec> map = MeterRegisterMap.registers().stream()
                .collect(Collectors.toMap(RegisterSpec::name, Function.identity()));
        for (RegisterSpec s : meter.registers().values()) {
            RegisterSpec ref = map.get(s.name());
            assertThat(ref).as("the reference meter has %s", s.name()).isNotNull();
            assertThat(s.table()).as(s.name()).isEqualTo(table);
            assertThat(s.address()).as(s.name()).isEqualTo(ref.address());
            assertThat(s.type()).as(s.name()).isEqualTo(DataType.FLOAT32);
            assertThat(s.order()).as(s.name()).isEqualTo(WordOrder.HIGH_FIRST);
            assertThat(s.scale()).as("%s in %s scaled to %s", s.name(), ref.unit(), s.unit())
                    .isEqualTo(ref.unit().startsWith("k") ? 1000.0 : 1.0);
        }
        assertThat(meter.registers()).containsKeys("power", "energy", "reactivePower", "voltage", "current");
    }

    @ParameterizedTest
    @CsvSource({"chint-ddsu666, INPUT_ONLY", "chint-ddsu666-fc03, HOLDING_ONLY", "chint-ddsu666, BOTH"})
    void aShedSocketPolledByItsProfileIsWhatItsMeterMeasures(String id, ReadFunctions functions) {
        MeterShed shed = new MeterShed(new MeterShed.Layout(1, 2, functions, 20, 8));
        LineMaster master = new LineMaster(shed.onLine(), 2);
        shed.startCharge(2, Bike.TYPICAL);
        shed.advance(Duration.ofHours(1));
        EnergyMeterProfile meter = profile(id, EnergyMeterProfile.class);

        PortValues v = read(PortDecoder.of(meter).decode(ProfilePoll.poll(meter.reads(), r -> master.ask(2, r, "poll"))));
        MeterReading truth = shed.reading(2);
        assertThat(v.watts()).isCloseTo(truth.watts(), within(1e-3));
        assertThat(v.volts().getAsDouble()).isCloseTo(truth.volts(), within(1e-4));
        assertThat(v.amps().getAsDouble()).isCloseTo(truth.amps(), within(1e-6));
        assertThat(v.reactiveVar().getAsDouble()).isCloseTo(truth.reactiveVar(), within(1e-3));
        assertThat(v.powerFactor().getAsDouble()).isCloseTo(truth.powerFactor(), within(1e-6));
        assertThat(v.hertz().getAsDouble()).isEqualTo(truth.hertz());
        assertThat(v.energy().wh()).isCloseTo(truth.importWh(), within(0.1));
        assertThat(v.energy().asU32Wh()).isEqualTo((long) Math.floor(truth.importWh()));
    }

    @Test
    void aShedsDds238SocketPolledByTheHikingProfileIsWhatItsMeterMeasures() {
        MeterShed shed = new MeterShed(new MeterShed.Layout(1, 12, ReadFunctions.INPUT_ONLY, 20, 8)).withDds238(9, 12);
        LineMaster master = new LineMaster(shed.onLine(), 10);
        shed.presetMeter(10, 1234.5);
        shed.startCharge(10, Bike.TYPICAL);
        shed.advance(Duration.ofMinutes(30));
        EnergyMeterProfile meter = profile("hiking-dds238-2", EnergyMeterProfile.class);
        Map<String, RegisterSpec> map = Dds238RegisterMap.registers().stream()
                .collect(Collectors.toMap(RegisterSpec::name, Function.identity()));
        for (RegisterSpec s : meter.registers().values()) {
            RegisterSpec ref = map.get(s.name());
            assertThat(List.of(s.table(), s.address(), s.type())).as(s.name()).isEqualTo(List.of(ref.table(), ref.address(), ref.type()));
            assertThat(s.scale()).as(s.name()).isEqualTo(ref.unit().equals("kWh") ? ref.scale() * 1000 : ref.scale());
        }

        PortValues v = read(PortDecoder.of(meter).decode(ProfilePoll.poll(meter.reads(), r -> master.ask(10, r, "poll"))));
        MeterReading truth = shed.reading(10);
        assertThat(v.watts()).isEqualTo((double) Math.round(truth.watts()));
        assertThat(v.volts().getAsDouble()).isCloseTo(truth.volts(), within(0.05));
        assertThat(v.amps().getAsDouble()).isCloseTo(truth.amps(), within(0.005));
        assertThat(v.energy().wh()).as("a count of 10 Wh").isEqualTo(Math.floor(truth.importWh() / 10) * 10);
        assertThat(v.energy().keepsStepsAsU32()).isTrue();
        assertThat(master.ask(10, ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, 0, 2), "04"))
                .as("a DDS238-2 answers function 03 only, whatever the shed's DDSU666s do")
                .isInstanceOf(ModbusPdu.ExceptionResponse.class);
    }

    @Test
    void theRelayBoardProfilesReadTheChannelThatSwitchesASocketAndTheCabinetTemperature() {
        MeterShed shed = new MeterShed(new MeterShed.Layout(1, 12, ReadFunctions.BOTH, 20, 8));
        LineMaster master = new LineMaster(shed.onLine(), 21);
        shed.startCharge(11, Bike.TYPICAL);
        for (String id : List.of("modbus-relay-8", "modbus-relay-8-temp")) {
            RelayBoardProfile relays = profile(id, RelayBoardProfile.class);
            RegisterWords words = ProfilePoll.poll(relays.reads(), r -> master.ask(21, r, "poll"));
            assertThat(RegisterDecoding.flag(relays.relayOf(3), words)).isEqualTo(new Decoded.Value<>(true));
            assertThat(RegisterDecoding.flag(relays.relayOf(4), words)).isEqualTo(new Decoded.Value<>(false));
        }
        assertThat(shed.relayBoardOf(11)).isInstanceOf(RelayBoardSimulator.class);

        RelayBoardProfile withTemperature = profile("modbus-relay-8-temp", RelayBoardProfile.class);
        RegisterSpec firmware = RelayBoardSimulator.registers().stream()
                .filter(r -> r.name().equals("cabinetTemperature")).findFirst().orElseThrow();
        RegisterSpec mapped = withTemperature.temperature().orElseThrow();
        assertThat(List.of(mapped.table(), mapped.address(), mapped.type(), mapped.scale(), mapped.unit()))
                .as("the profile reads the board's own temperature input")
                .isEqualTo(List.of(firmware.table(), firmware.address(), firmware.type(), firmware.scale(), firmware.unit()));
        RegisterWords words = ProfilePoll.poll(withTemperature.reads(), r -> master.ask(21, r, "poll"));
        assertThat(RegisterDecoding.measure(mapped, words)).isEqualTo(new Decoded.Value<>(25.0));
        assertThat(profile("modbus-relay-8", RelayBoardProfile.class).temperature())
                .as("a plain board has no temperature input to read").isEmpty();
    }

    @Test
    void aPilesPortGoesThroughTheSameDecoderAsASocket() {
        PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
        LineMaster master = new LineMaster(pile.onLine(3), 3);
        ChargingPileProfile profile = profile("anju-ref-pile-10", ChargingPileProfile.class);
        pile.plugIn(4, Bike.TYPICAL);
        pile.switchRelay(4, true);
        pile.advance(Duration.ofMinutes(30));
        RegisterWords words = ProfilePoll.poll(profile.reads(), r -> master.ask(3, r, "poll"));

        PortValues v = read(PortDecoder.of(profile, 4).decode(words));
        PileSimulator.PortSnapshot truth = pile.port(4);
        assertThat(v.watts()).isEqualTo(180.0);
        assertThat(v.energy().asU32Wh()).isEqualTo((long) Math.floor(truth.energyWh()));
        assertThat(v.energy().wrapsAtWh()).as("the pile's u32 Wh counter").isEqualTo(4_294_967_296.0);
        assertThat(v.volts().getAsDouble()).isCloseTo(truth.volts(), within(0.05));
        assertThat(v.relayClosed()).contains(true);
        assertThat(v.plugged()).contains(true);
        assertThat(v.stateCode()).hasValue(PortState.CHARGING.code());
        assertThat(read(PortDecoder.of(profile, 5).decode(words)).stateCode()).hasValue(PortState.AVAILABLE.code());

        PileValues pileValues = PileDecoder.of(profile).decode(words);
        assertThat(pileValues.temperatureC().getAsDouble()).isBetween(25.0, 28.0);
        assertThat(pileValues.smoke()).contains(false);
        assertThat(pileValues.alarmBits()).hasValue(0);
    }
}
