package org.anju.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.anju.protocol.wiegand.WiegandCodec;
import org.anju.protocol.wiegand.WiegandResult;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any pulse train a reader (or someone with wires at the reader's cable) produces decodes to a
 * card or a reason, never an exception; a card decoded is exactly the one that encodes to those
 * bits, so parity is never waved through.
 */
class WiegandFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyBitsAreACardThatEncodesBackOrARefusal(FuzzedDataProvider data) {
        boolean[] bits = data.consumeBooleans(data.consumeInt(0, 80));

        WiegandResult result = WiegandCodec.decode(bits);

        if (result instanceof WiegandResult.Card card) {
            assertThat(onWire(WiegandCodec.encode(card))).isEqualTo(onWire(bits));
        } else {
            assertThat(((WiegandResult.Rejected) result).reason()).isNotBlank();
        }
    }

    private static String onWire(boolean[] bits) {
        StringBuilder s = new StringBuilder(bits.length);
        for (boolean bit : bits) {
            s.append(bit ? '1' : '0');
        }
        return s.toString();
    }
}
