package org.anju.agent.lift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.Credential;
import org.anju.agent.access.DenyReason;
import org.anju.agent.access.TenantAccess;
import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.door.CardReaders;
import org.anju.agent.control.CommandResult;
import org.anju.agent.door.WiegandReader;
import org.anju.agent.event.EventLog;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.PinClaim;
import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.Lift;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.Site;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Starts a runtime for every lift of a site: its floors' relays on their boards, its card reader
 * judged by the roster and the site's floors, and its fire inputs. A lift that cannot start (a
 * reader's pin taken) is reported and the others run.
 */
public final class SiteLifts {
    private final Map<String, LiftRuntime> lifts = new LinkedHashMap<>();
    private final Map<String, HomeFloors> homes = new LinkedHashMap<>();
    private final Map<String, List<String>> fireInputs = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final AccessDecider decider;
    private final Supplier<Instant> accessClock;

    private SiteLifts(AccessDecider decider, Supplier<Instant> accessClock) {
        this.decider = decider;
        this.accessClock = accessClock;
    }

    /**
     * @param released    the lifts a fire released before the gateway stopped (they stay released)
     * @param accessClock the time stays are judged by ({@code AccessClock::now})
     * @param clock       the wall clock; its zone is replaced by the building's for floors' hours
     */
    public static SiteLifts start(Vertx vertx, Site site, GpioBoard gpio, SiteBuses buses, AccessDecider decider,
                                  Supplier<Instant> accessClock, Map<String, Instant> released, EventLog events, Clock clock) {
        SiteLifts started = new SiteLifts(decider, accessClock);
        Clock local = clock.withZone(site.gateway().timeZone());
        List<String> allInputs = site.alarmInputs().stream().map(AlarmInput::id).toList();
        for (Lift lift : site.lifts()) {
            Map<String, LiftBoard.Output> outputs = new LinkedHashMap<>();
            for (Lift.Stop stop : lift.floors()) {
                SiteBuses.ModbusDevice board = buses.modbusDevices().get(stop.relay());
                RelayBoardProfile profile = (RelayBoardProfile) board.device().profile();
                outputs.put(stop.floor(), new LiftBoard.Output(stop.relay(), board.client(), board.device().address(),
                        profile.relayOf(stop.channel())));
            }
            LiftRuntime runtime = LiftRuntime.start(vertx, LiftConfig.of(lift), released.containsKey(lift.id()),
                    new LiftBoard(outputs), e -> LiftEvents.record(events, e, clock.instant()), local);
            started.lifts.put(lift.id(), runtime);
            started.homes.put(lift.id(), HomeFloors.of(site, lift));
            started.fireInputs.put(lift.id(), lift.alarmInputs().isEmpty() ? allInputs : lift.alarmInputs());
            lift.reader().ifPresent(reader -> started.attachReader(vertx, gpio, lift, reader));
        }
        return started;
    }

    private void attachReader(Vertx vertx, GpioBoard gpio, Lift lift, org.anju.profiles.model.ReaderBinding reader) {
        PinClaim<WiegandReader> claim = CardReaders.attach(vertx, gpio, lift.id() + " reader", reader, new CardReaders.Presented() {
            @Override
            public void card(Credential.Card card) {
                ride(lift.id(), "card", decider.holderOf(card), DenyReason.UNKNOWN_CREDENTIAL, "card-" + UUID.randomUUID());
            }

            @Override
            public void keys(String digits) {
                try {
                    ride(lift.id(), "pin", decider.holderOf(new Credential.Pin(digits)), DenyReason.WRONG_PIN,
                            "keypad-" + UUID.randomUUID());
                } catch (IllegalArgumentException notAPin) {
                    ride(lift.id(), "pin", Optional.empty(), DenyReason.WRONG_PIN, "keypad-" + UUID.randomUUID());
                }
            }
        });
        if (claim instanceof PinClaim.Refused<WiegandReader> refused) {
            problems.add(lift.id() + " reader: " + refused.reason());
        }
    }

    /** "Take me home" from a phone: the park vouches for the tenant, the roster and the floors decide. */
    public Future<CommandResult> home(String requestId, String liftId, String tenantId) {
        return ride(liftId, "remote", decider.roster().tenant(tenantId), DenyReason.UNKNOWN_TENANT, requestId);
    }

    private Future<CommandResult> ride(String liftId, String credential, Optional<TenantAccess> rider, DenyReason nobody,
                                       String requestId) {
        LiftDecision decision = homes.get(liftId).decide(decider.roster(), rider, nobody, accessClock.get());
        return lifts.get(liftId).admit(requestId, credential, decision);
    }

    /** A fire input of the site changed: every lift it belongs to releases its floors. */
    public void fire(String input, boolean active) {
        fireInputs.forEach((lift, inputs) -> {
            if (inputs.contains(input)) {
                lifts.get(lift).fireAlarm(input, active);
            }
        });
    }

    /** A relay board was polled: the lifts on it compare what it holds with what they told it. */
    public void onSnapshot(RegisterSnapshot snapshot) {
        lifts.values().forEach(l -> l.boardState(snapshot));
    }

    public Map<String, LiftRuntime> lifts() {
        return lifts;
    }

    public List<String> problems() {
        return problems;
    }

    public void close() {
        lifts.values().forEach(LiftRuntime::close);
    }
}
