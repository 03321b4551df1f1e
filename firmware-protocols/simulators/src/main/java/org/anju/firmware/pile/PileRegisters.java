package org.anju.firmware.pile;

import org.anju.protocol.pile.PileLimits;

import static org.anju.protocol.pile.PileRegisterMap.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadBitsResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRegistersResponse;
import org.anju.protocol.modbus.ModbusPdu.ReadRequest;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleRegisters;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleResponse;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleCoil;
import org.anju.protocol.modbus.ModbusPdu.WriteSingleRegister;
import org.anju.protocol.modbus.WordOrder;

/**
 * Answers Modbus requests against a {@link PileSimulator} following {@link PileRegisterMap}.
 * Anything outside the map is ILLEGAL_DATA_ADDRESS; a value the firmware would not accept is
 * ILLEGAL_DATA_VALUE; closing a relay while an alarm holds them open is SERVER_DEVICE_FAILURE.
 * Called with the simulator's lock held.
 */
final class PileRegisters {
    private final PileSimulator pile;

    PileRegisters(PileSimulator pile) {
        this.pile = pile;
    }

    Optional<ModbusPdu.Response> handle(ModbusPdu.Request request) {
        if (touchesSilentPort(request)) {
            return Optional.empty();
        }
        return Optional.of(answer(request));
    }

    private ModbusPdu.Response answer(ModbusPdu.Request request) {
        int fc = request.functionByte();
        if (request instanceof ReadRequest read) {
            return read(read);
        }
        if (request instanceof WriteSingleCoil w) {
            ExceptionResponse failed = writeCoils(fc, w.address(), List.of(w.on()));
            return failed != null ? failed : w;
        }
        if (request instanceof WriteMultipleCoils w) {
            ExceptionResponse failed = writeCoils(fc, w.address(), w.values());
            return failed != null ? failed
                    : new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, w.address(), w.values().size());
        }
        if (request instanceof WriteSingleRegister w) {
            ExceptionResponse failed = writeHolding(fc, w.address(), List.of(w.value()));
            return failed != null ? failed : w;
        }
        WriteMultipleRegisters w = (WriteMultipleRegisters) request;
        ExceptionResponse failed = writeHolding(fc, w.address(), w.values());
        return failed != null ? failed
                : new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_REGISTERS, w.address(), w.values().size());
    }

    private ModbusPdu.Response read(ReadRequest read) {
        int fc = read.functionByte();
        int from = read.address();
        int count = read.quantity();
        switch (read.function()) {
            case READ_COILS: {
                if (!all(from, count, a -> a < pile.portCount())) {
                    return illegalAddress(fc);
                }
                List<Boolean> bits = new ArrayList<>(count);
                for (int a = from; a < from + count; a++) {
                    bits.add(pile.portState(a + 1).relayCommanded());
                }
                return new ReadBitsResponse(read.function(), bits);
            }
            case READ_DISCRETE_INPUTS: {
                if (!all(from, count, this::isDiscreteInput)) {
                    return illegalAddress(fc);
                }
                List<Boolean> bits = new ArrayList<>(count);
                for (int a = from; a < from + count; a++) {
                    bits.add(discreteInput(a));
                }
                return new ReadBitsResponse(read.function(), bits);
            }
            case READ_INPUT_REGISTERS: {
                if (!all(from, count, this::isInputRegister)) {
                    return illegalAddress(fc);
                }
                int[] words = inputRegisters(from, count);
                return registers(read.function(), words, from, count, this::inputIndex);
            }
            default: {
                if (!all(from, count, a -> a < HR_COUNT)) {
                    return illegalAddress(fc);
                }
                return registers(read.function(), holdingRegisters(), from, count, a -> a);
            }
        }
    }

    private static ReadRegistersResponse registers(FunctionCode function, int[] words, int from, int count,
                                                   java.util.function.IntUnaryOperator index) {
        List<Integer> values = new ArrayList<>(count);
        for (int a = from; a < from + count; a++) {
            values.add(words[index.applyAsInt(a)]);
        }
        return new ReadRegistersResponse(function, values);
    }

    private boolean isDiscreteInput(int a) {
        return a == DI_SMOKE || a == DI_OVER_TEMPERATURE || (a >= DI_PLUG_BASE && a < DI_PLUG_BASE + pile.portCount());
    }

    private boolean discreteInput(int a) {
        if (a == DI_SMOKE) {
            return pile.smoke();
        }
        if (a == DI_OVER_TEMPERATURE) {
            return pile.overTemperature();
        }
        return pile.portState(a - DI_PLUG_BASE + 1).plugged();
    }

    private boolean isInputRegister(int a) {
        return a < IR_PILE_WIDE_COUNT || (a >= IR_PORT_BASE && a < IR_PORT_BASE + IR_PORT_STRIDE * pile.portCount());
    }

    /** Input registers laid out flat: the pile-wide ones, then every port block. */
    private int inputIndex(int address) {
        return address < IR_PILE_WIDE_COUNT ? address : IR_PILE_WIDE_COUNT + address - IR_PORT_BASE;
    }

    /**
     * The input register image, filled where {@code count} registers from {@code from} fall (the
     * pile-wide block, and only the ports' blocks asked for: a gateway reads one port's block at a
     * time, and the whole image for each was most of the simulator's time in hours of charging).
     */
    private int[] inputRegisters(int from, int count) {
        int[] words = new int[IR_PILE_WIDE_COUNT + IR_PORT_STRIDE * pile.portCount()];
        words[IR_TEMPERATURE] = DataType.S16.encode(Math.round(pile.temperature() * 10), WordOrder.HIGH_FIRST).get(0);
        words[IR_FIRMWARE_VERSION] = PileSimulator.FIRMWARE_VERSION;
        words[IR_PORT_COUNT] = pile.portCount();
        words[IR_ALARMS] = pile.alarmBits();
        for (int port = 1; port <= pile.portCount(); port++) {
            int first = portBlock(port);
            if (first >= from + count || first + IR_PORT_STRIDE <= from) {
                continue; // not asked for
            }
            ChargingPort p = pile.portState(port);
            int base = IR_PILE_WIDE_COUNT + IR_PORT_STRIDE * (port - 1);
            words[base + PORT_STATE] = pile.stateOf(port).code();
            words[base + PORT_CUT_REASON] = p.cutReason().code();
            words[base + PORT_VOLTAGE] = clampU16(p.voltage() * 10);
            words[base + PORT_CURRENT] = clampU16(p.voltage() > 0 ? p.powerWatts() / p.voltage() * 100 : 0);
            words[base + PORT_POWER] = clampU16(p.powerWatts());
            putU32(words, base + PORT_ENERGY, (long) Math.floor(p.energyWh()));
            putU32(words, base + PORT_SESSION_SECONDS, (long) Math.floor(p.sessionSeconds()));
        }
        return words;
    }

    private int[] holdingRegisters() {
        PileLimits l = pile.limits();
        int[] words = new int[HR_COUNT];
        words[HR_HEARTBEAT] = 0;
        words[HR_HEARTBEAT_TIMEOUT] = (int) l.heartbeatTimeout().toSeconds();
        words[HR_OVERLOAD_W] = l.overloadWatts();
        words[HR_FULL_POWER_W] = l.fullChargeWatts();
        words[HR_FULL_SECONDS] = (int) l.fullChargeTime().toSeconds();
        words[HR_MAX_SESSION_MINUTES] = (int) l.maxSession().toMinutes();
        words[HR_OVER_TEMPERATURE] = (int) Math.round(l.overTemperatureCelsius() * 10);
        return words;
    }

    private ExceptionResponse writeCoils(int fc, int from, List<Boolean> values) {
        if (!all(from, values.size(), a -> a < pile.portCount())) {
            return illegalAddress(fc);
        }
        if (values.contains(Boolean.TRUE) && pile.blockingAlarm()) {
            return ExceptionResponse.of(fc, ExceptionCode.SERVER_DEVICE_FAILURE);
        }
        for (int i = 0; i < values.size(); i++) {
            pile.switchRelay(from + i + 1, values.get(i));
        }
        return null;
    }

    private ExceptionResponse writeHolding(int fc, int from, List<Integer> values) {
        if (!all(from, values.size(), a -> a < HR_COUNT)) {
            return illegalAddress(fc);
        }
        int[] words = holdingRegisters();
        for (int i = 0; i < values.size(); i++) {
            words[from + i] = values.get(i);
        }
        PileLimits updated;
        try {
            updated = new PileLimits(words[HR_OVERLOAD_W], words[HR_FULL_POWER_W],
                    Duration.ofSeconds(words[HR_FULL_SECONDS]), Duration.ofMinutes(words[HR_MAX_SESSION_MINUTES]),
                    words[HR_OVER_TEMPERATURE] / 10.0, Duration.ofSeconds(words[HR_HEARTBEAT_TIMEOUT]));
        } catch (IllegalArgumentException notAccepted) {
            return ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        pile.limits(updated);
        if (from == HR_HEARTBEAT) {
            pile.heartbeat();
        }
        return null;
    }

    private boolean touchesSilentPort(ModbusPdu.Request request) {
        int from;
        int count;
        FunctionCode table;
        if (request instanceof ReadRequest r) {
            from = r.address();
            count = r.quantity();
            table = r.function();
        } else if (request instanceof WriteSingleCoil w) {
            from = w.address();
            count = 1;
            table = FunctionCode.READ_COILS;
        } else if (request instanceof WriteMultipleCoils w) {
            from = w.address();
            count = w.values().size();
            table = FunctionCode.READ_COILS;
        } else {
            return false;
        }
        for (int port = 1; port <= pile.portCount(); port++) {
            if (pile.portState(port).silent() && touches(table, from, count, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean touches(FunctionCode table, int from, int count, int port) {
        int lo;
        int hi;
        switch (table) {
            case READ_COILS -> {
                lo = relayCoil(port);
                hi = lo;
            }
            case READ_DISCRETE_INPUTS -> {
                lo = plugInput(port);
                hi = lo;
            }
            case READ_INPUT_REGISTERS -> {
                lo = portBlock(port);
                hi = lo + IR_PORT_STRIDE - 1;
            }
            default -> {
                return false;
            }
        }
        return from <= hi && from + count - 1 >= lo;
    }

    private static boolean all(int from, int count, IntPredicate mapped) {
        for (int a = from; a < from + count; a++) {
            if (!mapped.test(a)) {
                return false;
            }
        }
        return true;
    }

    private static ExceptionResponse illegalAddress(int fc) {
        return ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    private static int clampU16(double value) {
        return (int) Math.max(0, Math.min(0xFFFF, Math.round(value)));
    }

    private static void putU32(int[] words, int at, long value) {
        List<Integer> pair = DataType.U32.encode(value & 0xFFFFFFFFL, WordOrder.HIGH_FIRST);
        words[at] = pair.get(0);
        words[at + 1] = pair.get(1);
    }
}
