package org.anju.agent.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.Credential;
import org.anju.agent.access.DenyReason;
import org.anju.agent.access.PinHasher;
import org.anju.agent.access.Roster;
import org.anju.agent.access.TenantAccess;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.agent.door.DoorEvent.Alarm;
import org.anju.agent.door.DoorEvent.RelockReason;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.GpioOpenResult;
import org.anju.agent.gpio.GpioSimulator;
import org.anju.agent.gpio.Pi4jGpioBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The door runtime on a real Vert.x event loop, with Pi4J's mock GPIO as the wiring. */
@ExtendWith(VertxExtension.class)
class DoorRuntimeTest {
    private static final String D = "entrance";
    private static final int RELAY = 17;
    private static final int SENSOR = 27;
    private static final int EXIT = 22;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Vertx vertx;
    private GpioBoard board;
    private GpioSimulator pins;
    private final List<DoorEvent> events = new CopyOnWriteArrayList<>();
    private final List<Thread> eventThreads = new CopyOnWriteArrayList<>();
    private final List<DoorEvent> offLoop = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService bus = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        GpioOpenResult r = Pi4jGpioBoard.open("mock");
        board = ((GpioOpenResult.Opened) r).board();
        pins = board.simulator().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        board.close();
        bus.shutdownNow();
        assertThat(offLoop).as("events delivered off the door's event loop").isEmpty();
    }

    /** The event sink: an assertion failing in here would be swallowed by the runtime, so it only records. */
    private void record(DoorEvent e) {
        events.add(e);
        eventThreads.add(Thread.currentThread());
        if (!Context.isOnEventLoopThread()) {
            offLoop.add(e);
        }
    }

    /** A GPIO door: active-high relay, sensor high = open, button high = pressed, 10 ms debounce. */
    private DoorRuntime gpioDoor(DoorConfig config) {
        GpioDoorPins wiring = new GpioDoorPins(RELAY, true, OptionalInt.of(SENSOR), true, OptionalInt.of(EXIT), true,
                Duration.ofMillis(10));
        GpioDoor.Start s = GpioDoor.start(vertx, board, config, wiring, this::record, Duration.ofSeconds(2));
        assertThat(s).isInstanceOf(GpioDoor.Start.Started.class);
        return ((GpioDoor.Start.Started) s).runtime();
    }

    /** A 2 s pulse leaves ample time to act within it even on a loaded machine; held open after 0.5 s. */
    private static DoorConfig strike() {
        return DoorConfig.of(D, LockType.FAIL_SECURE).withPulse(Duration.ofSeconds(2))
                .withHeldOpenAfter(Duration.ofMillis(500));
    }

    private static <T> T result(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void awaitEvent(DoorEvent e) {
        await().atMost(WAIT).until(() -> events.contains(e));
    }

    @Test
    void aGrantPulsesTheRelayAndItRelocksOnTime() throws Exception {
        GpioStrike relay = GpioStrike.claim(board, D, RELAY, true, LockType.FAIL_SECURE).orElseThrow();
        assertThat(pins.outputLevel(RELAY)).as("fail-secure starts locked: relay off").isFalse();
        // each lock command with the relay level it left and when: deterministic, whatever the machine's load
        List<String> moves = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        LockActuator recording = new LockActuator() {
            @Override
            public CompletionStage<LockResult> unlock(Duration pulse) {
                return note("unlock", relay.unlock(pulse));
            }

            @Override
            public CompletionStage<LockResult> holdUnlocked() {
                return note("hold", relay.holdUnlocked());
            }

            @Override
            public CompletionStage<LockResult> lock() {
                return note("lock", relay.lock());
            }

            private CompletionStage<LockResult> note(String what,
                    CompletionStage<LockResult> r) {
                moves.add(what + (pins.outputLevel(RELAY) ? " high" : " low"));
                at.add(System.nanoTime());
                return r;
            }
        };
        DoorRuntime door = DoorRuntime.start(vertx, strike().withPulse(Duration.ofMillis(300)), recording, this::record);
        assertThat(result(door.open("r1", "t-7"))).as("a GPIO strike cannot report that it released")
                .isEqualTo(new CommandResult.Sent());
        awaitEvent(new DoorEvent.Relocked(D, RelockReason.PULSE_ENDED));
        assertThat(moves).containsExactly("unlock high", "lock low");
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(299));
        assertThat(pins.outputLevel(RELAY)).isFalse();
        assertThat(events).containsExactly(new DoorEvent.Unlocked(D, "r1", "t-7"),
                new DoorEvent.Relocked(D, RelockReason.PULSE_ENDED));
        assertThat(door.phase()).isEqualTo(DoorPhase.LOCKED);
    }

    @Test
    void exitButtonThenOpeningRelocksOnOpenAndAlarmsWhenHeldOpen() {
        gpioDoor(strike());
        pins.driveInput(EXIT, true);
        await().atMost(WAIT).until(() -> pins.outputLevel(RELAY));
        pins.driveInput(EXIT, false);
        pins.driveInput(SENSOR, true);
        awaitEvent(new DoorEvent.Relocked(D, RelockReason.DOOR_OPENED));
        assertThat(pins.outputLevel(RELAY)).isFalse();
        awaitEvent(new DoorEvent.HeldOpen(D));
        pins.driveInput(SENSOR, false);
        awaitEvent(new DoorEvent.AlarmCleared(D, Alarm.HELD_OPEN));
        assertThat(events).containsExactly(new DoorEvent.ExitGranted(D), new DoorEvent.Opened(D, true),
                new DoorEvent.Relocked(D, RelockReason.DOOR_OPENED), new DoorEvent.HeldOpen(D),
                new DoorEvent.Closed(D), new DoorEvent.AlarmCleared(D, Alarm.HELD_OPEN));
    }

    @Test
    void anOpeningWithoutGrantIsForcedOpen() {
        DoorRuntime door = gpioDoor(strike());
        pins.driveInput(SENSOR, true);
        awaitEvent(new DoorEvent.ForcedOpen(D));
        assertThat(door.phase()).isEqualTo(DoorPhase.FORCED_OPEN);
        assertThat(events).containsExactly(new DoorEvent.Opened(D, false), new DoorEvent.ForcedOpen(D));
    }

    @Test
    void aBouncingSensorIsOneOpening() {
        gpioDoor(strike());
        for (int i = 0; i < 5; i++) {
            pins.driveInput(SENSOR, true);
            pins.driveInput(SENSOR, false);
        }
        pins.driveInput(SENSOR, true);
        awaitEvent(new DoorEvent.ForcedOpen(D));
        // a marker input proves everything before it has been processed
        pins.driveInput(EXIT, true);
        await().atMost(WAIT).until(() -> events.size() >= 2);
        assertThat(events.stream().filter(e -> e instanceof DoorEvent.Opened).count()).isEqualTo(1);
    }

    @Test
    void aFireAlarmReleasesAMaglockUntilClearedAndAcknowledged() throws Exception {
        DoorRuntime door = gpioDoor(DoorConfig.of(D, LockType.FAIL_SAFE).withEgress(true));
        assertThat(pins.outputLevel(RELAY)).as("maglock starts locked: relay on").isTrue();
        door.fireAlarm(true);
        awaitEvent(new DoorEvent.FireReleased(D));
        assertThat(pins.outputLevel(RELAY)).isFalse();
        assertThat(result(door.acknowledgeFire("a1", "officer-9"))).isInstanceOf(CommandResult.Refused.class);
        door.fireAlarm(false);
        awaitEvent(new DoorEvent.FireAlarmCleared(D));
        assertThat(pins.outputLevel(RELAY)).isFalse();
        assertThat(result(door.acknowledgeFire("a2", "officer-9"))).isEqualTo(new CommandResult.Done());
        assertThat(pins.outputLevel(RELAY)).isTrue();
        assertThat(door.phase()).isEqualTo(DoorPhase.LOCKED);
    }

    @Test
    void atShutdownAStrikeStaysLockedAndAMaglockIsReleased() {
        gpioDoor(strike());
        GpioStrike maglock = GpioStrike.claim(board, "back", 23, true, LockType.FAIL_SAFE).orElseThrow();
        assertThat(maglock.locked()).isTrue();
        board.close();
        assertThat(pins.outputLevel(RELAY)).as("strike: relay off, locked").isFalse();
        assertThat(pins.outputLevel(23)).as("maglock: relay off, released").isFalse();
    }

    @Test
    void lockdownRefusesOpeningsButNotTheExitButton() throws Exception {
        DoorRuntime door = gpioDoor(strike());
        assertThat(result(door.lockdown("l1", true, "officer-2"))).isEqualTo(new CommandResult.Done());
        assertThat(result(door.open("r1", "t-7"))).isEqualTo(new CommandResult.Denied(DenyReason.LOCKDOWN));
        assertThat(pins.outputLevel(RELAY)).isFalse();
        pins.driveInput(EXIT, true);
        await().atMost(WAIT).until(() -> pins.outputLevel(RELAY));
    }

    @Test
    void aLockBoardThatIsOfflineAnswersDeviceOffline() throws Exception {
        LockActuator offline = new FakeLock(() -> CompletableFuture.completedFuture(
                new LockResult.Offline("lock board 3 on bus A does not answer")));
        DoorRuntime door = DoorRuntime.start(vertx, strike(), offline, this::record);
        assertThat(result(door.open("r1", "t-7")))
                .isEqualTo(new CommandResult.DeviceOffline("lock board 3 on bus A does not answer"));
        awaitEvent(new DoorEvent.Relocked(D, RelockReason.UNLOCK_FAILED));
        assertThat(events).contains(new DoorEvent.UnlockFailed(D, "lock board 3 on bus A does not answer"));
    }

    @Test
    void aLockThatNeverAnswersTimesOut() throws Exception {
        LockActuator silent = new FakeLock(CompletableFuture::new);
        DoorRuntime door = DoorRuntime.start(vertx, strike(), silent, this::record, Duration.ofMillis(200));
        assertThat(result(door.open("r1", "t-7"))).isEqualTo(new CommandResult.TimedOut());
    }

    @Test
    void aLockAnsweringOnABusThreadIsHandledBackOnTheDoorsEventLoop() throws Exception {
        FakeLock boardLock = new FakeLock(() -> {
            CompletableFuture<LockResult> f = new CompletableFuture<>();
            bus.schedule(() -> f.complete(new LockResult.Done(true)), 50, TimeUnit.MILLISECONDS);
            return f;
        });
        DoorRuntime door = DoorRuntime.start(vertx, strike(), boardLock, this::record);
        assertThat(result(door.open("r1", "t-7"))).isEqualTo(new CommandResult.Opened());
        awaitEvent(new DoorEvent.Relocked(D, RelockReason.PULSE_ENDED));
        assertThat(Set.copyOf(eventThreads)).hasSize(1);
        assertThat(boardLock.unlocks.get()).isEqualTo(1);
    }

    @Test
    void aResentCommandIsAnsweredAgainButActsOnce() throws Exception {
        FakeLock lock = new FakeLock(() -> CompletableFuture.completedFuture(new LockResult.Done(true)));
        DoorRuntime door = DoorRuntime.start(vertx, strike(), lock, this::record);
        Future<CommandResult> first = door.open("r1", "t-7");
        Future<CommandResult> resent = door.open("r1", "t-7");
        assertThat(result(first)).isEqualTo(new CommandResult.Opened());
        assertThat(result(resent)).isEqualTo(new CommandResult.Opened());
        assertThat(result(door.open("r1", "t-7"))).isEqualTo(new CommandResult.Opened());
        assertThat(lock.unlocks.get()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e instanceof DoorEvent.Unlocked).count()).isEqualTo(1);
    }

    @Test
    void stoppingAnswersPendingCommands() throws Exception {
        DoorRuntime door = DoorRuntime.start(vertx, strike(), new FakeLock(CompletableFuture::new), this::record,
                Duration.ofSeconds(30));
        Future<CommandResult> pending = door.open("r1", "t-7");
        await().atMost(WAIT).until(() -> !events.isEmpty());
        result(door.close());
        assertThat(result(pending)).isInstanceOf(CommandResult.DeviceOffline.class);
        assertThat(result(door.open("r2", "t-7"))).isInstanceOf(CommandResult.DeviceOffline.class);
    }

    @Test
    void localDecisionsAreEventsAndGrantsOpenTheDoor() throws Exception {
        DoorRuntime door = gpioDoor(strike());
        Instant now = Instant.parse("2026-06-01T08:00:00Z");
        AccessDecider decider = new AccessDecider(new PinHasher(PinHasher.newKey()));
        decider.replace(new Roster(Map.of(decider.key(new Credential.Card(3, 1001)), "t-7"),
                Map.of("t-7", new TenantAccess("t-7", now.minusSeconds(60), now.plusSeconds(60), Set.of(D)))));
        DoorAccessPoint reader = new DoorAccessPoint(door, decider, () -> now);

        assertThat(result(reader.present(new Credential.Card(3, 1002))))
                .isEqualTo(new CommandResult.Denied(DenyReason.UNKNOWN_CREDENTIAL));
        assertThat(pins.outputLevel(RELAY)).isFalse();
        assertThat(result(reader.present(new Credential.Card(3, 1001)))).isEqualTo(new CommandResult.Sent());
        assertThat(pins.outputLevel(RELAY)).isTrue();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(DoorEvent.AccessDenied.class,
                e -> assertThat(e.reason()).isEqualTo(DenyReason.UNKNOWN_CREDENTIAL));
        assertThat(events.get(1)).isInstanceOfSatisfying(DoorEvent.AccessGranted.class,
                e -> assertThat(e.tenantId()).isEqualTo("t-7"));
        assertThat(events.get(2)).isInstanceOf(DoorEvent.Unlocked.class);
    }

    @Test
    void aRefusedCardNamesItsHolderSoTheirLandlordSeesTheAttemptAndAnUnknownOneNamesNobody() throws Exception {
        DoorRuntime door = gpioDoor(strike());
        Instant now = Instant.parse("2026-06-01T08:00:00Z");
        AccessDecider decider = new AccessDecider(new PinHasher(PinHasher.newKey()));
        decider.replace(new Roster(Map.of(decider.key(new Credential.Card(3, 1001)), "t-7"),
                Map.of("t-7", new TenantAccess("t-7", now.minusSeconds(60), now.plusSeconds(60), Set.of("another-door")))));
        DoorAccessPoint reader = new DoorAccessPoint(door, decider, () -> now);

        assertThat(result(reader.present(new Credential.Card(3, 1001)))).isEqualTo(new CommandResult.Denied(DenyReason.NOT_THIS_DOOR));
        assertThat(result(reader.present(new Credential.Card(3, 1009)))).isEqualTo(new CommandResult.Denied(DenyReason.UNKNOWN_CREDENTIAL));
        assertThat(events).extracting(e -> ((DoorEvent.AccessDenied) e).tenantId()).containsExactly("t-7", null);
        assertThat(pins.outputLevel(RELAY)).isFalse();
    }

    @Test
    void aDeniedDecisionIsAnsweredWithItsReason() throws Exception {
        DoorRuntime door = DoorRuntime.start(vertx, strike(),
                new FakeLock(() -> CompletableFuture.completedFuture(new LockResult.Done(true))), this::record);
        assertThat(result(door.admit("c1", "pin", new AccessDecision.Denied(DenyReason.EXPIRED))))
                .isEqualTo(new CommandResult.Denied(DenyReason.EXPIRED));
        assertThat(events).containsExactly(new DoorEvent.AccessDenied(D, "c1", DenyReason.EXPIRED, "pin"));
    }

    /** A lock-board channel stand-in: answers as told and counts unlocks. */
    private static final class FakeLock implements LockActuator {
        final AtomicInteger unlocks = new AtomicInteger();
        private final Supplier<CompletableFuture<LockResult>> answer;

        FakeLock(Supplier<CompletableFuture<LockResult>> answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<LockResult> unlock(Duration pulse) {
            unlocks.incrementAndGet();
            return answer.get();
        }

        @Override
        public CompletableFuture<LockResult> holdUnlocked() {
            return answer.get();
        }

        @Override
        public CompletableFuture<LockResult> lock() {
            return CompletableFuture.completedFuture(new LockResult.Done(true));
        }
    }
}
