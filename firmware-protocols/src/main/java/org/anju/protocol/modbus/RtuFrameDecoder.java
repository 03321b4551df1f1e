package org.anju.protocol.modbus;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.Bytes;

/**
 * Cuts a Modbus RTU byte stream into frames without looking at time. The length of every frame
 * this codec knows follows from its first bytes, so the decoder needs no 3.5-character silence
 * to find frame ends and gives the same events however the stream is chunked.
 *
 * <p>When the bytes at the head do not make a good frame, one byte is skipped and framing is
 * tried again at the next one, so a good frame after noise is never lost. The skipped run is
 * reported as a {@link RtuEvent.CrcError} when it was exactly one frame with a bad CRC, and as
 * {@link RtuEvent.Garbage} otherwise. Memory is bounded: the decoder holds at most one frame
 * (256 bytes) plus one skipped run (256 bytes).
 */
public final class RtuFrameDecoder {

    /** Which side of the line this decoder reads: a slave reads requests, a master responses. */
    public enum Reads { REQUESTS, RESPONSES }

    private static final int NEED_MORE = -1;
    private static final int NOT_A_FRAME = 0;

    private final Reads reads;
    private final byte[] buffer = new byte[ModbusLimits.MAX_RTU_FRAME * 2];
    private int start;
    private int end;
    private final byte[] skipped = new byte[ModbusLimits.MAX_RTU_FRAME];
    private int skippedLength;
    /** Length of the frame the first skipped byte began, had its CRC matched; 0 when it began none. */
    private int skippedFrameLength;

    public RtuFrameDecoder(Reads reads) {
        this.reads = reads;
    }

    public List<RtuEvent> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    public List<RtuEvent> feed(byte[] data, int offset, int length) {
        List<RtuEvent> events = new ArrayList<>(1);
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
     * The line went silent or a response timed out: whatever is held is reported, and the next
     * byte starts a new frame. No more bytes will come for a frame the head claims, so a good frame
     * held behind such a false start comes out as a frame; what is left is reported as truncated.
     * Returns an empty list when nothing was held.
     */
    public List<RtuEvent> flush() {
        List<RtuEvent> events = new ArrayList<>(1);
        for (int next = nextGoodFrame(); next > 0; next = nextGoodFrame()) {
            while (start < next) {
                skip(NOT_A_FRAME, events);
            }
            decode(events);
        }
        emitSkipped(events);
        if (end > start) {
            events.add(new RtuEvent.Truncated(Bytes.copyOf(buffer, start, end - start)));
        }
        start = 0;
        end = 0;
        return events;
    }

    /** Bytes held while waiting for the rest of a frame. */
    public int pending() {
        return end - start + skippedLength;
    }

    /** Where the first complete frame with a good CRC after the head begins, or -1. */
    private int nextGoodFrame() {
        for (int at = start + 1; end - at >= 2; at++) {
            int length = frameLength(at);
            if (length > 0 && end - at >= length && Crc16.matches(buffer, at, length)) {
                return at;
            }
        }
        return -1;
    }

    private void decode(List<RtuEvent> events) {
        while (end - start >= 2) {
            int length = frameLength(start);
            if (length == NEED_MORE || (length > 0 && end - start < length)) {
                return;
            }
            if (length == NOT_A_FRAME || !Crc16.matches(buffer, start, length)) {
                skip(length, events);
                continue;
            }
            emitSkipped(events);
            events.add(toEvent(length));
            start += length;
        }
    }

    private RtuEvent toEvent(int length) {
        int unit = buffer[start] & 0xFF;
        PduDecoding pdu = reads == Reads.REQUESTS
                ? ModbusPduCodec.decodeRequest(buffer, start + 1, length - 3)
                : ModbusPduCodec.decodeResponse(buffer, start + 1, length - 3);
        if (pdu instanceof PduDecoding.Decoded d) {
            return new RtuEvent.Frame(unit, d.pdu());
        }
        PduDecoding.Malformed m = (PduDecoding.Malformed) pdu;
        return new RtuEvent.Rejected(unit, m.function(), m.answer(), m.reason());
    }

    /** The length of the frame starting at {@code at}, NEED_MORE, or NOT_A_FRAME. */
    private int frameLength(int at) {
        int unit = buffer[at] & 0xFF;
        int fc = buffer[at + 1] & 0xFF;
        if (unit > ModbusLimits.MAX_UNIT) {
            return NOT_A_FRAME;
        }
        if (reads == Reads.REQUESTS) {
            return switch (fc) {
                case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 -> 8;
                case 0x0F, 0x10 -> lengthFromByteCount(at, 6, 9);
                default -> NOT_A_FRAME;
            };
        }
        if (fc > 0x80) {
            return 5;
        }
        return switch (fc) {
            case 0x01, 0x02, 0x03, 0x04 -> lengthFromByteCount(at, 2, 5);
            case 0x05, 0x06, 0x0F, 0x10 -> 8;
            default -> NOT_A_FRAME;
        };
    }

    private int lengthFromByteCount(int at, int countAt, int overhead) {
        if (end - at <= countAt) {
            return NEED_MORE;
        }
        int count = buffer[at + countAt] & 0xFF;
        int length = overhead + count;
        return length > ModbusLimits.MAX_RTU_FRAME ? NOT_A_FRAME : length;
    }

    private void skip(int frameLength, List<RtuEvent> events) {
        if (skippedLength == skipped.length) {
            emitSkipped(events);
        }
        if (skippedLength == 0) {
            skippedFrameLength = frameLength;
        }
        skipped[skippedLength++] = buffer[start++];
    }

    private void emitSkipped(List<RtuEvent> events) {
        if (skippedLength == 0) {
            return;
        }
        int crcLength = skippedFrameLength > 0 && skippedFrameLength <= skippedLength ? skippedFrameLength : 0;
        if (crcLength > 0) {
            events.add(new RtuEvent.CrcError(Bytes.copyOf(skipped, 0, crcLength)));
        }
        if (skippedLength > crcLength) {
            events.add(new RtuEvent.Garbage(Bytes.copyOf(skipped, crcLength, skippedLength - crcLength)));
        }
        skippedLength = 0;
        skippedFrameLength = 0;
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}
