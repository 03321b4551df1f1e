package org.anju.protocol.lockboard;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.Bytes;

/**
 * Cuts a lock-board byte stream into frames without looking at time. A frame's length follows
 * from its first bytes (a read-all reply carries its channel count), so the decoder gives the
 * same events however the stream is chunked.
 *
 * <p>Framing checks every structural byte, not only the start byte, because the one-byte XOR
 * checksum lets one in 256 random runs through: a request must pair its start byte with its
 * command (8A with 11 or 9D, 80 with 33), a read-all reply must carry a count of 1-48 and end
 * with 33. When the bytes at the head do not make a frame, one byte is skipped and framing is
 * tried again at the next, so a good frame after noise is not lost. Memory is bounded: at most
 * two frames' worth of input (108 bytes) plus one skipped run (54 bytes).
 *
 * <p>Not thread-safe: one decoder per line, fed by one reader.
 */
public final class LockBoardDecoder {

    /** Which side of the line this decoder reads: a board reads requests, the gateway replies. */
    public enum Reads { REQUESTS, REPLIES }

    /** Why the bytes of the current skipped run were skipped; decided by the run's first byte. */
    private enum Skip { GARBAGE, CHECKSUM, TRUNCATED }

    private static final int NEED_MORE = -1;
    private static final int NOT_A_FRAME = 0;

    private final Reads reads;
    private final byte[] buffer = new byte[LockBoardCodec.MAX_FRAME * 2];
    private int start;
    private int end;
    private final byte[] skipped = new byte[LockBoardCodec.MAX_FRAME];
    private int skippedLength;
    private Skip skippedKind;
    /** For a CHECKSUM run, the length of the bad frame its first byte began. */
    private int skippedFrameLength;
    /** Set only inside {@link #flush()}: no byte will complete a frame that has begun. */
    private boolean endOfStream;

    public LockBoardDecoder(Reads reads) {
        this.reads = reads;
    }

    public List<LockBoardEvent> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    public List<LockBoardEvent> feed(byte[] data, int offset, int length) {
        List<LockBoardEvent> events = new ArrayList<>(1);
        int consumed = 0;
        while (consumed < length) {
            compact();
            int n = Math.min(length - consumed, buffer.length - end);
            System.arraycopy(data, offset + consumed, buffer, end, n);
            end += n;
            consumed += n;
            decode(events);
        }
        return events;
    }

    /**
     * The line went silent or a reply timed out: whatever is held is reported and the next byte
     * starts afresh. A frame that began and did not end is {@link LockBoardEvent.Truncated}, but a
     * whole frame after its first byte is still found, so a cut-off reply does not hide the next.
     */
    public List<LockBoardEvent> flush() {
        List<LockBoardEvent> events = new ArrayList<>(1);
        endOfStream = true;
        decode(events);
        endOfStream = false;
        emitSkipped(events);
        start = 0;
        end = 0;
        return events;
    }

    /** Bytes held and not yet reported. */
    public int pending() {
        return end - start + skippedLength;
    }

    private void decode(List<LockBoardEvent> events) {
        while (end > start) {
            int length = frameLength();
            if (length == NEED_MORE) {
                if (!endOfStream) {
                    return;
                }
                skip(Skip.TRUNCATED, 0, events);
            } else if (length == NOT_A_FRAME) {
                skip(Skip.GARBAGE, 0, events);
            } else if (LockBoardCodec.checksum(buffer, start, length - 1) != (buffer[start + length - 1] & 0xFF)) {
                skip(Skip.CHECKSUM, length, events);
            } else {
                emitSkipped(events);
                events.add(LockBoardCodec.decode(reads, buffer, start, length));
                start += length;
            }
        }
    }

    /**
     * The length of the frame at the head once all its bytes are here, NEED_MORE until then, or
     * NOT_A_FRAME as soon as a structural byte is wrong.
     */
    private int frameLength() {
        int first = at(0);
        if (first != LockBoardCodec.START_OPEN && first != LockBoardCodec.START_READ) {
            return NOT_A_FRAME;
        }
        if (reads == Reads.REQUESTS) {
            return requestLength(first);
        }
        if (first == LockBoardCodec.START_OPEN) {
            return complete(LockBoardCodec.SHORT_FRAME);
        }
        if (available() < 3) {
            return NEED_MORE;
        }
        if (at(2) != LockBoardCodec.ALL_CHANNELS) {
            return complete(LockBoardCodec.SHORT_FRAME);
        }
        return allStatesLength();
    }

    private int requestLength(int first) {
        if (available() < 4) {
            return NEED_MORE;
        }
        int command = at(3);
        boolean known = first == LockBoardCodec.START_OPEN
                ? command == LockBoardCodec.CMD_OPEN || command == LockBoardCodec.CMD_OPEN_ALL
                : command == LockBoardCodec.CMD_READ;
        return known ? complete(LockBoardCodec.SHORT_FRAME) : NOT_A_FRAME;
    }

    private int allStatesLength() {
        if (available() < 4) {
            return NEED_MORE;
        }
        int count = at(3);
        if (count < 1 || count > LockBoardFrame.MAX_CHANNELS) {
            return NOT_A_FRAME;
        }
        int length = count + LockBoardCodec.ALL_STATES_OVERHEAD;
        if (available() < length) {
            return NEED_MORE;
        }
        return at(length - 2) == LockBoardCodec.CMD_READ ? length : NOT_A_FRAME;
    }

    private int complete(int length) {
        return available() < length ? NEED_MORE : length;
    }

    private int available() {
        return end - start;
    }

    private int at(int index) {
        return buffer[start + index] & 0xFF;
    }

    private void skip(Skip kind, int frameLength, List<LockBoardEvent> events) {
        if (skippedLength > 0 && startsNewRun(kind)) {
            emitSkipped(events);
        }
        if (skippedLength == 0) {
            skippedKind = kind;
            skippedFrameLength = frameLength;
        }
        skipped[skippedLength++] = buffer[start++];
    }

    /**
     * Whether a byte skipped for {@code kind} ends the current run. A truncated run keeps every
     * byte after its first, since all of them lie inside the frame that was cut off; a bad frame
     * is reported by itself, so two damaged frames in a row give two checksum errors.
     */
    private boolean startsNewRun(Skip kind) {
        if (skippedLength == skipped.length) {
            return true;
        }
        if (skippedKind == Skip.TRUNCATED) {
            return false;
        }
        if (kind == Skip.TRUNCATED) {
            return true;
        }
        if (skippedKind == Skip.CHECKSUM) {
            return skippedLength == skippedFrameLength;
        }
        return kind == Skip.CHECKSUM;
    }

    private void emitSkipped(List<LockBoardEvent> events) {
        if (skippedLength == 0) {
            return;
        }
        Bytes bytes = Bytes.copyOf(skipped, 0, skippedLength);
        events.add(switch (skippedKind) {
            case TRUNCATED -> new LockBoardEvent.Truncated(bytes);
            // Fewer bytes than the frame means a good frame began inside it: not one damaged frame.
            case CHECKSUM -> skippedLength == skippedFrameLength
                    ? new LockBoardEvent.ChecksumError(bytes) : new LockBoardEvent.Garbage(bytes);
            case GARBAGE -> new LockBoardEvent.Garbage(bytes);
        });
        skippedLength = 0;
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}
