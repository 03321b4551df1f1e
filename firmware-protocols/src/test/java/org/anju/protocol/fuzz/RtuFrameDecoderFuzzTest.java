package org.anju.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrameDecoder;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes a noisy RS-485 line carries, the RTU decoder returns events and never throws,
 * and how the bytes were chunked by the transport changes nothing it reports.
 */
class RtuFrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyLineBytesInAnyChunksDecodeAlike(FuzzedDataProvider data) {
        RtuFrameDecoder.Reads side = data.consumeBoolean() ? RtuFrameDecoder.Reads.REQUESTS : RtuFrameDecoder.Reads.RESPONSES;
        int[] cuts = data.consumeInts(8);
        byte[] line = data.consumeRemainingAsBytes();

        RtuFrameDecoder whole = new RtuFrameDecoder(side);
        List<RtuEvent> atOnce = new ArrayList<>(whole.feed(line));
        atOnce.addAll(whole.flush());

        RtuFrameDecoder chunked = new RtuFrameDecoder(side);
        List<RtuEvent> inChunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < line.length; i++) {
            int n = Math.min(line.length - at, 1 + Math.floorMod(cuts.length == 0 ? 7 : cuts[i % cuts.length], 300));
            inChunks.addAll(chunked.feed(line, at, n));
            at += n;
        }
        inChunks.addAll(chunked.flush());

        assertThat(inChunks).isEqualTo(atOnce);
    }
}
