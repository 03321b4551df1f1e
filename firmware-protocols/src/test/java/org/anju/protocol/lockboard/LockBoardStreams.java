package org.anju.protocol.lockboard;

import java.util.List;

/** Test helpers over event lists. */
final class LockBoardStreams {
    private LockBoardStreams() {
    }

    /** How many line bytes the events account for; the decoder must account for every byte fed. */
    static long byteCount(List<LockBoardEvent> events) {
        long n = 0;
        for (LockBoardEvent e : events) {
            n += length(e);
        }
        return n;
    }

    static int length(LockBoardEvent e) {
        if (e instanceof LockBoardEvent.Frame f) {
            return LockBoardCodec.encode(f.frame()).length;
        } else if (e instanceof LockBoardEvent.Rejected r) {
            return r.bytes().length();
        } else if (e instanceof LockBoardEvent.ChecksumError c) {
            return c.bytes().length();
        } else if (e instanceof LockBoardEvent.Garbage g) {
            return g.bytes().length();
        }
        return ((LockBoardEvent.Truncated) e).bytes().length();
    }
}
