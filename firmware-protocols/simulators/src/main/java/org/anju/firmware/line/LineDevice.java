package org.anju.firmware.line;

import java.time.Duration;
import java.util.List;

/**
 * A simulated device on a serial line: bytes in, bytes out, and simulated time. Transports
 * (a TCP serial server, a serial device) carry its bytes and never look inside them.
 * Implementations are thread-safe: the transport, the clock and fault injection call from
 * different threads.
 */
public interface LineDevice {

    /** Bytes arrived from the line; returns the replies to send, each a whole frame, in order. */
    List<byte[]> receive(byte[] data, int offset, int length);

    /**
     * The line was silent for at least 3.5 characters: the frame held so far has ended. Returns the
     * replies to frames recovered from it (a good frame behind a false start); what is left is dropped.
     */
    default List<byte[]> lineIdle() {
        return List.of();
    }

    /** Simulated time passed (already multiplied by any speed-up). */
    default void advance(Duration simulated) {
    }
}
