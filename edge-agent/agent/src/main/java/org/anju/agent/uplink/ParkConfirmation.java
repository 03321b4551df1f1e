package org.anju.agent.uplink;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.uplink.UplinkStatus;

import io.vertx.core.Vertx;

/**
 * Turns "the broker takes our events and the park confirms none of them" into an event a person
 * sees: {@code park.unconfirmed} at ALARM priority when it starts (a wrong broker user, a bridge
 * that is down or subscribed to nothing), {@code park.confirmed} once receipts come again. The
 * events wait in the outbox like any other until the park confirms them too.
 */
final class ParkConfirmation {
    private static final System.Logger LOG = System.getLogger(ParkConfirmation.class.getName());

    /** What the alarm says; tenants and payloads are never in it. */
    record Unconfirmed(int unconfirmedEvents, long parkConfirmedSeq, long lastReceiptAgeMillis, String lastProblem) {
    }

    record Confirmed(long parkConfirmedSeq) {
    }

    private boolean raised;

    static void watch(Vertx vertx, Supplier<UplinkStatus> status, EventLog events, long everyMillis) {
        ParkConfirmation watch = new ParkConfirmation();
        vertx.setPeriodic(everyMillis, t -> watch.check(status.get(), events));
    }

    void check(UplinkStatus s, EventLog events) {
        if (s.parkUnconfirmed() && !raised) {
            raised = true;
            LOG.log(Level.ERROR, "the park has confirmed nothing for a while though the broker takes the events;"
                    + " they stay in the outbox: {0}", s.lastProblem());
            events.record(Priority.ALARM, "park.unconfirmed", new Unconfirmed(s.unconfirmedEvents(),
                    s.parkConfirmedSeq(), s.lastReceiptAgeMillis(), s.lastProblem()));
        } else if (!s.parkUnconfirmed() && raised && s.lastReceiptAgeMillis() >= 0) {
            raised = false;
            events.record(Priority.STATE, "park.confirmed", new Confirmed(s.parkConfirmedSeq()));
        }
    }
}
