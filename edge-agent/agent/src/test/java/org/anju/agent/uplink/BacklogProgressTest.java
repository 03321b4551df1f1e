package org.anju.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the agent says about a draining backlog, observation by observation. */
class BacklogProgressTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void aBacklogIsReportedWithItsRateAndTimeLeftAndOnceWhenItIsGone() {
        BacklogProgress progress = new BacklogProgress();
        assertThat(progress.next(10, 0)).as("a link keeping up says nothing").isNull();
        assertThat(progress.next(90_000, MINUTE)).isEqualTo("uplink backlog: 90000 events to send");
        assertThat(progress.next(60_000, 2 * MINUTE))
                .isEqualTo("uplink backlog: 60000 events to send, draining at 500 events/s, about 120 s left");
        assertThat(progress.next(60_000, 3 * MINUTE)).contains("not draining");
        assertThat(progress.next(0, 4 * MINUTE)).isEqualTo("uplink backlog drained: 0 events left, the link is keeping up");
        assertThat(progress.next(0, 5 * MINUTE)).isNull();
    }
}
