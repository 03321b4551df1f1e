package org.anju.firmware.meter;

import java.util.Optional;

import org.anju.protocol.modbus.FunctionCode;

/**
 * Which read functions a meter answers. Chint's document reads the DDSU666 with function 03,
 * Tasmota's driver with 04, and real units differ: some answer both, some only one of them.
 */
public enum ReadFunctions {
    BOTH("both"), HOLDING_ONLY("3"), INPUT_ONLY("4");

    private final String text;

    ReadFunctions(String text) {
        this.text = text;
    }

    /** "3", "4" or "both", as the command line writes it. */
    public static Optional<ReadFunctions> parse(String text) {
        for (ReadFunctions f : values()) {
            if (f.text.equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public boolean answers(FunctionCode function) {
        return switch (function) {
            case READ_HOLDING_REGISTERS -> this != INPUT_ONLY;
            case READ_INPUT_REGISTERS -> this != HOLDING_ONLY;
            default -> false;
        };
    }

    /** "function 03 and 04", for the line the simulator prints at start. */
    public String describe() {
        return switch (this) {
            case BOTH -> "functions 03 and 04";
            case HOLDING_ONLY -> "function 03 only";
            case INPUT_ONLY -> "function 04 only";
        };
    }
}
