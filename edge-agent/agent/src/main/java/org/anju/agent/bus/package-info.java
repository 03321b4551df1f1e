/**
 * The RS-485 buses: a {@link BusScheduler} per bus on its own thread, one request on the line at a
 * time, the inter-frame silence kept, commands ahead of polls, retries, and a failing device marked
 * offline and probed rarely, so it slows nobody else. Transports ({@link SerialTransport},
 * {@link TcpTransport}) block and never look inside a frame; {@link ModbusClient} and
 * {@link LockBoardClient} do. Every ending is a {@link BusOutcome} value completed as a future, so
 * no caller waits on the line; {@link DeviceScanner} polls by a profile's reads.
 */
package org.anju.agent.bus;
