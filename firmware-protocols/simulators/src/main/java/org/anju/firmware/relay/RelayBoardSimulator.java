package org.anju.firmware.relay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.modbus.ModbusSlave;
import org.anju.firmware.modbus.ModbusSlaveEndpoint;
import org.anju.firmware.pile.Enclosure;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * The firmware of a plain Modbus RTU relay board, as the shipped {@code modbus-relay-8} and
 * {@code modbus-relay-16} profiles describe it: coil n-1 is relay n, read with function 01 and
 * switched with 05 (or several at once with 15). Like many such boards it also has a temperature
 * input, input register 0, for the cabinet it sits in. A relay's contacts can weld: it then
 * conducts as it was, whatever its coil is told. Thread-safe; its lock is never held while
 * calling out, so a shed that holds its own lock may ask it what conducts.
 */
public final class RelayBoardSimulator {
    public static final int MAX_CHANNELS = 64;
    public static final int COIL_BASE = 0x0000;
    public static final int IR_CABINET_TEMPERATURE = 0x0000;

    private final boolean[] commanded;
    /** Non-null once a relay's contacts weld: it then conducts (or not) whatever it is told. */
    private final Boolean[] stuckAt;
    private boolean silent;
    private double cabinetCelsius = Enclosure.AMBIENT_CELSIUS;

    /** A feeder board: every relay closed, the supply on, as it is left once installed. */
    public RelayBoardSimulator(int channels) {
        this(channels, true);
    }

    public RelayBoardSimulator(int channels, boolean closedAtStart) {
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be 1-" + MAX_CHANNELS + ", not " + channels);
        }
        this.commanded = new boolean[channels];
        this.stuckAt = new Boolean[channels];
        Arrays.fill(commanded, closedAtStart);
    }

    /** The board's registers for the documentation: every channel's coil, and the temperature input. */
    public static List<RegisterSpec> registers() {
        return List.of(
                new RegisterSpec("channel c relay", RegisterTable.COIL, COIL_BASE, DataType.U16, WordOrder.HIGH_FIRST, 1, "",
                        "coil c-1: 1 closes relay c (power on)"),
                new RegisterSpec("cabinetTemperature", RegisterTable.INPUT_REGISTER, IR_CABINET_TEMPERATURE, DataType.S16,
                        WordOrder.HIGH_FIRST, 0.1, "degC", "temperature inside the cabinet the board sits in"));
    }

    public int channels() {
        return commanded.length;
    }

    /** Whether relay {@code channel} (from 1) is told to be closed: what its coil reads. */
    public synchronized boolean closed(int channel) {
        return commanded[index(channel)];
    }

    /** Whether power flows through relay {@code channel}: its coil, unless its contacts welded. */
    public synchronized boolean conducting(int channel) {
        int i = index(channel);
        return stuckAt[i] != null ? stuckAt[i] : commanded[i];
    }

    /** Switches a relay as its coil would be, e.g. by the board's own button. */
    public synchronized void switchChannel(int channel, boolean on) {
        commanded[index(channel)] = on;
    }

    /** The contacts of relay {@code channel} weld in their present position. */
    public synchronized void stick(int channel) {
        int i = index(channel);
        stuckAt[i] = commanded[i];
    }

    /** Power lost and back: every relay drops open (welded contacts stay as they are). */
    public synchronized void powerCycle() {
        Arrays.fill(commanded, false);
    }

    /** The board stops answering (or answers again); its relays stay as they are. */
    public synchronized void silence(boolean value) {
        silent = value;
    }

    public synchronized void cabinetTemperature(double celsius) {
        cabinetCelsius = celsius;
    }

    public LineDevice onLine(int unit) {
        return new ModbusSlaveEndpoint(unit, modbus()).asLineDevice(simulated -> { });
    }

    public ModbusSlave modbus() {
        return request -> {
            synchronized (this) {
                return silent ? Optional.empty() : Optional.of(handle(request));
            }
        };
    }

    private int index(int channel) {
        if (channel < 1 || channel > commanded.length) {
            throw new IllegalArgumentException("channel must be 1-" + commanded.length + ", not " + channel);
        }
        return channel - 1;
    }

    private ModbusPdu.Response handle(ModbusPdu.Request request) {
        int fc = request.functionByte();
        if (request instanceof ModbusPdu.ReadRequest read && read.function() == FunctionCode.READ_COILS) {
            if (!coils(read.address(), read.quantity())) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            List<Boolean> bits = new ArrayList<>();
            for (int i = 0; i < read.quantity(); i++) {
                bits.add(commanded[read.address() - COIL_BASE + i]);
            }
            while (bits.size() % 8 != 0) {
                bits.add(false);
            }
            return new ModbusPdu.ReadBitsResponse(FunctionCode.READ_COILS, bits);
        }
        if (request instanceof ModbusPdu.ReadRequest read && read.function() == FunctionCode.READ_INPUT_REGISTERS) {
            if (read.address() != IR_CABINET_TEMPERATURE || read.quantity() != 1) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            return new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_INPUT_REGISTERS,
                    DataType.S16.encode(Math.round(cabinetCelsius * 10), WordOrder.HIGH_FIRST));
        }
        if (request instanceof ModbusPdu.WriteSingleCoil write) {
            if (!coils(write.address(), 1)) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            commanded[write.address() - COIL_BASE] = write.on();
            return write;
        }
        if (request instanceof ModbusPdu.WriteMultipleCoils write) {
            if (!coils(write.address(), write.values().size())) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            for (int i = 0; i < write.values().size(); i++) {
                commanded[write.address() - COIL_BASE + i] = write.values().get(i);
            }
            return new ModbusPdu.WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, write.address(), write.values().size());
        }
        return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_FUNCTION);
    }

    private boolean coils(int address, int count) {
        return address >= COIL_BASE && address - COIL_BASE + count <= commanded.length;
    }
}
