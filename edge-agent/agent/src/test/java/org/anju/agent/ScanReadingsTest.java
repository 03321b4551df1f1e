package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.ValueReadable;
import org.anju.agent.charging.ValueUnreadable;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RegisterWords;
import org.junit.jupiter.api.Test;

/**
 * Scans of the meter-shed site's devices as the rules' readings: a relay board's coils and
 * cabinet temperature, a socket's meter with its channel, and a meter that sends NaN, which skips
 * its socket for that scan and is reported once, then again when it sends numbers.
 */
class ScanReadingsTest {
    private static final Instant T = Instant.parse("2026-03-15T08:00:00Z");
    private static final RegisterTable IR = RegisterTable.INPUT_REGISTER;

    private static ScanReadings shed() {
        LoadResult loaded = SiteLoader.load(Path.of("../../device-profiles/src/main/resources/sites/meter-shed.yaml"));
        assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadResult.Loaded.class);
        return new ScanReadings(ChargingPorts.of(((LoadResult.Loaded) loaded).site()));
    }

    /** meter-03's DDSU666 words: 229.8 V, 3.21 A, power as given (kW), 1234.56 kWh; the power read last. */
    private static RegisterWords ddsu666(int powerHigh, int powerLow) {
        return RegisterWords.builder()
                .put(IR, 0x4000, List.of(0x449A, 0x51EC))
                .put(IR, 0x200A, List.of(0x3F7E, 0xF9DB))
                .put(IR, 0x200E, List.of(0x4248, 0x0000))
                .put(IR, 0x2000, List.of(0x4365, 0xCCCD, 0x404D, 0x70A4, powerHigh, powerLow, 0x3D80, 0x346E)).build();
    }

    @Test
    void aBoardsScanGivesItsCabinetTemperatureAndTheChannelsItsMetersReadingsGoWith() {
        ScanReadings scans = shed();
        RegisterWords board = RegisterWords.builder()
                .putBits(RegisterTable.COIL, 0, List.of(false, false, true, false, false, false, false, false))
                .put(IR, 0, List.of(312)).build();
        ScanReadings.Scan b = scans.of("relays-a", board, T);
        assertThat(b.pile()).hasValueSatisfying(p -> {
            assertThat(p.pileId()).isEqualTo("relays-a");
            assertThat(p.temperatureC()).isCloseTo(31.2, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(b.ports()).as("a board's scan reads no meter").isEmpty();

        ScanReadings.Scan m = scans.of("meter-03", ddsu666(0x3F3C, 0x28F6), T);
        PortReading r = m.ports().get(0);
        assertThat(r.source()).isEqualTo("relays-a/3");
        assertThat(r.relayClosed()).isTrue();
        assertThat(r.watts()).isCloseTo(735.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.state()).isEqualTo(OcppStatus.CHARGING);
        assertThat(r.energyCounterWh()).isEqualTo(1_234_560L);
        assertThat(scans.temperature("relays-a")).isCloseTo(31.2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aMeterSendingNaNSkipsItsSocketAndIsReportedOnceThenAgainWhenItReadsAgain() {
        ScanReadings scans = shed();
        ScanReadings.Scan first = scans.of("meter-03", ddsu666(0x7FC0, 0x0000), T);
        assertThat(first.ports()).isEmpty();
        assertThat(first.notices()).singleElement().isInstanceOfSatisfying(ValueUnreadable.class, n -> {
            assertThat(n.source()).isEqualTo("relays-a/3");
            assertThat(n.device()).isEqualTo("meter-03");
            assertThat(n.detail()).contains("power reads NaN", "0x2004 = 7FC0 0000", "not judged");
        });
        assertThat(scans.of("meter-03", ddsu666(0x7FC0, 0x0000), T.plusSeconds(2)).notices()).as("once per episode").isEmpty();
        ScanReadings.Scan back = scans.of("meter-03", ddsu666(0x3F3C, 0x28F6), T.plusSeconds(4));
        assertThat(back.ports()).hasSize(1);
        assertThat(back.notices()).containsExactly(new ValueReadable("relays-a/3", "meter-03", T.plusSeconds(4)));
    }
}
