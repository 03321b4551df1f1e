package org.anju.firmware.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.SerialDeviceLink;
import org.anju.firmware.meter.MeterRegisterMap;
import org.anju.firmware.meter.MeterShed;
import org.anju.firmware.meter.ReadFunctions;
import org.anju.firmware.pile.Bike;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent Modbus master (Debian's mbpoll) reads a meter shed through a pty: three meters
 * and a relay board on one line, floats high word first ({@code -B}) with function 04 ({@code -t 3})
 * and 03 ({@code -t 4}).
 */
@Tag("peer")
class MbpollMeterShedInteropTest {
    private static final int RELAYS = 20;
    private static final Pattern VALUE = Pattern.compile("^\\[(\\d+)\\]:\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern SLAVE = Pattern.compile("^-- Polling slave (\\d+)", Pattern.MULTILINE);
    @TempDir
    Path dir;
    private SocatPtyPair line;
    private SerialDeviceLink link;
    private ScheduledExecutorService timer;

    private MeterShed attach(MeterShed.Layout layout) throws Exception {
        MeterShed shed = new MeterShed(layout);
        line = new SocatPtyPair(dir);
        timer = Executors.newSingleThreadScheduledExecutor();
        link = new SerialDeviceLink(line.deviceEnd(), 9600, shed.onLine(), LinePacing.atBaud(9600), 50_000_000L, timer);
        return shed;
    }

    @AfterEach
    void detach() throws Exception {
        if (link != null) {
            link.close();
            timer.shutdownNow();
            line.close();
        }
    }

    private record Result(int exit, String output) {
    }

    /** mbpoll with 0-based references, one poll, RTU 9600 8N1, plus the given arguments: a read. */
    private Result mbpoll(String... args) throws Exception {
        return mbpollWriting(null, args);
    }

    /** The same, writing {@code value} (values follow the device on mbpoll's command line). */
    private Result mbpollWriting(String value, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-0", "-1", "-o", "2"));
        command.addAll(List.of(args));
        command.add(line.masterEnd().toString());
        if (value != null) {
            command.add(value);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mbpoll did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Values by register, per slave polled (mbpoll prints a section per slave of an address list). */
    private static Map<Integer, Map<Integer, Double>> values(Result r) {
        Map<Integer, Map<Integer, Double>> bySlave = new LinkedHashMap<>();
        Matcher slaves = SLAVE.matcher(r.output());
        List<int[]> sections = new ArrayList<>();
        while (slaves.find()) {
            sections.add(new int[] {Integer.parseInt(slaves.group(1)), slaves.end()});
        }
        for (int i = 0; i < sections.size(); i++) {
            int end = i + 1 < sections.size() ? sections.get(i + 1)[1] : r.output().length();
            Matcher m = VALUE.matcher(r.output().substring(sections.get(i)[1], end));
            Map<Integer, Double> values = new LinkedHashMap<>();
            while (m.find()) {
                values.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
            }
            bySlave.put(sections.get(i)[0], values);
        }
        return bySlave;
    }

    private static String ref(int address) {
        return Integer.toString(address);
    }

    @Test
    void readsAMetersFloatsAlikeWithFunction04AndFunction03() throws Exception {
        MeterShed shed = attach(new MeterShed.Layout(1, 3, ReadFunctions.BOTH, RELAYS, 8));
        shed.startCharge(2, Bike.TYPICAL);
        shed.advance(Duration.ofMinutes(10));

        Result input = mbpoll("-a", "2", "-t", "3:float", "-B", "-r", ref(MeterRegisterMap.VOLTAGE), "-c", "8");
        Result holding = mbpoll("-a", "2", "-t", "4:float", "-B", "-r", ref(MeterRegisterMap.VOLTAGE), "-c", "8");
        Map<Integer, Double> v = values(input).get(2);
        assertThat(v).as(input.output()).hasSize(8);
        assertThat(values(holding).get(2)).as(holding.output()).isEqualTo(v);
        assertThat(v.get(MeterRegisterMap.VOLTAGE)).isBetween(225.0, 232.0);
        assertThat(v.get(MeterRegisterMap.POWER)).isEqualTo(0.18);
        assertThat(v.get(MeterRegisterMap.POWER_FACTOR)).isEqualTo(0.93);
        assertThat(v.get(MeterRegisterMap.CURRENT)).isCloseTo(0.18 / 0.93 * 1000 / v.get(MeterRegisterMap.VOLTAGE), within(1e-4));
        assertThat(v.get(MeterRegisterMap.REACTIVE_POWER)).isPositive();
        assertThat(v.get(MeterRegisterMap.FREQUENCY)).isEqualTo(50.0);

        Result energy = mbpoll("-a", "2", "-t", "3:float", "-B", "-r", ref(MeterRegisterMap.IMPORT_ENERGY), "-c", "1");
        assertThat(values(energy).get(2).get(MeterRegisterMap.IMPORT_ENERGY)).as(energy.output()).isCloseTo(0.030, within(0.0005));
    }

    @Test
    void pollsEveryMeterOfTheShedOnTheOneLineAndSwitchesASocketThroughTheRelayBoard() throws Exception {
        MeterShed shed = attach(new MeterShed.Layout(1, 3, ReadFunctions.BOTH, RELAYS, 8));
        shed.plugIn(1, Bike.TYPICAL);
        shed.plugIn(3, Bike.TYPICAL);

        Result on = mbpollWriting("1", "-a", Integer.toString(RELAYS), "-t", "0", "-r", "2");
        assertThat(on.exit()).as(on.output()).isZero();
        shed.advance(Duration.ofSeconds(10));

        Result power = mbpoll("-a", "1:3", "-t", "3:float", "-B", "-r", ref(MeterRegisterMap.POWER), "-c", "1");
        Map<Integer, Map<Integer, Double>> bySlave = values(power);
        assertThat(bySlave.keySet()).as(power.output()).containsExactly(1, 2, 3);
        assertThat(bySlave.get(1).get(MeterRegisterMap.POWER)).as("plugged, its relay open").isZero();
        assertThat(bySlave.get(2).get(MeterRegisterMap.POWER)).as("nothing plugged").isZero();
        assertThat(bySlave.get(3).get(MeterRegisterMap.POWER)).as("relay 3 closed by mbpoll").isEqualTo(0.18);

        Result coils = mbpoll("-a", Integer.toString(RELAYS), "-t", "0", "-r", "0", "-c", "8");
        assertThat(values(coils).get(RELAYS).values()).as(coils.output()).containsExactly(0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void readWithTheWrongWordOrderAMetersVoltageIsNoVoltageAtAll() throws Exception {
        attach(MeterShed.Layout.metersOnly(1, 1, ReadFunctions.BOTH));
        Result lowFirst = mbpoll("-a", "1", "-t", "3:float", "-r", ref(MeterRegisterMap.VOLTAGE), "-c", "1");
        assertThat(values(lowFirst).get(1).get(MeterRegisterMap.VOLTAGE)).as(lowFirst.output()).isNotCloseTo(230.0, within(100.0));
    }

    @Test
    void aMeterThatAnswersOnlyFunction04RefusesFunction03AsIllegal() throws Exception {
        attach(MeterShed.Layout.metersOnly(1, 1, ReadFunctions.INPUT_ONLY));
        Result holding = mbpoll("-a", "1", "-t", "4:float", "-B", "-r", ref(MeterRegisterMap.VOLTAGE), "-c", "1");
        assertThat(holding.output()).containsIgnoringCase("Illegal function");
        assertThat(values(holding).get(1)).isEmpty();
        Result input = mbpoll("-a", "1", "-t", "3:float", "-B", "-r", ref(MeterRegisterMap.VOLTAGE), "-c", "1");
        assertThat(values(input).get(1).get(MeterRegisterMap.VOLTAGE)).as(input.output()).isEqualTo(230.0);
    }
}
