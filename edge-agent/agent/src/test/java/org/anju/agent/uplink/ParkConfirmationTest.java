package org.anju.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.uplink.UplinkStatus;

import io.vertx.core.Vertx;

/**
 * "The broker takes our events and the park confirms none" becomes one {@code park.unconfirmed}
 * ALARM in the outbox while it lasts, naming the problem (never a payload), and one
 * {@code park.confirmed} once receipts come again; in a real outbox on disk.
 */
class ParkConfirmationTest {
    private static UplinkStatus status(boolean unconfirmed, long receiptAge, String problem) {
        return new UplinkStatus(UplinkStatus.Link.CONNECTED, 3, 1, 0, 120, 0, 0, problem, 120, 0, 0, 0, receiptAge,
                unconfirmed, false);
    }

    @Test
    void oneAlarmWhileTheParkConfirmsNothingAndOneStateEventWhenItDoesAgain(@TempDir Path dir) throws Exception {
        GatewayDatabase db = ((OpenResult.Opened) GatewayDatabase.open(dir.resolve("gateway.db"))).database();
        Vertx vertx = Vertx.vertx();
        try (Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            EventLog events = new EventLog(outbox, vertx);
            ParkConfirmation watch = new ParkConfirmation();
            watch.check(status(false, -1, null), events);
            watch.check(status(true, -1, "the broker says nobody subscribes to anju/v1/p/gw/events (0x10)"), events);
            watch.check(status(true, -1, "the broker says nobody subscribes to anju/v1/p/gw/events (0x10)"), events);
            watch.check(status(false, 10, null), events);
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.after(0, 100).join().size() == 2);
            List<OutboxEvent> recorded = outbox.after(0, 100).join();
            assertThat(recorded).extracting(OutboxEvent::type).containsExactly("park.unconfirmed", "park.confirmed");
            assertThat(recorded.get(0).priority()).isEqualTo(Priority.ALARM);
            assertThat(recorded.get(0).payload()).contains("nobody subscribes").contains("\"unconfirmedEvents\":120");
            assertThat(recorded.get(1).priority()).isEqualTo(Priority.STATE);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            db.close();
        }
    }
}
