/**
 * Reference firmware of a plain Modbus RTU relay board, as the shipped {@code modbus-relay-*}
 * profiles describe it: {@link RelayBoardSimulator} (coil n-1 is relay n, read with function 01 and
 * switched with 05 or 15, a cabinet temperature on input register 0, contacts that can weld) and
 * {@link RelayInjection} for what a person or a fault does to it. Thread-safe, and its lock is
 * never held while calling out, so a meter shed holding its own lock may ask it what conducts.
 */
package org.anju.firmware.relay;
