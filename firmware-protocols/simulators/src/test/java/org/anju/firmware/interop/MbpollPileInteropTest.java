package org.anju.firmware.interop;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.pile.PortState;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An independent Modbus master (Debian's mbpoll) reads and writes the pile simulator through a pty. */
@Tag("peer")
class MbpollPileInteropTest {
    private static final int UNIT = 3;
    private static final Pattern VALUE = Pattern.compile("^\\[(\\d+)\\]:\\s+(-?\\d+)", Pattern.MULTILINE);
    @TempDir
    Path dir;
    private SocatPtyPair line;
    private SerialDeviceLink link;
    private ScheduledExecutorService timer;
    private PileSimulator pile;

    @BeforeEach
    void attachPile() throws Exception {
        line = new SocatPtyPair(dir);
        pile = new PileSimulator(10, PileLimits.DEFAULTS);
        pile.plugIn(2, Bike.TYPICAL);
        pile.switchRelay(2, true);
        pile.advance(Duration.ofMinutes(1));
        timer = Executors.newSingleThreadScheduledExecutor();
        link = new SerialDeviceLink(line.deviceEnd(), 9600, pile.onLine(UNIT), LinePacing.atBaud(9600),
                50_000_000L, timer);
    }

    @AfterEach
    void detach() throws Exception {
        link.close();
        timer.shutdownNow();
        line.close();
    }

    private record Result(int exit, String output) {
    }

    /** mbpoll with 0-based references, one poll, RTU 9600 8N1, plus the given arguments. */
    private Result mbpoll(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-a", Integer.toString(UNIT), "-b",
                "9600", "-P", "none", "-0", "-1", "-o", "2"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mbpoll did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<Integer, Integer> values(Result result) {
        Map<Integer, Integer> values = new LinkedHashMap<>();
        Matcher m = VALUE.matcher(result.output());
        while (m.find()) {
            values.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return values;
    }

    @Test
    void readsRelayCoils() throws Exception {
        Result r = mbpoll("-t", "0", "-r", "0", "-c", "10", line.masterEnd().toString());
        assertThat(values(r)).as(r.output()).hasSize(10).containsEntry(1, 1).containsEntry(0, 0).containsEntry(9, 0);
    }

    @Test
    void readsAChargingPortsBlockOfInputRegisters() throws Exception {
        int block = PileRegisterMap.portBlock(2);
        Result r = mbpoll("-t", "3", "-r", Integer.toString(block), "-c", "9", line.masterEnd().toString());
        Map<Integer, Integer> v = values(r);
        assertThat(v).as(r.output()).hasSize(9);
        assertThat(v.get(block + PileRegisterMap.PORT_STATE)).isEqualTo(PortState.CHARGING.code());
        assertThat(v.get(block + PileRegisterMap.PORT_POWER)).isEqualTo(180);
        assertThat(v.get(block + PileRegisterMap.PORT_VOLTAGE)).isBetween(2200, 2310);
    }

    @Test
    void writesAHoldingRegisterTheFirmwareThenEnforces() throws Exception {
        Result w = mbpoll("-t", "4", "-r", Integer.toString(PileRegisterMap.HR_OVERLOAD_W),
                line.masterEnd().toString(), "150");
        assertThat(w.exit()).as(w.output()).isZero();
        pile.advance(Duration.ofSeconds(2));
        assertThat(pile.port(2).state()).isEqualTo(PortState.FAULTED);
    }

    @Test
    void getsIllegalDataAddressOutsideTheMap() throws Exception {
        Result r = mbpoll("-t", "3", "-r", "100", "-c", "1", line.masterEnd().toString());
        assertThat(r.output()).containsIgnoringCase("Illegal data address");
        assertThat(values(r)).isEmpty();
    }

    @Test
    void staysSilentForAnotherUnit() throws Exception {
        Process p = new ProcessBuilder("mbpoll", "-m", "rtu", "-a", Integer.toString(UNIT + 1), "-b", "9600", "-P",
                "none", "-0", "-1", "-o", "0.5", "-t", "3", "-r", "0", "-c", "1", line.masterEnd().toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).containsIgnoringCase("timed out");
        assertThat(VALUE.matcher(out).find()).isFalse();
    }
}
