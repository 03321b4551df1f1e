package org.anju.protocol.modbus;

import java.util.Optional;

/** The public function codes this codec speaks. */
public enum FunctionCode {
    READ_COILS(0x01),
    READ_DISCRETE_INPUTS(0x02),
    READ_HOLDING_REGISTERS(0x03),
    READ_INPUT_REGISTERS(0x04),
    WRITE_SINGLE_COIL(0x05),
    WRITE_SINGLE_REGISTER(0x06),
    WRITE_MULTIPLE_COILS(0x0F),
    WRITE_MULTIPLE_REGISTERS(0x10);

    private final int code;

    FunctionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isRead() {
        return code <= 0x04;
    }

    public boolean readsBits() {
        return this == READ_COILS || this == READ_DISCRETE_INPUTS;
    }

    public static Optional<FunctionCode> of(int code) {
        for (FunctionCode f : values()) {
            if (f.code == code) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
