/**
 * Transports for the reference firmware. A {@link LineDevice} is a simulated device (bytes in,
 * bytes out, simulated time); {@link TcpSerialServer} and {@link SerialDeviceLink} serve it as a
 * serial server or an RS-485 adapter would, {@link SharedLine} puts several on one bus,
 * {@link SimulationClock} drives their time, and {@link LineSession} paces bytes at line speed.
 * Transports never look inside a frame; devices are thread-safe, as transport, clock and injection
 * call from different threads. For tests, the demo and the benchmarks; never the gateway.
 */
package org.anju.firmware.line;
