package org.anju.firmware.turnstile;

import static org.anju.firmware.turnstile.TurnstileRegisterMap.COILS;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.COIL_FREE;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.COIL_OPEN_ENTRY;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.COIL_OPEN_EXIT;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.HR_PASSAGE_WINDOW;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.INPUT_REGISTERS;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.IR_ENTRIES;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.IR_EXITS;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.IR_WAITING;
import static org.anju.firmware.turnstile.TurnstileRegisterMap.MAX_WAITING;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.modbus.ModbusSlave;
import org.anju.firmware.modbus.ModbusSlaveEndpoint;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;

/**
 * Reference firmware of a turnstile lane as the {@code anju-ref-turnstile} profile reads it
 * ({@link TurnstileRegisterMap}): an open lets one person through in its direction within the
 * passage window, several opens are remembered ("memory passage"), and every passage the lane's
 * beams see is counted, opened for or not (a tailgater, someone vaulting the arm), so the gateway
 * learns of passages it did not allow. In free mode (fire) both directions turn freely and are
 * still counted.
 *
 * <p>People are method calls ({@link #enter}, {@link #leave}, {@link #tailgate}, {@link #force});
 * with {@link #autoWalk} every open is walked through a moment later. Time moves only by
 * {@link #advance}. Thread-safe.
 */
public final class TurnstileSimulator {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    /** Which way a person passes. */
    public enum Way { IN, OUT }

    private final Lane in = new Lane();
    private final Lane out = new Lane();
    private long nowNanos;
    private int windowSeconds = (int) DEFAULT_WINDOW.toSeconds();
    private boolean free;
    private boolean silent;
    private Duration autoWalk;

    /** One direction: opens waiting to be passed (each with its deadline), people due to walk, the counter. */
    private static final class Lane {
        final Deque<Long> waiting = new ArrayDeque<>();
        final Deque<Long> walkers = new ArrayDeque<>();
        int count;
    }

    /** A person walks in: counted and true if the lane lets them (an open waiting, or free mode). */
    public synchronized boolean enter() {
        return pass(in);
    }

    /** A person walks out. */
    public synchronized boolean leave() {
        return pass(out);
    }

    /** Two people pass on one open (or in free mode): both are counted. */
    public synchronized boolean tailgate(Way way) {
        Lane lane = lane(way);
        if (!pass(lane)) {
            return false;
        }
        lane.count = (lane.count + 1) & 0xFFFF;
        return true;
    }

    /** Someone vaults the arm or pushes a flap: counted though nobody opened the lane. */
    public synchronized void force(Way way) {
        Lane lane = lane(way);
        lane.count = (lane.count + 1) & 0xFFFF;
    }

    /** From now on every open is walked through {@code after} (simulated) later; null stops that. */
    public synchronized void autoWalk(Duration after) {
        this.autoWalk = after;
    }

    /** The lane stops answering on the bus (or answers again). */
    public synchronized void silence(boolean value) {
        silent = value;
    }

    /** Power lost and back: counters restart at 0, remembered opens and free mode are gone. */
    public synchronized void reboot() {
        for (Lane lane : List.of(in, out)) {
            lane.waiting.clear();
            lane.walkers.clear();
            lane.count = 0;
        }
        free = false;
    }

    public synchronized int entries() {
        return in.count;
    }

    public synchronized int exits() {
        return out.count;
    }

    /** Opens not yet passed in {@code way}. */
    public synchronized int waiting(Way way) {
        return lane(way).waiting.size();
    }

    public synchronized boolean free() {
        return free;
    }

    public synchronized void advance(Duration simulated) {
        nowNanos += simulated.toNanos();
        for (Lane lane : List.of(in, out)) {
            while (!lane.walkers.isEmpty() && lane.walkers.peekFirst() <= nowNanos) {
                lane.walkers.removeFirst();
                pass(lane);
            }
            while (!lane.waiting.isEmpty() && lane.waiting.peekFirst() <= nowNanos) {
                lane.waiting.removeFirst(); // nobody came: the arm locks again
            }
        }
    }

    public LineDevice onLine(int unit) {
        return new ModbusSlaveEndpoint(unit, modbus()).asLineDevice(this::advance);
    }

    public ModbusSlave modbus() {
        return request -> {
            synchronized (this) {
                return silent ? Optional.empty() : Optional.of(handle(request));
            }
        };
    }

    private boolean pass(Lane lane) {
        if (!free) {
            if (lane.waiting.isEmpty()) {
                return false;
            }
            lane.waiting.removeFirst();
        }
        lane.count = (lane.count + 1) & 0xFFFF;
        return true;
    }

    private void open(Lane lane) {
        if (lane.waiting.size() >= MAX_WAITING) {
            return; // the lane remembers so many; more opens change nothing
        }
        lane.waiting.addLast(nowNanos + windowSeconds * 1_000_000_000L);
        if (autoWalk != null) {
            lane.walkers.addLast(nowNanos + autoWalk.toNanos());
        }
    }

    private Lane lane(Way way) {
        return way == Way.IN ? in : out;
    }

    private boolean coil(int address) {
        return switch (address) {
            case COIL_OPEN_ENTRY -> !in.waiting.isEmpty();
            case COIL_OPEN_EXIT -> !out.waiting.isEmpty();
            default -> free;
        };
    }

    private void writeCoil(int address, boolean on) {
        switch (address) {
            case COIL_OPEN_ENTRY, COIL_OPEN_EXIT -> {
                Lane lane = address == COIL_OPEN_ENTRY ? in : out;
                if (on) {
                    open(lane);
                } else {
                    lane.waiting.clear();
                }
            }
            default -> free = on;
        }
    }

    private int inputRegister(int address) {
        return switch (address) {
            case IR_ENTRIES -> in.count;
            case IR_EXITS -> out.count;
            default -> in.waiting.size() | out.waiting.size() << 8;
        };
    }

    private ModbusPdu.Response handle(ModbusPdu.Request request) {
        int fc = request.functionByte();
        if (request instanceof ModbusPdu.ReadRequest read) {
            return read(read);
        }
        if (request instanceof ModbusPdu.WriteSingleCoil write) {
            if (write.address() >= COILS) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            writeCoil(write.address(), write.on());
            return write;
        }
        if (request instanceof ModbusPdu.WriteMultipleCoils write) {
            if (write.address() + write.values().size() > COILS) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            for (int i = 0; i < write.values().size(); i++) {
                writeCoil(write.address() + i, write.values().get(i));
            }
            return new ModbusPdu.WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, write.address(),
                    write.values().size());
        }
        if (request instanceof ModbusPdu.WriteSingleRegister write) {
            if (write.address() != HR_PASSAGE_WINDOW) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            if (write.value() < 1 || write.value() > 255) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
            }
            windowSeconds = write.value();
            return write;
        }
        return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_FUNCTION);
    }

    private ModbusPdu.Response read(ModbusPdu.ReadRequest read) {
        int fc = read.functionByte();
        int end = read.address() + read.quantity();
        switch (read.function()) {
            case READ_COILS -> {
                if (end > COILS) {
                    return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
                }
                List<Boolean> bits = new ArrayList<>();
                for (int a = read.address(); a < end; a++) {
                    bits.add(coil(a));
                }
                while (bits.size() % 8 != 0) {
                    bits.add(false);
                }
                return new ModbusPdu.ReadBitsResponse(FunctionCode.READ_COILS, bits);
            }
            case READ_INPUT_REGISTERS -> {
                if (end > INPUT_REGISTERS) {
                    return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
                }
                List<Integer> words = new ArrayList<>();
                for (int a = read.address(); a < end; a++) {
                    words.add(inputRegister(a));
                }
                return new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS, words);
            }
            case READ_HOLDING_REGISTERS -> {
                if (read.address() != HR_PASSAGE_WINDOW || read.quantity() != 1) {
                    return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
                }
                return new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(windowSeconds));
            }
            default -> {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_FUNCTION);
            }
        }
    }
}
