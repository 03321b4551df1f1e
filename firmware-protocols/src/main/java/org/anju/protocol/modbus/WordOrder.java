package org.anju.protocol.modbus;

/**
 * How a 32-bit value is split over two registers. Bytes within a register are always big-endian
 * (Modbus says so); the order of the two words is the device maker's choice.
 */
public enum WordOrder {
    /** High word in the lower address ("ABCD"), as most meters including the Chint DDSU666. */
    HIGH_FIRST,
    /** Low word in the lower address ("CDAB"). */
    LOW_FIRST
}
