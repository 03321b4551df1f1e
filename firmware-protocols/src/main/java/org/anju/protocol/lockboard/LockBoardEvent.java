package org.anju.protocol.lockboard;

import org.anju.protocol.Bytes;

/** What the streaming decoder makes of the bytes on a line. Every byte fed ends up in exactly one event. */
public sealed interface LockBoardEvent {

    /** A frame with a good checksum and legal fields. */
    record Frame(LockBoardFrame frame) implements LockBoardEvent {
    }

    /**
     * A frame with a good checksum whose fields break the protocol (a channel above 48, reserved
     * status bits, a broadcast read): most likely a board speaking another dialect.
     */
    record Rejected(Bytes bytes, String reason) implements LockBoardEvent {
    }

    /** Bytes framed like a frame in every structural byte but whose checksum did not match: line noise. */
    record ChecksumError(Bytes bytes) implements LockBoardEvent {
    }

    /** Bytes that do not start any frame, skipped to find the next one. */
    record Garbage(Bytes bytes) implements LockBoardEvent {
    }

    /** A frame that had begun when the line went silent (reported by {@link LockBoardDecoder#flush()}). */
    record Truncated(Bytes bytes) implements LockBoardEvent {
    }
}
