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

    /** The line was silent for at least 3.5 characters: a frame that began and did not end is dropped. */
    default void lineIdle() {
    }

    /** Simulated time passed (already multiplied by any speed-up). */
    default void advance(Duration simulated) {
    }
}
