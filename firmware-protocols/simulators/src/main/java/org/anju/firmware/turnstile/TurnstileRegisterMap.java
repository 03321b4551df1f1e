package org.anju.firmware.turnstile;

import java.util.List;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * The reference turnstile's Modbus map: a dry-contact turnstile (open-entry and open-exit inputs,
 * passed-entry and passed-exit outputs, a fire-free input) behind a Modbus RTU I/O module whose
 * digital inputs count pulses. The single source for the simulator, the protocol document and the
 * {@code anju-ref-turnstile} profile (tests hold the other two to it).
 */
public final class TurnstileRegisterMap {
    public static final int COIL_OPEN_ENTRY = 0x0000;
    public static final int COIL_OPEN_EXIT = 0x0001;
    public static final int COIL_FREE = 0x0002;
    public static final int IR_ENTRIES = 0x0000;
    public static final int IR_EXITS = 0x0001;
    public static final int IR_WAITING = 0x0002;
    public static final int HR_PASSAGE_WINDOW = 0x0000;
    public static final int COILS = 3;
    public static final int INPUT_REGISTERS = 3;
    /** Opens a lane remembers at most, per direction ("memory passage"). */
    public static final int MAX_WAITING = 8;

    private TurnstileRegisterMap() {
    }

    /** Every register of the map, in address order within each table. */
    public static List<RegisterSpec> registers() {
        return List.of(
                bit("openEntry", RegisterTable.COIL, COIL_OPEN_ENTRY,
                        "write 1: one more person may pass in (up to 8 remembered); reads 1 while one may; write 0 cancels them"),
                bit("openExit", RegisterTable.COIL, COIL_OPEN_EXIT,
                        "write 1: one more person may pass out (up to 8 remembered); reads 1 while one may; write 0 cancels them"),
                bit("free", RegisterTable.COIL, COIL_FREE,
                        "1 holds both directions free (fire, emergency): every passage is counted, none needs an open"),
                word("entries", RegisterTable.INPUT_REGISTER, IR_ENTRIES, "",
                        "people counted passing in, every passage whether opened for or not; wraps at 65536"),
                word("exits", RegisterTable.INPUT_REGISTER, IR_EXITS, "",
                        "people counted passing out; wraps at 65536"),
                word("waiting", RegisterTable.INPUT_REGISTER, IR_WAITING, "",
                        "opens not yet passed: entries in the low byte, exits in the high byte"),
                word("passageWindow", RegisterTable.HOLDING_REGISTER, HR_PASSAGE_WINDOW, "s",
                        "an open not passed within this many seconds is cancelled (1-255, default 10)"));
    }

    private static RegisterSpec bit(String name, RegisterTable table, int address, String meaning) {
        return new RegisterSpec(name, table, address, DataType.U16, WordOrder.HIGH_FIRST, 1, "", meaning);
    }

    private static RegisterSpec word(String name, RegisterTable table, int address, String unit, String meaning) {
        return new RegisterSpec(name, table, address, DataType.U16, WordOrder.HIGH_FIRST, 1, unit, meaning);
    }
}
