package org.anju.protocol.modbus;

import java.util.Optional;

/** Modbus exception codes (specification V1.1b3, section 7). */
public enum ExceptionCode {
    ILLEGAL_FUNCTION(0x01),
    ILLEGAL_DATA_ADDRESS(0x02),
    ILLEGAL_DATA_VALUE(0x03),
    SERVER_DEVICE_FAILURE(0x04),
    ACKNOWLEDGE(0x05),
    SERVER_DEVICE_BUSY(0x06),
    MEMORY_PARITY_ERROR(0x08),
    GATEWAY_PATH_UNAVAILABLE(0x0A),
    GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND(0x0B);

    private final int code;

    ExceptionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ExceptionCode> of(int code) {
        for (ExceptionCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
