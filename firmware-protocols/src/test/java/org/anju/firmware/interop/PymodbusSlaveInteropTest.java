package org.anju.firmware.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Anju codec as a master, against pymodbus (written by nobody here) as the slave, over a pty. */
class PymodbusSlaveInteropTest {
    private static final int UNIT = 7;
    @TempDir
    Path dir;
    private SocatPtyPair line;
    private Process slave;
    private RtuTestMaster master;

    @BeforeEach
    void startSlave() throws Exception {
        line = new SocatPtyPair(dir);
        Path script = Path.of("src/test/resources/interop/pymodbus_slave.py").toAbsolutePath();
        slave = new ProcessBuilder("/usr/bin/python3", script.toString(), line.deviceEnd().toString(),
                Integer.toString(UNIT)).redirectErrorStream(true).start();
        AtomicBoolean ready = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(slave.getInputStream(), StandardCharsets.UTF_8))) {
                String lineRead;
                while ((lineRead = out.readLine()) != null) {
                    if (lineRead.contains("READY")) {
                        ready.set(true);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the slave was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(20)).untilTrue(ready);
        master = new RtuTestMaster(line.masterEnd().toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (master != null) {
            master.close();
        }
        if (slave != null) {
            slave.destroy();
            slave.waitFor(5, TimeUnit.SECONDS);
        }
        line.close();
    }

    /** The slave opens its port a moment after printing READY; the first request may go unanswered. */
    private ModbusPdu ask(ModbusPdu.Request request) {
        ModbusPdu[] answer = new ModbusPdu[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<RtuEvent> events = master.request(new RtuFrame(UNIT, request), 1000);
            for (RtuEvent e : events) {
                if (e instanceof RtuEvent.Frame f) {
                    assertThat(f.unit()).isEqualTo(UNIT);
                    answer[0] = f.pdu();
                    return true;
                }
            }
            return false;
        });
        return answer[0];
    }

    @Test
    void readsHoldingAndInputRegisters() {
        assertThat(ask(ModbusPdu.ReadRequest.of(RegisterTable.HOLDING_REGISTER, 2, 3)))
                .isEqualTo(new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(102, 103, 104)));
        assertThat(ask(ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, 0, 10)))
                .isEqualTo(new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS,
                        List.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 209)));
    }

    @Test
    void readsCoilsAndWritesThem() {
        var coils = (ModbusPdu.ReadBitsResponse) ask(ModbusPdu.ReadRequest.of(RegisterTable.COIL, 0, 4));
        assertThat(coils.first(4)).containsExactly(true, false, true, false);

        assertThat(ask(new ModbusPdu.WriteSingleCoil(1, true))).isEqualTo(new ModbusPdu.WriteSingleCoil(1, true));
        var after = (ModbusPdu.ReadBitsResponse) ask(ModbusPdu.ReadRequest.of(RegisterTable.COIL, 0, 4));
        assertThat(after.first(4)).containsExactly(true, true, true, false);
    }

    @Test
    void writesMultipleRegistersAndReadsThemBack() {
        assertThat(ask(new ModbusPdu.WriteMultipleRegisters(4, List.of(0xBEEF, 7))))
                .isEqualTo(new ModbusPdu.WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_REGISTERS, 4, 2));
        assertThat(ask(ModbusPdu.ReadRequest.of(RegisterTable.HOLDING_REGISTER, 4, 2)))
                .isEqualTo(new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(0xBEEF, 7)));
    }

    @Test
    void decodesTheSlavesExceptionForAnAddressOutsideItsMap() {
        var answer = ask(ModbusPdu.ReadRequest.of(RegisterTable.HOLDING_REGISTER, 500, 2));
        assertThat(answer).isInstanceOf(ModbusPdu.ExceptionResponse.class);
        assertThat(((ModbusPdu.ExceptionResponse) answer).exception()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
}
