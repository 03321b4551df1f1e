package org.anju.protocol.modbus;

/** The outcome of decoding one PDU: a value, or the reason it is not one and what a slave should answer. */
public sealed interface PduDecoding {

    record Decoded(ModbusPdu pdu) implements PduDecoding {
    }

    /**
     * Well framed but not a legal PDU (a quantity of 0, a byte count that disagrees with it, an
     * unknown function). {@code answer} is the exception a slave sends back for it.
     */
    record Malformed(int function, ExceptionCode answer, String reason) implements PduDecoding {
    }
}
