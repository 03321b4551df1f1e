package org.anju.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadBitsResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRegistersResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;

/**
 * A Modbus RTU master for tests, on the same line as the simulated devices: it encodes request
 * frames, hands the bytes to the line and decodes whatever comes back the way a master's receiver
 * would, checking that each reply is one well-formed frame from the unit asked.
 */
public final class LineMaster {
    private final LineDevice line;
    private final int unit;

    /** A master whose requests go to {@code unit} unless another is named. */
    public LineMaster(LineDevice line, int unit) {
        this.line = line;
        this.unit = unit;
    }

    /** Raw bytes onto the line; every reply frame decoded. */
    public List<RtuEvent> sendBytes(byte[] bytes) {
        List<RtuEvent> events = new ArrayList<>();
        for (byte[] reply : line.receive(bytes, 0, bytes.length)) {
            RtuFrameDecoder decoder = new RtuFrameDecoder(RtuFrameDecoder.Reads.RESPONSES);
            List<RtuEvent> decoded = new ArrayList<>(decoder.feed(reply));
            decoded.addAll(decoder.flush());
            assertThat(decoded).as("one reply is exactly one well-formed frame").singleElement()
                    .isInstanceOf(RtuEvent.Frame.class);
            events.addAll(decoded);
        }
        return events;
    }

    /** The reply of the addressed unit to one request, or empty when the slave stays silent. */
    public Optional<ModbusPdu> ask(int toUnit, ModbusPdu.Request request) {
        List<RtuEvent> replies = sendBytes(new RtuFrame(toUnit, request).encode());
        assertThat(replies).as("replies to %s", request).hasSizeLessThanOrEqualTo(1);
        if (replies.isEmpty()) {
            return Optional.empty();
        }
        RtuEvent.Frame frame = (RtuEvent.Frame) replies.get(0);
        assertThat(frame.unit()).as("reply comes from the unit asked").isEqualTo(toUnit);
        return Optional.of(frame.pdu());
    }

    public Optional<ModbusPdu> ask(ModbusPdu.Request request) {
        return ask(unit, request);
    }

    public ModbusPdu ask(int toUnit, ModbusPdu.Request request, String what) {
        Optional<ModbusPdu> reply = ask(toUnit, request);
        assertThat(reply).as("reply of unit %d to %s (%s)", toUnit, request, what).isPresent();
        return reply.get();
    }

    /** Sends and expects an exception response; returns its code. */
    public ExceptionCode askExpectingException(ModbusPdu.Request request) {
        return askExpectingException(unit, request);
    }

    public ExceptionCode askExpectingException(int toUnit, ModbusPdu.Request request) {
        ModbusPdu reply = ask(toUnit, request, "an exception expected");
        assertThat(reply).as("reply to %s", request).isInstanceOf(ExceptionResponse.class);
        ExceptionResponse e = (ExceptionResponse) reply;
        assertThat(e.function()).isEqualTo(request.functionByte());
        return e.exception().orElseThrow();
    }

    public List<Boolean> readBits(FunctionCode function, int address, int quantity) {
        return readBits(unit, function, address, quantity);
    }

    public List<Boolean> readBits(int toUnit, FunctionCode function, int address, int quantity) {
        ModbusPdu reply = ask(toUnit, new ReadRequest(function, address, quantity), "read bits");
        assertThat(reply).as("reply to read %s %d+%d", function, address, quantity).isInstanceOf(ReadBitsResponse.class);
        return ((ReadBitsResponse) reply).first(quantity);
    }

    public List<Integer> readRegisters(FunctionCode function, int address, int quantity) {
        return readRegisters(unit, function, address, quantity);
    }

    public List<Integer> readRegisters(int toUnit, FunctionCode function, int address, int quantity) {
        ModbusPdu reply = ask(toUnit, new ReadRequest(function, address, quantity), "read registers");
        assertThat(reply).as("reply to read %s %d+%d", function, address, quantity)
                .isInstanceOf(ReadRegistersResponse.class);
        List<Integer> registers = ((ReadRegistersResponse) reply).registers();
        assertThat(registers).hasSize(quantity);
        return registers;
    }

    /** Writes a coil and checks the echo. */
    public void writeCoil(int toUnit, int address, boolean on) {
        ModbusPdu.WriteSingleCoil write = new ModbusPdu.WriteSingleCoil(address, on);
        assertThat(ask(toUnit, write, "write coil")).as("echo of %s", write).isEqualTo(write);
    }

    /** Writes a holding register and checks the echo. */
    public void writeRegister(int address, int value) {
        ModbusPdu.WriteSingleRegister write = new ModbusPdu.WriteSingleRegister(address, value);
        assertThat(ask(unit, write, "write register")).as("echo of %s", write).isEqualTo(write);
    }
}
