package org.anju.firmware.meter;

import java.util.List;
import java.util.Optional;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * The reference meter's register map, Chint DDSU666 style: IEEE float32 values, high word first,
 * in two blocks, the same in the holding registers (function 03) and the input registers (04).
 * The single source for the simulator, its protocol document and the {@code chint-ddsu666}
 * profile (tests hold the other two to it).
 *
 * <p>A read must stay inside one block; words of a block that hold no value read as 0.
 */
public final class MeterRegisterMap {
    public static final int MEASUREMENT_BLOCK = 0x2000;
    public static final int MEASUREMENT_WORDS = 0x10;
    public static final int ENERGY_BLOCK = 0x4000;
    public static final int ENERGY_WORDS = 0x0C;

    public static final int VOLTAGE = 0x2000;
    public static final int CURRENT = 0x2002;
    public static final int POWER = 0x2004;
    public static final int REACTIVE_POWER = 0x2006;
    public static final int APPARENT_POWER = 0x2008;
    public static final int POWER_FACTOR = 0x200A;
    public static final int FREQUENCY = 0x200E;
    public static final int IMPORT_ENERGY = 0x4000;
    public static final int EXPORT_ENERGY = 0x400A;

    private MeterRegisterMap() {
    }

    /** Every value of the map, as its input register (the holding register at the same address holds the same). */
    public static List<RegisterSpec> registers() {
        return List.of(
                value("voltage", VOLTAGE, "V", "voltage"),
                value("current", CURRENT, "A", "current"),
                value("power", POWER, "kW", "active power; negative when power flows back"),
                value("reactivePower", REACTIVE_POWER, "kvar", "reactive power"),
                value("apparentPower", APPARENT_POWER, "kVA", "apparent power"),
                value("powerFactor", POWER_FACTOR, "", "power factor, 1 at no load"),
                value("frequency", FREQUENCY, "Hz", "mains frequency"),
                value("energy", IMPORT_ENERGY, "kWh", "imported active energy since the meter was cleared"),
                value("exportEnergy", EXPORT_ENERGY, "kWh", "exported active energy"));
    }

    /**
     * The words a read of {@code count} registers from {@code address} returns, or empty when the
     * read does not lie inside one block.
     */
    public static Optional<List<Integer>> read(int address, int count, MeterReading r) {
        int[] block;
        int base;
        if (inside(address, count, MEASUREMENT_BLOCK, MEASUREMENT_WORDS)) {
            base = MEASUREMENT_BLOCK;
            block = new int[MEASUREMENT_WORDS];
            put(block, VOLTAGE - base, r.volts());
            put(block, CURRENT - base, r.amps());
            put(block, POWER - base, r.watts() / 1000);
            put(block, REACTIVE_POWER - base, r.reactiveVar() / 1000);
            put(block, APPARENT_POWER - base, r.apparentVa() / 1000);
            put(block, POWER_FACTOR - base, r.powerFactor());
            put(block, FREQUENCY - base, r.hertz());
        } else if (inside(address, count, ENERGY_BLOCK, ENERGY_WORDS)) {
            base = ENERGY_BLOCK;
            block = new int[ENERGY_WORDS];
            put(block, IMPORT_ENERGY - base, r.importWh() / 1000);
            put(block, EXPORT_ENERGY - base, r.exportWh() / 1000);
        } else {
            return Optional.empty();
        }
        List<Integer> words = new java.util.ArrayList<>(count);
        for (int a = address; a < address + count; a++) {
            words.add(block[a - base]);
        }
        return Optional.of(words);
    }

    private static boolean inside(int address, int count, int block, int words) {
        return address >= block && address + count <= block + words;
    }

    private static void put(int[] block, int offset, double value) {
        List<Integer> pair = DataType.FLOAT32.encode(value, WordOrder.HIGH_FIRST);
        block[offset] = pair.get(0);
        block[offset + 1] = pair.get(1);
    }

    private static RegisterSpec value(String name, int address, String unit, String meaning) {
        return new RegisterSpec(name, RegisterTable.INPUT_REGISTER, address, DataType.FLOAT32, WordOrder.HIGH_FIRST, 1,
                unit, meaning);
    }
}
