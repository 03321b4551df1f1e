package org.anju.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.lockboard.LockBoardDecoder;
import org.anju.protocol.lockboard.LockBoardEvent;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a lock board's bus carries, the decoder returns events and never throws, holds no
 * more than a frame, and reports the same whichever way the bytes were chunked.
 */
class LockBoardDecoderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyBoardBytesInAnyChunksDecodeAlike(FuzzedDataProvider data) {
        LockBoardDecoder.Reads side = data.consumeBoolean() ? LockBoardDecoder.Reads.REQUESTS : LockBoardDecoder.Reads.REPLIES;
        int[] cuts = data.consumeInts(8);
        byte[] line = data.consumeRemainingAsBytes();

        LockBoardDecoder whole = new LockBoardDecoder(side);
        List<LockBoardEvent> atOnce = new ArrayList<>(whole.feed(line));
        atOnce.addAll(whole.flush());

        LockBoardDecoder chunked = new LockBoardDecoder(side);
        List<LockBoardEvent> inChunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < line.length; i++) {
            int n = Math.min(line.length - at, 1 + Math.floorMod(cuts.length == 0 ? 5 : cuts[i % cuts.length], 64));
            inChunks.addAll(chunked.feed(line, at, n));
            assertThat(chunked.pending()).as("bytes held between chunks").isLessThanOrEqualTo(512);
            at += n;
        }
        inChunks.addAll(chunked.flush());

        assertThat(inChunks).isEqualTo(atOnce);
    }
}
