package org.anju.protocol.modbus;

import org.anju.protocol.Bytes;

/** What the streaming decoder makes of the bytes on a line. Every byte fed ends up in exactly one event. */
public sealed interface RtuEvent {

    /** A frame with a good CRC and a legal PDU. */
    record Frame(int unit, ModbusPdu pdu) implements RtuEvent {
    }

    /** A frame with a good CRC whose PDU breaks the rules; a slave answers it with {@code answer}. */
    record Rejected(int unit, int function, ExceptionCode answer, String reason) implements RtuEvent {
    }

    /** Bytes that were framed like a known frame but whose CRC did not match: noise on the line. */
    record CrcError(Bytes bytes) implements RtuEvent {
    }

    /** Bytes that do not start any frame this decoder knows, skipped to find the next frame. */
    record Garbage(Bytes bytes) implements RtuEvent {
    }

    /** A frame that had begun when the line went silent (reported by {@link RtuFrameDecoder#flush()}). */
    record Truncated(Bytes bytes) implements RtuEvent {
    }
}
