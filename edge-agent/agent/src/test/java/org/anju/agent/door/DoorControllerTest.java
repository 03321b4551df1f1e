package org.anju.agent.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.anju.agent.access.DenyReason;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.agent.door.DoorEvent.Alarm;
import org.anju.agent.door.DoorEvent.RelockReason;
import org.junit.jupiter.api.Test;

class DoorControllerTest {
    private static final String D = "entrance";
    private static final DoorConfig STRIKE = DoorConfig.of(D, LockType.FAIL_SECURE);
    private static final DoorConfig MAGLOCK_EGRESS = DoorConfig.of(D, LockType.FAIL_SAFE).withEgress(true);

    private static DoorHarness door(DoorConfig config) {
        return new DoorHarness(config).send(new DoorInput.DoorSensor(false));
    }

    private static DoorInput.Grant grant(String id) {
        return new DoorInput.Grant(id, "t-7");
    }

    @Test
    void aGrantUnlocksForThePulseThenRelocks() {
        DoorHarness h = door(STRIKE).send(grant("r1"));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Unlocked(D, "r1", "t-7"));
        assertThat(h.lockReleased).isTrue();
        assertThat(h.reply("r1")).isEqualTo(new CommandResult.Opened());
        assertThat(h.phase()).isEqualTo(DoorPhase.UNLOCKED);
        assertThat(h.wakeAt()).hasValue(5_000);

        h.advanceTo(4_999);
        assertThat(h.lockReleased).isTrue();
        h.advanceTo(5_000);
        assertThat(h.lockReleased).isFalse();
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Relocked(D, RelockReason.PULSE_ENDED));
        assertThat(h.wakeAt()).isEmpty();
    }

    @Test
    void aSecondGrantDuringThePulseRestartsIt() {
        DoorHarness h = door(STRIKE).send(grant("r1")).after(3_000).send(grant("r2"));
        assertThat(h.wakeAt()).hasValue(8_000);
        assertThat(h.reply("r2")).isEqualTo(new CommandResult.Opened());
    }

    @Test
    void relockOnOpenLocksAsTheDoorOpensAndClosingNeedsNoMoreAction() {
        DoorHarness h = door(STRIKE).send(grant("r1")).after(1_000).send(new DoorInput.DoorSensor(true));
        assertThat(h.lockReleased).isFalse();
        assertThat(h.phase()).isEqualTo(DoorPhase.OPEN);
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Unlocked(D, "r1", "t-7"),
                new DoorEvent.Opened(D, true), new DoorEvent.Relocked(D, RelockReason.DOOR_OPENED));
        h.after(2_000).send(new DoorInput.DoorSensor(false));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Closed(D));
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
        assertThat(h.lastActions).noneMatch(a -> a instanceof DoorAction.Secure);
    }

    @Test
    void relockOnCloseKeepsTheLockReleasedWhileOpenEvenPastThePulse() {
        DoorHarness h = door(STRIKE.withRelockOn(RelockOn.DOOR_CLOSE)).send(grant("r1"))
                .after(1_000).send(new DoorInput.DoorSensor(true)).after(10_000);
        assertThat(h.lockReleased).isTrue();
        h.send(new DoorInput.DoorSensor(false));
        assertThat(h.lockReleased).isFalse();
        assertThat(h.events).endsWith(new DoorEvent.Closed(D), new DoorEvent.Relocked(D, RelockReason.DOOR_CLOSED));
    }

    @Test
    void aDoorOpenTooLongRaisesHeldOpenUntilItCloses() {
        DoorHarness h = door(STRIKE).send(grant("r1")).send(new DoorInput.DoorSensor(true));
        h.takeEvents();
        h.after(29_999);
        assertThat(h.phase()).isEqualTo(DoorPhase.OPEN);
        h.after(1);
        assertThat(h.phase()).isEqualTo(DoorPhase.HELD_OPEN);
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.HeldOpen(D));
        h.after(60_000).send(new DoorInput.DoorSensor(false));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Closed(D),
                new DoorEvent.AlarmCleared(D, Alarm.HELD_OPEN));
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
    }

    @Test
    void aGrantWhileOpenAnswersOpenedAndRestartsTheHeldOpenTime() {
        DoorHarness h = door(STRIKE).send(grant("r1")).send(new DoorInput.DoorSensor(true)).after(20_000)
                .send(grant("r2"));
        assertThat(h.reply("r2")).isEqualTo(new CommandResult.Opened());
        assertThat(h.lastActions).noneMatch(a -> a instanceof DoorAction.Release);
        assertThat(h.wakeAt()).hasValue(50_000);
    }

    @Test
    void openingALockedDoorIsForcedOpenAtOnce() {
        DoorHarness h = door(STRIKE).after(1_000).send(new DoorInput.DoorSensor(true));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Opened(D, false), new DoorEvent.ForcedOpen(D));
        assertThat(h.phase()).isEqualTo(DoorPhase.FORCED_OPEN);
        assertThat(h.wakeAt()).as("no held-open alarm on top").isEmpty();
        h.send(new DoorInput.DoorSensor(false));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.Closed(D),
                new DoorEvent.AlarmCleared(D, Alarm.FORCED_OPEN));
    }

    @Test
    void openingAfterThePulseEndedIsForced() {
        DoorHarness h = door(STRIKE).send(grant("r1")).after(5_001).send(new DoorInput.DoorSensor(true));
        assertThat(h.count(DoorEvent.ForcedOpen.class)).isEqualTo(1);
    }

    @Test
    void theExitButtonUnlocksWithoutCredentialAndTheOpeningIsNotForced() {
        DoorHarness h = door(STRIKE).send(new DoorInput.ExitButton());
        assertThat(h.lockReleased).isTrue();
        h.send(new DoorInput.DoorSensor(true));
        assertThat(h.events).containsExactly(new DoorEvent.ExitGranted(D), new DoorEvent.Opened(D, true),
                new DoorEvent.Relocked(D, RelockReason.DOOR_OPENED));
    }

    @Test
    void lockdownRefusesGrantsButNeverTheExitButton() {
        DoorHarness h = door(STRIKE).send(new DoorInput.Lockdown("l1", true, "officer-2"));
        assertThat(h.reply("l1")).isEqualTo(new CommandResult.Done());
        h.takeEvents();
        h.send(grant("r1"));
        assertThat(h.reply("r1")).isEqualTo(new CommandResult.Denied(DenyReason.LOCKDOWN));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.GrantRefused(D, "r1", "t-7", DenyReason.LOCKDOWN));
        assertThat(h.lockReleased).isFalse();
        h.send(new DoorInput.ExitButton());
        assertThat(h.lockReleased).isTrue();
        h.after(5_000).send(new DoorInput.Lockdown("l2", false, "officer-2")).send(grant("r3"));
        assertThat(h.reply("r3")).isEqualTo(new CommandResult.Opened());
    }

    @Test
    void lockdownCutsAPulseThatIsRunning() {
        DoorHarness h = door(STRIKE).send(grant("r1")).after(1_000)
                .send(new DoorInput.Lockdown("l1", true, "officer-2"));
        assertThat(h.lockReleased).isFalse();
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
        assertThat(h.events).contains(new DoorEvent.LockdownStarted(D, "officer-2"),
                new DoorEvent.Relocked(D, RelockReason.LOCKDOWN));
    }

    @Test
    void aFireAlarmReleasesAFailSafeEgressDoorUntilClearedAndAcknowledged() {
        DoorHarness h = door(MAGLOCK_EGRESS).send(new DoorInput.Lockdown("l1", true, "officer-2"));
        h.takeEvents();
        h.send(new DoorInput.FireAlarm(true));
        assertThat(h.lockReleased).isTrue();
        assertThat(h.phase()).isEqualTo(DoorPhase.FIRE_RELEASE);
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.FireReleased(D));
        assertThat(h.wakeAt()).isEmpty();

        h.after(3_600_000).send(new DoorInput.DoorSensor(true)).after(600_000);
        assertThat(h.count(DoorEvent.HeldOpen.class) + h.count(DoorEvent.ForcedOpen.class)).isZero();
        h.send(grant("r1"));
        assertThat(h.reply("r1")).as("lockdown yields to fire").isEqualTo(new CommandResult.Opened());

        h.send(new DoorInput.AcknowledgeFire("a1", "officer-9"));
        assertThat(h.reply("a1")).isInstanceOf(CommandResult.Refused.class);
        assertThat(h.lockReleased).isTrue();

        h.send(new DoorInput.FireAlarm(false));
        assertThat(h.events).endsWith(new DoorEvent.FireAlarmCleared(D));
        h.after(600_000);
        assertThat(h.lockReleased).as("cleared is not enough").isTrue();

        h.send(new DoorInput.DoorSensor(false)).send(new DoorInput.AcknowledgeFire("a2", "officer-9"));
        assertThat(h.reply("a2")).isEqualTo(new CommandResult.Done());
        assertThat(h.lockReleased).isFalse();
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
        assertThat(h.events).endsWith(new DoorEvent.FireReleaseEnded(D, "officer-9"),
                new DoorEvent.Relocked(D, RelockReason.FIRE_RELEASE_ENDED));
    }

    @Test
    void aFireReleaseEndingWithTheDoorOpenStartsTheHeldOpenTime() {
        DoorHarness h = door(MAGLOCK_EGRESS).send(new DoorInput.FireAlarm(true))
                .send(new DoorInput.DoorSensor(true)).send(new DoorInput.FireAlarm(false))
                .send(new DoorInput.AcknowledgeFire("a1", "officer-9"));
        assertThat(h.phase()).isEqualTo(DoorPhase.OPEN);
        h.after(30_000);
        assertThat(h.phase()).isEqualTo(DoorPhase.HELD_OPEN);
    }

    @Test
    void aFireAlarmDuringAForcedOpeningClearsTheDoorAlarm() {
        DoorHarness h = door(MAGLOCK_EGRESS).send(new DoorInput.DoorSensor(true));
        h.takeEvents();
        h.send(new DoorInput.FireAlarm(true));
        assertThat(h.takeEvents()).containsExactly(new DoorEvent.AlarmCleared(D, Alarm.FORCED_OPEN),
                new DoorEvent.FireReleased(D));
    }

    @Test
    void aFireAlarmDoesNotReleaseFailSecureOrNonEgressDoors() {
        for (DoorConfig c : List.of(STRIKE.withEgress(true), DoorConfig.of(D, LockType.FAIL_SAFE))) {
            DoorHarness h = door(c).send(new DoorInput.FireAlarm(true));
            assertThat(h.events).isEmpty();
            assertThat(h.lockReleased).isFalse();
            h.send(new DoorInput.AcknowledgeFire("a1", "officer-9"));
            assertThat(h.reply("a1")).isInstanceOf(CommandResult.Refused.class);
        }
    }

    @Test
    void anOfflineLockIsReportedAndTheDoorStaysLocked() {
        DoorHarness h = door(STRIKE);
        h.lock = a -> a == 1 ? new LockResult.Offline("lock board 3 does not answer") : new LockResult.Done(true);
        h.send(grant("r1"));
        assertThat(h.reply("r1")).isEqualTo(new CommandResult.DeviceOffline("lock board 3 does not answer"));
        assertThat(h.events).containsExactly(new DoorEvent.Unlocked(D, "r1", "t-7"),
                new DoorEvent.UnlockFailed(D, "lock board 3 does not answer"),
                new DoorEvent.Relocked(D, RelockReason.UNLOCK_FAILED));
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
        assertThat(h.wakeAt()).isEmpty();
    }

    @Test
    void aLockThatDoesNotAnswerTimesOutTheCommand() {
        DoorHarness h = door(STRIKE);
        h.lock = a -> a == 1 ? new LockResult.TimedOut() : new LockResult.Done(true);
        h.send(grant("r1"));
        assertThat(h.reply("r1")).isEqualTo(new CommandResult.TimedOut());
    }

    @Test
    void aFailedRelockIsAnEvent() {
        DoorHarness h = door(STRIKE);
        h.lock = a -> a == 2 ? new LockResult.Offline("relay driver fault") : new LockResult.Done(true);
        h.send(grant("r1")).after(5_000);
        assertThat(h.events).endsWith(new DoorEvent.Relocked(D, RelockReason.PULSE_ENDED),
                new DoorEvent.RelockFailed(D, "relay driver fault"));
    }

    @Test
    void aGrantIsAnsweredOnlyWhenTheLockAnswersAndOnlyOnce() {
        DoorController c = new DoorController(STRIKE);
        DoorStep step = c.handle(grant("r1"), 0);
        assertThat(step.actions()).noneMatch(a -> a instanceof DoorAction.Reply);
        long actuation = step.actions().stream().filter(a -> a instanceof DoorAction.Release)
                .mapToLong(a -> ((DoorAction.Release) a).actuation()).findFirst().orElseThrow();
        assertThat(c.handle(new DoorInput.LockReport(actuation, new LockResult.Done(true)), 10).actions())
                .containsExactly(new DoorAction.Reply("r1", new CommandResult.Opened()));
        assertThat(c.handle(new DoorInput.LockReport(actuation, new LockResult.TimedOut()), 20).actions())
                .as("a late second answer changes nothing").isEmpty();
    }

    @Test
    void aLockThatCannotReportIsAnsweredSentNeverOpened() {
        DoorController c = new DoorController(STRIKE);
        DoorStep step = c.handle(grant("r1"), 0);
        long actuation = step.actions().stream().filter(a -> a instanceof DoorAction.Release)
                .mapToLong(a -> ((DoorAction.Release) a).actuation()).findFirst().orElseThrow();
        // a GPIO relay was written: whether the bolt moved nobody can tell
        assertThat(c.handle(new DoorInput.LockReport(actuation, new LockResult.Done(false)), 10).actions())
                .containsExactly(new DoorAction.Reply("r1", new CommandResult.Sent()));
    }

    @Test
    void aLateTickNeverDelaysTheRelockPastTheNextInput() {
        DoorController c = new DoorController(STRIKE);
        c.handle(new DoorInput.DoorSensor(false), 0);
        c.handle(grant("r1"), 0);
        // no tick was delivered at 5 000; the next input at 9 000 relocks first, so the opening is forced
        DoorStep step = c.handle(new DoorInput.DoorSensor(true), 9_000);
        assertThat(step.actions()).first().isInstanceOf(DoorAction.Secure.class);
        assertThat(step.actions()).contains(new DoorAction.Emit(new DoorEvent.ForcedOpen(D)));
    }

    @Test
    void aDoorFoundOpenAtStartIsNotForcedButMayBeHeldOpen() {
        DoorHarness h = new DoorHarness(STRIKE).send(new DoorInput.DoorSensor(true));
        assertThat(h.events).isEmpty();
        assertThat(h.phase()).isEqualTo(DoorPhase.OPEN);
        h.after(30_000);
        assertThat(h.events).containsExactly(new DoorEvent.HeldOpen(D));
    }

    @Test
    void repeatedSensorReportsAreNotNewOpenings() {
        DoorHarness h = door(STRIKE).send(new DoorInput.ExitButton()).send(new DoorInput.DoorSensor(true))
                .send(new DoorInput.DoorSensor(true)).send(new DoorInput.DoorSensor(false))
                .send(new DoorInput.DoorSensor(false));
        assertThat(h.count(DoorEvent.Opened.class)).isEqualTo(1);
        assertThat(h.count(DoorEvent.Closed.class)).isEqualTo(1);
    }

    @Test
    void lockdownIsIdempotentAndAcknowledgingWithoutFireIsRefused() {
        DoorHarness h = door(STRIKE).send(new DoorInput.Lockdown("l1", true, "o"))
                .send(new DoorInput.Lockdown("l2", true, "o"));
        assertThat(h.count(DoorEvent.LockdownStarted.class)).isEqualTo(1);
        assertThat(h.reply("l2")).isEqualTo(new CommandResult.Done());
        h.send(new DoorInput.AcknowledgeFire("a1", "o"));
        assertThat(h.reply("a1")).isInstanceOf(CommandResult.Refused.class);
    }

    @Test
    void theConfigRefusesNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRIKE.withPulse(Duration.ZERO))
                .hasMessageContaining("entrance");
    }
}
