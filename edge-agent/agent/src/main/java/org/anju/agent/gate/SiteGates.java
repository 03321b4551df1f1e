package org.anju.agent.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.Credential;
import org.anju.agent.access.TenantAccess;
import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.door.CardReaders;
import org.anju.agent.control.CommandResult;
import org.anju.agent.door.WiegandReader;
import org.anju.agent.event.EventLog;
import org.anju.agent.event.EventTypes;
import org.anju.agent.gpio.DigitalIn;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.InputPin;
import org.anju.agent.gpio.PinClaim;
import org.anju.agent.occupancy.SiteOccupancy;
import org.anju.bridge.contract.Priority;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.Gate;
import org.anju.profiles.model.Level;
import org.anju.profiles.model.ReaderBinding;
import org.anju.profiles.model.Site;
import org.anju.profiles.model.TurnstileProfile;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Starts a runtime for every gate of a site: its turnstile on its bus, its entry and exit readers
 * judged by the roster (a gate is granted like a door, by its id), its exit button. Every fire
 * input of the site frees every gate. A gate whose pins cannot be claimed is reported and the
 * others run.
 */
public final class SiteGates {
    private final Map<String, GateRuntime> gates = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final AccessDecider decider;
    private final Supplier<Instant> accessClock;

    private SiteGates(AccessDecider decider, Supplier<Instant> accessClock) {
        this.decider = decider;
        this.accessClock = accessClock;
    }

    public static SiteGates start(Vertx vertx, Site site, GpioBoard gpio, SiteBuses buses, AccessDecider decider,
                                  Supplier<Instant> accessClock, SiteOccupancy occupancy, EventLog events) {
        SiteGates started = new SiteGates(decider, accessClock);
        for (Gate gate : site.gates()) {
            SiteBuses.ModbusDevice device = buses.modbusDevices().get(gate.device());
            TurnstileProfile profile = (TurnstileProfile) device.device().profile();
            Duration poll = site.busOf(gate.device()).map(Bus::pollInterval).orElse(Duration.ofSeconds(1));
            // the lane's window, two polls to read the count and the turnstile's own answer time
            Duration wait = profile.passageWindow().plus(poll.multipliedBy(2)).plusSeconds(1);
            GateController controller = new GateController(gate.id(), gate.antiPassback(), wait, occupancy.counters(gate.id()));
            GateRuntime runtime = new GateRuntime(vertx, gate.id(), gate.building(), controller,
                    new Turnstile(gate.device(), device.client(), device.device().address(), profile), occupancy,
                    e -> record(events, e));
            started.gates.put(gate.id(), runtime);
            started.reader(vertx, gpio, gate.id() + " entry reader", gate.entryReader(), runtime, GateController.Way.IN);
            gate.exitReader().ifPresent(r -> started.reader(vertx, gpio, gate.id() + " exit reader", r, runtime,
                    GateController.Way.OUT));
            gate.exitButton().ifPresent(b -> {
                PinClaim<DigitalIn> claim = gpio.input(new InputPin(gate.id() + " exit button", b.pin(),
                        b.activeLevel() == Level.HIGH, b.debounce()), pressed -> {
                            if (pressed) {
                                runtime.exitButton();
                            }
                        });
                if (claim instanceof PinClaim.Refused<DigitalIn> refused) {
                    started.problems.add(gate.id() + " exit button: " + refused.reason());
                }
            });
        }
        return started;
    }

    private void reader(Vertx vertx, GpioBoard gpio, String name, ReaderBinding reader, GateRuntime gate, GateController.Way way) {
        PinClaim<WiegandReader> claim = CardReaders.attach(vertx, gpio, name, reader, new CardReaders.Presented() {
            @Override
            public void card(Credential.Card card) {
                Optional<String> holder = decider.holderOf(card).map(TenantAccess::tenantId);
                gate.present("card-" + UUID.randomUUID(), way, "card", holder, decider.decide(card, gate.gateId(), accessClock.get()));
            }

            @Override
            public void keys(String digits) {
                AccessDecider.KeypadDecision judged = decider.decideEntry(digits, gate.gateId(), accessClock.get());
                Optional<String> holder = judged.decision() instanceof AccessDecision.Granted g ? Optional.of(g.tenantId())
                        : Optional.empty();
                gate.present("keypad-" + UUID.randomUUID(), way, judged.credentialKind(), holder, judged.decision());
            }

            @Override
            public void misread() {
                gate.misread();
            }
        });
        if (claim instanceof PinClaim.Refused<WiegandReader> refused) {
            problems.add(name + ": " + refused.reason());
        }
    }

    /** A phone at the gate (door.open naming it): an entry, judged by the roster like a card. */
    public Future<CommandResult> open(String requestId, String gateId, String tenant) {
        GateRuntime gate = gates.get(gateId);
        return gate.present(requestId, GateController.Way.IN, "remote", Optional.of(tenant),
                decider.decideTenant(tenant, gateId, accessClock.get()));
    }

    private static void record(EventLog events, GateEvent e) {
        Priority priority = e instanceof GateEvent.Intrusion || e instanceof GateEvent.OpenFailed
                || e instanceof GateEvent.FireFree ? Priority.ALARM
                : e instanceof GateEvent.AccessGranted || e instanceof GateEvent.AccessDenied ? Priority.ACCESS
                : Priority.STATE;
        events.record(priority, EventTypes.of("gate", e), e);
    }

    public void fire(String input, boolean active) {
        gates.values().forEach(g -> g.fireAlarm(input, active));
    }

    public void onSnapshot(RegisterSnapshot snapshot) {
        gates.values().forEach(g -> g.onSnapshot(snapshot));
    }

    public Map<String, GateRuntime> gates() {
        return gates;
    }

    public List<String> problems() {
        return problems;
    }

    public void close() {
        gates.values().forEach(GateRuntime::close);
    }
}
