package org.anju.firmware.meter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * A second meter model's register map, Hiking DDS238-2 style: scaled integers in holding
 * registers only (function 03), one block 0x0000-0x0011 with the total energy as a 32-bit count
 * of 0.01 kWh, high word first, and signed power. The single source for the simulator's DDS238-2
 * sockets and its protocol document; the shipped {@code hiking-dds238-2} profile reads it.
 *
 * <p>A read must stay inside the block; words that hold no value read as 0.
 */
public final class Dds238RegisterMap {
    public static final int BLOCK = 0x0000;
    public static final int WORDS = 0x12;

    public static final int ENERGY = 0x0000;
    public static final int VOLTAGE = 0x000C;
    public static final int CURRENT = 0x000D;
    public static final int POWER = 0x000E;
    public static final int REACTIVE_POWER = 0x000F;
    public static final int POWER_FACTOR = 0x0010;
    public static final int FREQUENCY = 0x0011;

    private Dds238RegisterMap() {
    }

    /** Every value of the map, as its holding register. */
    public static List<RegisterSpec> registers() {
        return List.of(
                value("energy", ENERGY, DataType.U32, 0.01, "kWh", "total active energy; wraps at 2^32 counts"),
                value("voltage", VOLTAGE, DataType.U16, 0.1, "V", "voltage"),
                value("current", CURRENT, DataType.U16, 0.01, "A", "current"),
                value("power", POWER, DataType.S16, 1, "W", "active power; negative when power flows back"),
                value("reactivePower", REACTIVE_POWER, DataType.S16, 1, "var", "reactive power"),
                value("powerFactor", POWER_FACTOR, DataType.U16, 0.001, "", "power factor, 1 at no load"),
                value("frequency", FREQUENCY, DataType.U16, 0.01, "Hz", "mains frequency"));
    }

    /** The words a read of {@code count} holding registers from {@code address} returns, or empty outside the block. */
    public static Optional<List<Integer>> read(int address, int count, MeterReading r) {
        if (address < BLOCK || address + count > BLOCK + WORDS) {
            return Optional.empty();
        }
        int[] block = new int[WORDS];
        long counts = (long) Math.floor(r.importWh() / 10) & 0xFFFFFFFFL;
        block[ENERGY] = (int) (counts >>> 16);
        block[ENERGY + 1] = (int) (counts & 0xFFFF);
        block[VOLTAGE] = clampU16(Math.round(r.volts() * 10));
        block[CURRENT] = clampU16(Math.round(r.amps() * 100));
        block[POWER] = clampS16(Math.round(r.watts()));
        block[REACTIVE_POWER] = clampS16(Math.round(r.reactiveVar()));
        block[POWER_FACTOR] = clampU16(Math.round(r.powerFactor() * 1000));
        block[FREQUENCY] = clampU16(Math.round(r.hertz() * 100));
        List<Integer> words = new ArrayList<>(count);
        for (int a = address; a < address + count; a++) {
            words.add(block[a - BLOCK]);
        }
        return Optional.of(words);
    }

    private static int clampU16(long v) {
        return (int) Math.max(0, Math.min(0xFFFF, v));
    }

    private static int clampS16(long v) {
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v)) & 0xFFFF;
    }

    private static RegisterSpec value(String name, int address, DataType type, double scale, String unit, String meaning) {
        return new RegisterSpec(name, RegisterTable.HOLDING_REGISTER, address, type, WordOrder.HIGH_FIRST, scale, unit, meaning);
    }
}
