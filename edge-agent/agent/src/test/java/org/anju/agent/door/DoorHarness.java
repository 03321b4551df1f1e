package org.anju.agent.door;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;

/**
 * Drives a {@link DoorController} the way the runtime does, in simulated time: ticks at every
 * deadline it asks for, and answers every lock action (by default with Done) at once. Records
 * the lock's state as the actions leave it, the events and the replies.
 */
final class DoorHarness {
    final DoorController controller;
    long now;
    boolean lockReleased;
    long lastPulseStart = Long.MIN_VALUE;
    final List<DoorEvent> events = new ArrayList<>();
    final Map<String, List<CommandResult>> replies = new TreeMap<>();
    final List<DoorAction> lastActions = new ArrayList<>();
    /** How the lock answers each actuation; Done unless a test says otherwise. */
    LongFunction<LockResult> lock = a -> new LockResult.Done(true);
    /** Run after every input and every tick, once the lock's answers are in; for invariants. */
    java.util.function.Consumer<DoorStep> afterStep = s -> { };
    private OptionalLong wakeAt = OptionalLong.empty();

    DoorHarness(DoorConfig config) {
        controller = new DoorController(config);
    }

    /** Lets time pass to {@code until}, ticking at each deadline on the way. */
    DoorHarness advanceTo(long until) {
        while (wakeAt.isPresent() && wakeAt.getAsLong() <= until) {
            now = Math.max(now, wakeAt.getAsLong());
            afterStep.accept(apply(new DoorInput.Tick()));
        }
        now = Math.max(now, until);
        return this;
    }

    DoorHarness after(long millis) {
        return advanceTo(now + millis);
    }

    DoorHarness send(DoorInput input) {
        lastActions.clear();
        afterStep.accept(apply(input));
        return this;
    }

    private DoorStep apply(DoorInput input) {
        DoorStep step = controller.handle(input, now);
        wakeAt = step.wakeAt();
        List<DoorInput.LockReport> reports = new ArrayList<>();
        for (DoorAction a : step.actions()) {
            lastActions.add(a);
            if (a instanceof DoorAction.Release r) {
                lockReleased = true;
                lastPulseStart = now;
                reports.add(new DoorInput.LockReport(r.actuation(), lock.apply(r.actuation())));
            } else if (a instanceof DoorAction.HoldReleased h) {
                lockReleased = true;
                reports.add(new DoorInput.LockReport(h.actuation(), lock.apply(h.actuation())));
            } else if (a instanceof DoorAction.Secure s) {
                lockReleased = false;
                reports.add(new DoorInput.LockReport(s.actuation(), lock.apply(s.actuation())));
            } else if (a instanceof DoorAction.Emit e) {
                events.add(e.event());
            } else if (a instanceof DoorAction.Reply r) {
                replies.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r.result());
            }
        }
        for (DoorInput.LockReport r : reports) {
            apply(r);
        }
        return step;
    }

    OptionalLong wakeAt() {
        return wakeAt;
    }

    DoorPhase phase() {
        return controller.phase();
    }

    String door() {
        return controller.config().doorId();
    }

    <T extends DoorEvent> long count(Class<T> type) {
        return events.stream().filter(type::isInstance).count();
    }

    List<DoorEvent> takeEvents() {
        List<DoorEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    CommandResult reply(String requestId) {
        List<CommandResult> r = replies.get(requestId);
        return r == null || r.isEmpty() ? null : r.get(r.size() - 1);
    }
}
