package org.anju.firmware.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.testing.PythonPeer;
import org.anju.testing.RtuTestMaster;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Anju codec as a master, against pymodbus (written by nobody here) as the slave, over a pty. */
@Tag("peer")
class PymodbusSlaveInteropTest {
    private static final int UNIT = 7;
    @TempDir
    Path dir;
    private SocatPtyPair line;
    private PythonPeer slave;
    private RtuTestMaster master;

    @BeforeEach
    void startSlave() throws Exception {
        line = new SocatPtyPair(dir);
        slave = PythonPeer.start("src/test/resources/interop/pymodbus_slave.py", line.deviceEnd().toString(),
                Integer.toString(UNIT));
        master = new RtuTestMaster(line.masterEnd().toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (master != null) {
            master.close();
        }
        if (slave != null) {
            slave.close();
        }
        line.close();
    }

    private ModbusPdu ask(ModbusPdu.Request request) {
        return master.ask(UNIT, request);
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
