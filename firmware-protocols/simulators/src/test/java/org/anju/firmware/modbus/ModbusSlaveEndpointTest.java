package org.anju.firmware.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;
import org.junit.jupiter.api.Test;

class ModbusSlaveEndpointTest {
    private final ModbusSlaveEndpoint slave = new ModbusSlaveEndpoint(4, request ->
            Optional.of(new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(42))));

    @Test
    void aRequestBehindAFalseStartIsAnsweredWhenTheLineFallsSilent() {
        // noise that reads as the head of a 249-byte write keeps the decoder waiting for more bytes
        byte[] falseStart = {0x04, 0x10, 0x00, 0x00, 0x00, 0x78, (byte) 0xF0};
        byte[] request = new RtuFrame(4, ModbusPdu.ReadRequest.of(RegisterTable.HOLDING_REGISTER, 0, 1)).encode();
        assertThat(slave.receive(falseStart, 0, falseStart.length)).isEmpty();
        assertThat(slave.receive(request, 0, request.length)).isEmpty();

        List<byte[]> replies = slave.lineIdle();

        assertThat(replies).hasSize(1);
        List<RtuEvent> decoded = new RtuFrameDecoder(RtuFrameDecoder.Reads.RESPONSES).feed(replies.get(0));
        assertThat(decoded).containsExactly(new RtuEvent.Frame(4,
                new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(42))));
    }

    @Test
    void silenceAfterNothingHeldAnswersNothing() {
        assertThat(slave.lineIdle()).isEmpty();
    }
}
