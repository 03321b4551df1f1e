package org.anju.profiles.validate;

import java.util.List;
import java.util.Map;

import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRole;
import org.anju.profiles.model.RepeatedRegister;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * A device's register map as the Modbus rules see it, whatever the kind of device: registers
 * that exist once, registers that repeat for each of {@code repeatCount} ports or channels, and
 * the reads of one poll.
 *
 * @param repeatNoun "port" or "channel", for messages
 */
public record ModbusLayout(Map<String, RegisterSpec> fixed, List<RegisterRole> fixedRoles,
                           Map<String, RepeatedRegister> repeated, List<RegisterRole> repeatedRoles, int repeatCount,
                           String repeatNoun, List<RegisterRead> reads) {
}
