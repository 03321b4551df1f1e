package org.anju.firmware.line;

import org.anju.protocol.modbus.LinePacing;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

/**
 * A paced line is one wire: a request and the reply to it take their turns on it, each at least
 * its characters' time, with the RTU silence between. Only lower bounds are asserted: a slow
 * machine makes these take longer, never shorter.
 */
class LinePacingTest {
    private static final int BAUD = 9600;
    private static final long CHAR_NANOS = 1_000_000_000L * 11 / BAUD;

    @Test
    void aRequestReachesTheDeviceOnlyAfterItsWireTimeAndTheReplyWaitsOutTheSilence() throws Exception {
        LinePacing line = LinePacing.atBaud(BAUD);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        line.receive(64);
        long requestDone = System.nanoTime();
        line.send(new byte[32], sink::write);
        long replyDone = System.nanoTime();

        assertThat(requestDone - t0).isGreaterThanOrEqualTo(64 * CHAR_NANOS);
        // the reply's first byte goes after the silence, its last 31 characters later
        assertThat(replyDone - t0).isGreaterThanOrEqualTo(64 * CHAR_NANOS + line.silenceNanos() + 31 * CHAR_NANOS);
        assertThat(sink.size()).isEqualTo(32);
    }

    @Test
    void anUnpacedLineHoldsNothing() {
        LinePacing line = LinePacing.unpaced();
        line.receive(1_000_000); // would be 19 minutes at 9600 baud
        assertThat(line.paced()).isFalse();
    }
}
