package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The warm-up runs the very check a retained birth goes through (signature, then the birth read
 * back): were it to fail quietly (a birth the contract no longer accepts, a key the check refuses),
 * it would compile nothing the bridge uses and the first births after a start would be checked
 * slowly again.
 */
class BirthCheckWarmUpTest {
    @Test
    void everyRoundChecksASignedBirthAndReadsItBack() {
        assertThat(BirthCheckWarmUp.run("huaqiao", 25)).isEqualTo(25);
    }

    /** The bridge's start waits for it before its live subscription: it must end, and end normally, even for no building. */
    @Test
    void theWarmUpBesideTheStartEndsWhateverTheParksSize() {
        for (int buildings : new int[] {0, 1, 40}) {
            assertThat(Ingest.warmUp("huaqiao", buildings)).succeedsWithin(java.time.Duration.ofSeconds(30));
        }
    }
}
