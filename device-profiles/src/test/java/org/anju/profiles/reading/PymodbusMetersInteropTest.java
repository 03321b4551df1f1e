package org.anju.profiles.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.testing.PythonPeer;
import org.anju.testing.RtuTestMaster;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meters nobody here wrote: a python3-pymodbus slave emulating a Chint DDSU666 (both function
 * codes) and two Hiking DDS238-2 from their public maps, on one pty line, polled by the Anju codec
 * with exactly the reads of the shipped profiles and decoded by the profile decoder.
 */
@Tag("peer")
class PymodbusMetersInteropTest {
    // one line and one slave for the class: nothing here writes to the meters
    @TempDir
    static Path dir;
    private static SocatPtyPair line;
    private static PythonPeer meters;
    private static RtuTestMaster master;

    @BeforeAll
    static void startMeters() throws Exception {
        line = new SocatPtyPair(dir);
        meters = PythonPeer.start("src/test/resources/interop/pymodbus_meters.py", line.deviceEnd().toString());
        master = new RtuTestMaster(line.masterEnd().toString());
    }

    @AfterAll
    static void stop() {
        if (master != null) {
            master.close();
        }
        if (meters != null) {
            meters.close();
        }
        line.close();
    }

    private static PortValues poll(String profileId, int unit) {
        EnergyMeterProfile meter = ProfileCatalog.shipped().catalog().find(profileId, EnergyMeterProfile.class).orElseThrow();
        PortDecoding decoding = PortDecoder.of(meter).decode(ProfilePoll.poll(meter.reads(), r -> master.ask(unit, r)));
        assertThat(decoding).as("%s at unit %d; the slave said: %s", profileId, unit, meters.output())
                .isInstanceOf(PortDecoding.Read.class);
        return ((PortDecoding.Read) decoding).values();
    }

    @Test
    void aDdsu666ReadWithFunction04AndWithFunction03GivesItsPublicMapsValuesInWattsAndWattHours() {
        for (String profile : new String[] {"chint-ddsu666", "chint-ddsu666-fc03"}) {
            PortValues v = poll(profile, 1);
            assertThat(v.volts().getAsDouble()).as(profile).isCloseTo(229.8, within(1e-4));
            assertThat(v.amps().getAsDouble()).as(profile).isCloseTo(3.21, within(1e-6));
            assertThat(v.watts()).as(profile).isCloseTo(735.0, within(1e-3));
            assertThat(v.reactiveVar().getAsDouble()).as(profile).isCloseTo(62.6, within(1e-3));
            assertThat(v.powerFactor().getAsDouble()).as(profile).isCloseTo(0.996, within(1e-6));
            assertThat(v.hertz().getAsDouble()).as(profile).isEqualTo(50.0);
            assertThat(v.energy().asU32Wh()).as(profile).isEqualTo(1_234_560L);
            assertThat(v.unreadable()).isEmpty();
        }
    }

    @Test
    void theDdsu666ProfileReadsNoAddressTheMeterDoesNotHave() {
        // 0x200C holds no value in the public map and the emulated meter refuses it, as strict units do
        var hole = master.ask(1, ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, 0x2000, 16));
        assertThat(hole).isInstanceOf(ModbusPdu.ExceptionResponse.class);
        assertThat(((ModbusPdu.ExceptionResponse) hole).exception()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(poll("chint-ddsu666", 1).watts()).isCloseTo(735.0, within(1e-3));
    }

    @Test
    void aDds2382sScaledRegistersComeOutInTheRulesUnitsAndBackflowReadsNegative() {
        PortValues v = poll("hiking-dds238-2", 2);
        assertThat(v.volts().getAsDouble()).isCloseTo(229.8, within(1e-9));
        assertThat(v.amps().getAsDouble()).isCloseTo(3.21, within(1e-9));
        assertThat(v.watts()).isEqualTo(735.0);
        assertThat(v.reactiveVar().getAsDouble()).isEqualTo(63.0);
        assertThat(v.powerFactor().getAsDouble()).isCloseTo(0.996, within(1e-9));
        assertThat(v.hertz().getAsDouble()).isCloseTo(50.0, within(1e-9));
        assertThat(v.energy()).isEqualTo(new EnergyCounter(1_234_560.0, 42_949_672_960.0));

        PortValues back = poll("hiking-dds238-2", 3);
        assertThat(back.watts()).isEqualTo(-288.0);
        assertThat(back.reactiveVar().getAsDouble()).isEqualTo(-20.0);
    }
}
