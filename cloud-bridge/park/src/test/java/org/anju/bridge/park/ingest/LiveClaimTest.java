package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;

/** What the live connection takes ahead of any backlog: alarms, and door events happening now, not a gateway's backlog of them. */
class LiveClaimTest {
    private static final Topics GW = new Topics("huaqiao", "gw-b07");

    private static EventBatch batch(Priority priority, long sentAt, long... ts) {
        List<EventBatch.Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            events.add(new EventBatch.Event(i + 1, ts[i], priority, priority == Priority.ALARM ? "alarm.raised"
                    : "door.access_granted", "{}"));
        }
        return EventBatch.of(GW, 1, 0, sentAt, events);
    }

    @Test
    void alarmsAndAccessBatchesAreClaimedByWhatTheySayTheyHold() {
        byte[] alarm = ContractJson.encode(batch(Priority.ALARM, 1_000, 1_000));
        byte[] access = ContractJson.encode(batch(Priority.ACCESS, 1_000, 1_000));
        assertThat(Ingest.claimedUrgent(alarm)).isEqualTo(Priority.ALARM);
        assertThat(Ingest.claimedUrgent(access)).isEqualTo(Priority.ACCESS);
        assertThat(Ingest.claimedUrgent("{\"priority\":\"NORMAL\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void doorEventsRecordedWellBeforeTheyWereSentAreBacklogByTheGatewaysOwnClock() {
        long now = 1_800_000_000_000L;
        assertThat(Ingest.backlog(batch(Priority.ACCESS, now, now - 2_000))).as("a door open two seconds ago").isFalse();
        assertThat(Ingest.backlog(batch(Priority.ACCESS, now, now - 3_600_000, now - 600_000)))
                .as("opens an hour and ten minutes before the gateway could send them").isTrue();
        assertThat(Ingest.backlog(batch(Priority.ACCESS, now, now - 3_600_000, now - 1_000)))
                .as("a batch that ends with something happening now").isFalse();
        assertThat(Ingest.backlog(batch(Priority.ACCESS, now, now - Ingest.BACKLOG_MILLIS))).isFalse();
        assertThat(Ingest.backlog(batch(Priority.ACCESS, now, now - Ingest.BACKLOG_MILLIS - 1))).isTrue();
    }
}
