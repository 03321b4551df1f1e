package org.anju.protocol.wiegand;

import static org.assertj.core.api.Assertions.assertThat;

import org.anju.protocol.wiegand.WiegandResult.Card;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** All CPU (16.7 million cards): "compute", run in a JVM with C2 (the module's pom). */
@Tag("compute")
class WiegandExhaustiveTest {

    /** All 16,777,216 26-bit cards; sampling would only suggest what this proves. */
    @Test
    void everyTwentySixBitCardRoundTrips() {
        long mismatches = 0;
        for (int facility = 0; facility <= 255; facility++) {
            for (int number = 0; number <= 0xFFFF; number++) {
                Card card = new Card(WiegandFormat.H10301, facility, number);
                if (!card.equals(WiegandCodec.decode(26, WiegandCodec.encodeValue(card)))) {
                    mismatches++;
                }
            }
        }
        assertThat(mismatches).isZero();
    }
}
