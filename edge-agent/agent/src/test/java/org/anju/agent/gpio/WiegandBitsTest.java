package org.anju.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WiegandBitsTest {
    private static final long MS = 1_000_000L;

    @Test
    void bitsBecomeAFrameAfterTheQuietGap() {
        WiegandBits w = new WiegandBits(25 * MS);
        int[] sent = {1, 0, 1, 1, 0};
        for (int i = 0; i < sent.length; i++) {
            assertThat(w.bit(sent[i], i * 2 * MS)).isEmpty();
        }
        assertThat(w.deadline()).hasValue(8 * MS + 25 * MS);
        assertThat(w.poll(32 * MS)).isEmpty();
        WiegandFrame f = w.poll(33 * MS).orElseThrow();
        assertThat(f).isEqualTo(new WiegandFrame(5, 0b10110));
        assertThat(f.bit(0)).isEqualTo(1);
        assertThat(f.bit(4)).isEqualTo(0);
        assertThat(w.deadline()).isEmpty();
    }

    @Test
    void aBitAfterAnUnpolledGapEndsThePreviousFrame() {
        WiegandBits w = new WiegandBits(25 * MS);
        w.bit(1, 0);
        w.bit(1, 2 * MS);
        assertThat(w.bit(0, 100 * MS)).contains(new WiegandFrame(2, 0b11));
        assertThat(w.poll(200 * MS)).contains(new WiegandFrame(1, 0));
    }

    @Test
    void aFrameLongerThan64BitsIsDroppedWhole() {
        WiegandBits w = new WiegandBits(25 * MS);
        for (int i = 0; i < 70; i++) {
            w.bit(1, i * MS);
        }
        assertThat(w.poll(200 * MS)).isEmpty();
        w.bit(1, 300 * MS);
        assertThat(w.poll(400 * MS)).contains(new WiegandFrame(1, 1));
    }
}
