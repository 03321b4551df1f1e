package org.anju.agent.gate;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.control.ControlLoop;
import org.anju.agent.control.CommandResult;
import org.anju.agent.occupancy.Occupancy;
import org.anju.agent.occupancy.SiteOccupancy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Runs one {@link GateController} on one Vert.x context, as a door runtime runs its door: readers,
 * the exit button, the turnstile's polls and the fire inputs are queued onto the context in
 * arrival order; writes go to the turnstile with a timeout; each passage goes to the building's
 * {@link SiteOccupancy}, which records it with the count. Nothing here blocks.
 */
public final class GateRuntime {
    public static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(3);

    private final GateController controller;
    private final Turnstile turnstile;
    private final SiteOccupancy occupancy;
    private final Consumer<GateEvent> events;
    private final String gateId;
    private final String building;
    private final ControlLoop loop;
    private volatile boolean free;
    private final java.util.concurrent.atomic.AtomicInteger misreads = new java.util.concurrent.atomic.AtomicInteger();

    GateRuntime(Vertx vertx, String gateId, String building, GateController controller, Turnstile turnstile,
                SiteOccupancy occupancy, Consumer<GateEvent> events) {
        this.controller = controller;
        this.turnstile = turnstile;
        this.occupancy = occupancy;
        this.events = events;
        this.gateId = gateId;
        this.building = building;
        this.loop = new ControlLoop(vertx, "gate " + gateId, DEVICE_TIMEOUT,
                (actuation, result) -> process(new GateInput.DeviceReport(actuation, result)), () -> process(new GateInput.Tick()));
    }

    public String gateId() {
        return gateId;
    }

    public String building() {
        return building;
    }

    /** Whether a fire holds the gate free, as of the last step. */
    public boolean free() {
        return free;
    }

    /**
     * A credential at a reader (or a phone), judged by the roster; answered "opened" once the lane
     * took the open. {@code holder} names who leaves even when their stay has ended.
     */
    public Future<CommandResult> present(String requestId, GateController.Way way, String credential, Optional<String> holder,
                                         AccessDecision decision) {
        return loop.command(requestId, () -> {
            boolean inside = holder.map(t -> occupancy.isInside(building, t)).orElse(false);
            process(new GateInput.Present(requestId, way, credential, holder, decision, inside));
        });
    }

    /** A reader's frame that failed parity or length: the person presents the card again. */
    void misread() {
        misreads.incrementAndGet();
    }

    /** Frames at this gate's readers that failed parity or length since start, for diagnostics. */
    public int misreads() {
        return misreads.get();
    }

    public void exitButton() {
        loop.feed(() -> process(new GateInput.ExitButton()));
    }

    public void fireAlarm(String input, boolean active) {
        loop.feed(() -> process(new GateInput.FireAlarm(input, active)));
    }

    /** A poll of any device; this lane's counters are taken. From the bus thread. */
    public void onSnapshot(RegisterSnapshot snapshot) {
        turnstile.counts(snapshot).ifPresent(c -> loop.feed(() -> process(new GateInput.Counts(c[0], c[1]))));
    }

    public Future<Void> close() {
        return loop.close();
    }

    private void process(GateInput input) {
        long now = ControlLoop.now();
        GateAction.Step step = controller.handle(input, now);
        free = controller.free();
        for (GateAction a : step.actions()) {
            if (a instanceof GateAction.Open o) {
                loop.actuate(o.actuation(), () -> turnstile.open(o.way()));
            } else if (a instanceof GateAction.SetFree f) {
                loop.actuate(f.actuation(), () -> turnstile.free(f.free()));
            } else if (a instanceof GateAction.Passed p) {
                occupancy.passage(gateId, building, p.way() == GateController.Way.IN ? Occupancy.Direction.IN : Occupancy.Direction.OUT,
                        p.tenant(), p.how(), p.entries(), p.exits());
            } else if (a instanceof GateAction.Emit e) {
                events.accept(e.event());
            } else if (a instanceof GateAction.Reply r) {
                loop.answer(r.requestId(), r.result());
            }
        }
        loop.wakeAt(step.wakeAt(), now);
    }
}
