package org.anju.profiles.model;

import org.anju.protocol.modbus.RegisterTable;

/** The Modbus tables as profiles name them: by the function code that reads them, and by the words makers' manuals use. */
public final class ModbusTables {

    private ModbusTables() {
    }

    /** The table that read function {@code function} (1-4) reads. */
    public static RegisterTable ofFunction(int function) {
        for (RegisterTable t : RegisterTable.values()) {
            if (t.readFunction().code() == function) {
                return t;
            }
        }
        throw new IllegalArgumentException("no read function " + function);
    }

    public static int function(RegisterTable table) {
        return table.readFunction().code();
    }

    /** "coil", "input registers": singular for one item, plural otherwise. */
    public static String name(RegisterTable table, int count) {
        String one = switch (table) {
            case COIL -> "coil";
            case DISCRETE_INPUT -> "discrete input";
            case HOLDING_REGISTER -> "holding register";
            case INPUT_REGISTER -> "input register";
        };
        return count == 1 ? one : one + "s";
    }

    /** "a coil (function 1)", for messages about which table a value must come from. */
    public static String describe(RegisterTable table) {
        String name = name(table, 1);
        return (name.startsWith("i") ? "an " : "a ") + name + " (function " + function(table) + ")";
    }
}
