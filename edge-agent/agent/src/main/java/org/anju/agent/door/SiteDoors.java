package org.anju.agent.door;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.Credential;
import org.anju.agent.bus.LockBoardClient;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.PinClaim;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.DoorLockProfile;
import org.anju.profiles.model.GpioInput;
import org.anju.profiles.model.Level;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.Site;

import io.vertx.core.Vertx;

/**
 * Starts a door runtime for every door of a site: GPIO strikes and maglocks on the gateway's
 * pins, lock-board channels through their bus, wireless locks through the CoAP endpoint, card
 * readers on D0/D1 judged against the local roster. A door that cannot start (a pin taken, a
 * board missing, a lock without a key) is reported, and the others run.
 */
public final class SiteDoors {
    /** Where a lock board lives: its client on its bus and its address there. */
    public record BoardAt(LockBoardClient client, int address) {
    }

    private final Map<String, DoorRuntime> doors = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Reader pins are released with the GPIO board; misreads are counted for diagnostics. */
    private volatile int problemsSeen;

    private SiteDoors() {
    }

    public static SiteDoors start(Vertx vertx, Site site, GpioBoard gpio, Function<String, BoardAt> boards,
                                  WirelessLocks wireless, AccessDecider decider, Supplier<Instant> clock,
                                  Consumer<DoorEvent> events) {
        SiteDoors started = new SiteDoors();
        for (Door door : site.doors()) {
            DoorConfig config = config(site, door);
            LockBinding lock = door.lock();
            DoorRuntime runtime = null;
            if (lock instanceof LockBinding.Gpio g) {
                GpioDoor.Start s = GpioDoor.start(vertx, gpio, config, pins(g), events, DoorRuntime.DEFAULT_LOCK_TIMEOUT);
                if (s instanceof GpioDoor.Start.Started ok) {
                    runtime = ok.runtime();
                } else {
                    started.problems.add(door.id() + ": " + ((GpioDoor.Start.Failed) s).reason());
                }
            } else if (lock instanceof LockBinding.Board b) {
                BoardAt at = boards.apply(b.device());
                runtime = DoorRuntime.start(vertx, config,
                        new BoardChannelLock(vertx, at.client(), at.address(), b.channel(), DoorConfig.DEFAULT_PULSE),
                        events);
            } else if (lock instanceof LockBinding.Wireless w) {
                WirelessLocks.Lookup found = wireless.lockFor(door.id(), w);
                if (found instanceof WirelessLocks.Ready ready) {
                    runtime = DoorRuntime.start(vertx, config, ready.lock(), events, ready.commandTimeout());
                } else {
                    started.problems.add(door.id() + ": " + ((WirelessLocks.Unavailable) found).reason());
                }
            }
            if (runtime == null) {
                continue;
            }
            started.doors.put(door.id(), runtime);
            if (door.reader().isPresent()) {
                started.attachReader(vertx, gpio, door, new DoorAccessPoint(runtime, decider, clock));
            }
        }
        return started;
    }

    private void attachReader(Vertx vertx, GpioBoard gpio, Door door, DoorAccessPoint point) {
        PinClaim<WiegandReader> claim = CardReaders.attach(vertx, gpio, door.id() + " reader", door.reader().get(),
                new CardReaders.Presented() {
                    @Override
                    public void card(Credential.Card card) {
                        point.present(card);
                    }

                    @Override
                    public void keys(String digits) {
                        point.presentEntry(digits);
                    }

                    @Override
                    public void misread() {
                        SiteDoors.this.misread();
                    }
                });
        if (claim instanceof PinClaim.Refused<WiegandReader> refused) {
            problems.add(door.id() + " reader: " + refused.reason());
        }
    }

    private synchronized void misread() {
        problemsSeen++;
    }

    /** Wiegand frames that failed parity or length since start. */
    public int misreads() {
        return problemsSeen;
    }

    private static DoorConfig config(Site site, Door door) {
        boolean egress = site.chargingAreas().stream().map(ChargingArea::onFireAlarm)
                .anyMatch(f -> f != null && f.release().contains(door.id()));
        if (door.lock() instanceof LockBinding.Gpio g) {
            DoorLockProfile p = g.profile();
            return DoorConfig.of(door.id(), p.lockType() == DoorLockProfile.LockType.FAIL_SAFE
                            ? LockType.FAIL_SAFE : LockType.FAIL_SECURE)
                    .withPulse(p.pulse()).withHeldOpenAfter(p.heldOpenAlarm())
                    .withRelockOn(p.relock() == DoorLockProfile.Relock.ON_OPEN ? RelockOn.DOOR_OPEN : RelockOn.DOOR_CLOSE)
                    .withEgress(egress);
        }
        return DoorConfig.of(door.id(), LockType.FAIL_SECURE).withEgress(egress);
    }

    private static GpioDoorPins pins(LockBinding.Gpio g) {
        Duration debounce = g.doorSensor().or(g::exitButton).map(GpioInput::debounce).orElse(Duration.ofMillis(20));
        return new GpioDoorPins(g.relay().pin(), g.relay().activeLevel() == Level.HIGH,
                g.doorSensor().map(i -> OptionalInt.of(i.pin())).orElse(OptionalInt.empty()),
                g.doorSensor().map(i -> i.activeLevel() == Level.HIGH).orElse(true),
                g.exitButton().map(i -> OptionalInt.of(i.pin())).orElse(OptionalInt.empty()),
                g.exitButton().map(i -> i.activeLevel() == Level.HIGH).orElse(true), debounce);
    }

    public Map<String, DoorRuntime> doors() {
        return doors;
    }

    /** Doors that did not start, each with why. */
    public List<String> problems() {
        return problems;
    }

    public void close() {
        doors.values().forEach(DoorRuntime::close);
    }
}
