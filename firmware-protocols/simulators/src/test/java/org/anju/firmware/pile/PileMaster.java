package org.anju.firmware.pile;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.pile.PileRegisterMap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.testing.LineMaster;

/**
 * The generic {@link LineMaster} with what a master knows of the reference pile's map.
 */
final class PileMaster {
    private final LineMaster master;

    PileMaster(LineDevice line, int unit) {
        this.master = new LineMaster(line, unit);
    }

    List<RtuEvent> sendBytes(byte[] bytes) {
        return master.sendBytes(bytes);
    }

    Optional<ModbusPdu> ask(int toUnit, ModbusPdu.Request request) {
        return master.ask(toUnit, request);
    }

    ModbusPdu ask(ModbusPdu.Request request) {
        Optional<ModbusPdu> reply = master.ask(request);
        assertThat(reply).as("reply to %s", request).isPresent();
        return reply.get();
    }

    ExceptionCode askExpectingException(ModbusPdu.Request request) {
        return master.askExpectingException(request);
    }

    List<Boolean> readBits(FunctionCode function, int address, int quantity) {
        return master.readBits(function, address, quantity);
    }

    List<Integer> readRegisters(FunctionCode function, int address, int quantity) {
        return master.readRegisters(function, address, quantity);
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
        master.writeRegister(address, value);
    }

    void heartbeat() {
        writeHolding(PileRegisterMap.HR_HEARTBEAT, 1);
    }

    record PortReading(PortState state, CutReason cutReason, double volts, double amps, int watts, long energyWh,
                       long sessionSeconds) {
    }
}
