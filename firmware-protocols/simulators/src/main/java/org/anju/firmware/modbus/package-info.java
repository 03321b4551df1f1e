/**
 * A Modbus slave on an RTU line for the reference firmware: {@link ModbusSlave} is the application
 * side (a request in, a normal or exception response out), and {@link ModbusSlaveEndpoint} frames
 * the line's bytes with the protocol layer's codec, answers only its own unit, runs broadcast
 * writes without answering, answers a well-framed illegal request with its exception and ignores
 * bad CRCs, as the serial line specification requires. The pile, meter and relay-board simulators
 * answer behind it.
 */
package org.anju.firmware.modbus;
