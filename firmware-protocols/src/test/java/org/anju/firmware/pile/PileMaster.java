package org.anju.firmware.pile;

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
 * A Modbus RTU master for tests, on the same line as a pile: it encodes request frames, hands the
 * bytes to the line device and decodes whatever comes back the way a master's receiver would.
 */
final class PileMaster {
    private final LineDevice line;
    private final int unit;

    PileMaster(LineDevice line, int unit) {
        this.line = line;
        this.unit = unit;
    }

    /** Raw bytes onto the line; every reply frame decoded. */
    List<RtuEvent> sendBytes(byte[] bytes) {
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
    Optional<ModbusPdu> ask(int toUnit, ModbusPdu.Request request) {
        List<RtuEvent> replies = sendBytes(new RtuFrame(toUnit, request).encode());
        assertThat(replies).as("replies to %s", request).hasSizeLessThanOrEqualTo(1);
        if (replies.isEmpty()) {
            return Optional.empty();
        }
        RtuEvent.Frame frame = (RtuEvent.Frame) replies.get(0);
        assertThat(frame.unit()).as("reply comes from the unit asked").isEqualTo(toUnit);
        return Optional.of(frame.pdu());
    }

    ModbusPdu ask(ModbusPdu.Request request) {
        Optional<ModbusPdu> reply = ask(unit, request);
        assertThat(reply).as("reply to %s", request).isPresent();
        return reply.get();
    }

    /** Sends and expects an exception response; returns its code. */
    ExceptionCode askExpectingException(ModbusPdu.Request request) {
        ModbusPdu reply = ask(request);
        assertThat(reply).as("reply to %s", request).isInstanceOf(ExceptionResponse.class);
        ExceptionResponse e = (ExceptionResponse) reply;
        assertThat(e.function()).isEqualTo(request.functionByte());
        return e.exception().orElseThrow();
    }

    List<Boolean> readBits(FunctionCode function, int address, int quantity) {
        ModbusPdu reply = ask(new ReadRequest(function, address, quantity));
        assertThat(reply).as("reply to read %s %d+%d", function, address, quantity).isInstanceOf(ReadBitsResponse.class);
        return ((ReadBitsResponse) reply).first(quantity);
    }

    List<Integer> readRegisters(FunctionCode function, int address, int quantity) {
        ModbusPdu reply = ask(new ReadRequest(function, address, quantity));
        assertThat(reply).as("reply to read %s %d+%d", function, address, quantity)
                .isInstanceOf(ReadRegistersResponse.class);
        List<Integer> registers = ((ReadRegistersResponse) reply).registers();
        assertThat(registers).hasSize(quantity);
        return registers;
    }

    boolean relay(int port) {
        return readBits(FunctionCode.READ_COILS, PileRegisterMap.relayCoil(port), 1).get(0);
    }

    boolean plugged(int port) {
        return readBits(FunctionCode.READ_DISCRETE_INPUTS, PileRegisterMap.plugInput(port), 1).get(0);
    }

    boolean smokeInput() {
        return readBits(FunctionCode.READ_DISCRETE_INPUTS, PileRegisterMap.DI_SMOKE, 1).get(0);
    }

    boolean overTemperatureInput() {
        return readBits(FunctionCode.READ_DISCRETE_INPUTS, PileRegisterMap.DI_OVER_TEMPERATURE, 1).get(0);
    }

    int alarms() {
        return readRegisters(FunctionCode.READ_INPUT_REGISTERS, PileRegisterMap.IR_ALARMS, 1).get(0);
    }

    double temperatureCelsius() {
        return (short) (int) readRegisters(FunctionCode.READ_INPUT_REGISTERS, PileRegisterMap.IR_TEMPERATURE, 1).get(0) / 10.0;
    }

    List<Integer> holding() {
        return readRegisters(FunctionCode.READ_HOLDING_REGISTERS, 0, PileRegisterMap.HR_COUNT);
    }

    /** A port's readings as a master decodes its register block. */
    PortReading port(int port) {
        List<Integer> r = readRegisters(FunctionCode.READ_INPUT_REGISTERS, PileRegisterMap.portBlock(port),
                PileRegisterMap.PORT_USED_WORDS);
        return new PortReading(PortState.ofCode(r.get(PileRegisterMap.PORT_STATE)),
                CutReason.ofCode(r.get(PileRegisterMap.PORT_CUT_REASON)),
                r.get(PileRegisterMap.PORT_VOLTAGE) / 10.0,
                r.get(PileRegisterMap.PORT_CURRENT) / 100.0,
                r.get(PileRegisterMap.PORT_POWER),
                (long) r.get(PileRegisterMap.PORT_ENERGY) << 16 | r.get(PileRegisterMap.PORT_ENERGY + 1),
                (long) r.get(PileRegisterMap.PORT_SESSION_SECONDS) << 16 | r.get(PileRegisterMap.PORT_SESSION_SECONDS + 1));
    }

    void switchRelay(int port, boolean on) {
        ModbusPdu.WriteSingleCoil write = new ModbusPdu.WriteSingleCoil(PileRegisterMap.relayCoil(port), on);
        assertThat(ask(write)).as("echo of %s", write).isEqualTo(write);
    }

    ExceptionCode switchRelayRefused(int port) {
        return askExpectingException(new ModbusPdu.WriteSingleCoil(PileRegisterMap.relayCoil(port), true));
    }

    void writeHolding(int address, int value) {
        ModbusPdu.WriteSingleRegister write = new ModbusPdu.WriteSingleRegister(address, value);
        assertThat(ask(write)).as("echo of %s", write).isEqualTo(write);
    }

    void heartbeat() {
        writeHolding(PileRegisterMap.HR_HEARTBEAT, 1);
    }

    record PortReading(PortState state, CutReason cutReason, double volts, double amps, int watts, long energyWh,
                       long sessionSeconds) {
    }
}
