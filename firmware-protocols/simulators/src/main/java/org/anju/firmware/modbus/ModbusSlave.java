package org.anju.firmware.modbus;

import java.util.Optional;

import org.anju.protocol.modbus.ModbusPdu;

/** The application side of a Modbus slave: a request in, a response (normal or exception) out. */
@FunctionalInterface
public interface ModbusSlave {

    /** The answer to {@code request}; empty when the device, by an injected fault, stays silent. */
    Optional<ModbusPdu.Response> handle(ModbusPdu.Request request);
}
