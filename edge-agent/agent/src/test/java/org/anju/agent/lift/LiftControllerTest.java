package org.anju.agent.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.anju.agent.access.DenyReason;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.bridge.events.LiftAccess;
import org.anju.bridge.events.LiftFireRelease;
import org.anju.profiles.model.OpenHours;
import org.junit.jupiter.api.Test;

/** The lift's floor buttons as a pure state machine: time and the board's answers are the test's. */
class LiftControllerTest {
    private static final LocalTime NOON = LocalTime.NOON;
    private static final LocalTime NIGHT = LocalTime.of(23, 30);

    private final LiftConfig config = new LiftConfig("lift-a", List.of("B1", "1", "2", "3", "R"), hours(), Duration.ofSeconds(20));
    private LiftController lift = new LiftController(config, false);
    private long now = 1_000;

    private static Map<String, OpenHours> hours() {
        Map<String, OpenHours> h = new LinkedHashMap<>();
        h.put("B1", OpenHours.ALWAYS);
        h.put("1", OpenHours.ALWAYS);
        h.put("2", OpenHours.NEVER);
        h.put("3", OpenHours.NEVER);
        h.put("R", new OpenHours(false, List.of(new OpenHours.Span(LocalTime.of(7, 0), LocalTime.of(21, 0)))));
        return h;
    }

    private LiftAction.Step handle(LiftInput input, LocalTime local) {
        return lift.handle(input, now, local);
    }

    private static Optional<LiftAction.Apply> apply(LiftAction.Step step) {
        return step.actions().stream().filter(LiftAction.Apply.class::isInstance).map(LiftAction.Apply.class::cast).findFirst();
    }

    private static List<Object> events(LiftAction.Step step) {
        return step.actions().stream().filter(LiftAction.Emit.class::isInstance).map(a -> ((LiftAction.Emit) a).event()).toList();
    }

    private static List<LiftAction.Reply> replies(LiftAction.Step step) {
        return step.actions().stream().filter(LiftAction.Reply.class::isInstance).map(LiftAction.Reply.class::cast).toList();
    }

    /** Starts, and the board confirms the floors open to everyone now. */
    private void started(LocalTime local) {
        LiftAction.Apply first = apply(handle(new LiftInput.Tick(), local)).orElseThrow();
        handle(new LiftInput.BoardReport(first.actuation(), new LockResult.Done(true)), local);
    }

    private static LiftDecision.Granted renter(String... floors) {
        return new LiftDecision.Granted("t-li", Optional.empty(), List.of(floors));
    }

    @Test
    void atStartTheBoardGetsTheFloorsOpenToEveryoneAtThatHour() {
        assertThat(apply(handle(new LiftInput.Tick(), NOON)).orElseThrow().enabled()).containsExactlyInAnyOrder("B1", "1", "R");
        lift = new LiftController(config, false);
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT)).orElseThrow().enabled()).containsExactlyInAnyOrder("B1", "1");
    }

    @Test
    void aCardEnablesItsFloorsForTheSetTimeAndIsAnsweredWhenTheBoardConfirms() {
        started(NIGHT);
        LiftAction.Step step = handle(new LiftInput.Present("r1", "card", renter("3")), NIGHT);
        LiftAction.Apply write = apply(step).orElseThrow();
        assertThat(write.enabled()).containsExactlyInAnyOrder("B1", "1", "3");
        assertThat(replies(step)).as("not before the relays moved").isEmpty();
        assertThat(events(step)).singleElement().isEqualTo(LiftAccess.granted("lift-a", "card", "t-li", null,
                List.of("B1", "1", "3"), 20, "r1"));

        LiftAction.Step confirmed = handle(new LiftInput.BoardReport(write.actuation(), new LockResult.Done(true)), NIGHT);
        assertThat(replies(confirmed)).containsExactly(new LiftAction.Reply("r1", new CommandResult.Enabled(List.of("B1", "1", "3"))));

        now += 19_999;
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT))).isEmpty();
        now += 1;
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT)).orElseThrow().enabled()).containsExactlyInAnyOrder("B1", "1");
    }

    @Test
    void aSecondCardForFloorsAlreadyHeldIsAnsweredAtOnceAndExtendsTheTime() {
        started(NIGHT);
        LiftAction.Apply write = apply(handle(new LiftInput.Present("r1", "card", renter("3")), NIGHT)).orElseThrow();
        handle(new LiftInput.BoardReport(write.actuation(), new LockResult.Done(true)), NIGHT);
        now += 15_000;
        LiftAction.Step again = handle(new LiftInput.Present("r2", "remote", renter("3")), NIGHT);
        assertThat(apply(again)).isEmpty();
        assertThat(replies(again)).extracting(LiftAction.Reply::requestId).containsExactly("r2");
        now += 15_000;
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT))).as("20 s from the second card").isEmpty();
    }

    @Test
    void aDeniedCardIsRecordedAndAnsweredWithItsReasonAndMovesNothing() {
        started(NOON);
        LiftAction.Step step = handle(new LiftInput.Present("r1", "card", new LiftDecision.Denied(DenyReason.EXPIRED)), NOON);
        assertThat(apply(step)).isEmpty();
        assertThat(events(step)).containsExactly(LiftAccess.denied("lift-a", "card", "EXPIRED", "r1"));
        assertThat(replies(step)).containsExactly(new LiftAction.Reply("r1", new CommandResult.Denied(DenyReason.EXPIRED)));
    }

    @Test
    void aFireReleasesEveryFloorAtOnceAndOnlyAnOfficerAfterTheInputClearedRestoresIt() {
        started(NIGHT);
        LiftAction.Step fire = handle(new LiftInput.FireAlarm("fire-panel", true), NIGHT);
        assertThat(apply(fire).orElseThrow().enabled()).containsExactlyInAnyOrderElementsOf(config.floors());
        assertThat(events(fire)).containsExactly(new LiftFireRelease("lift-a", "released", List.of("fire-panel"), config.floors(), null));

        assertThat(replies(handle(new LiftInput.Restore("o1", "officer-17"), NIGHT))).singleElement()
                .satisfies(r -> assertThat(((CommandResult.Refused) r.result()).why()).contains("fire-panel is still active"));
        LiftAction.Step cleared = handle(new LiftInput.FireAlarm("fire-panel", false), NIGHT);
        assertThat(apply(cleared)).as("the input clearing restores nothing").isEmpty();
        assertThat(events(cleared)).containsExactly(new LiftFireRelease("lift-a", "input-cleared", null, null, null));
        now += 3_600_000;
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT))).as("still released an hour later").isEmpty();

        LiftAction.Step restore = handle(new LiftInput.Restore("o2", "officer-17"), NIGHT);
        assertThat(events(restore)).containsExactly(new LiftFireRelease("lift-a", "restored", null, null, "officer-17"));
        LiftAction.Apply back = apply(restore).orElseThrow();
        assertThat(back.enabled()).containsExactlyInAnyOrder("B1", "1");
        assertThat(replies(handle(new LiftInput.BoardReport(back.actuation(), new LockResult.Done(true)), NIGHT)))
                .containsExactly(new LiftAction.Reply("o2", new CommandResult.Done()));
        assertThat(replies(handle(new LiftInput.Restore("o3", "officer-17"), NIGHT))).singleElement()
                .satisfies(r -> assertThat(r.result()).isInstanceOf(CommandResult.Refused.class));
    }

    @Test
    void aReleaseThatSurvivedARestartHoldsEveryFloorUntilAnOfficerRestoresIt() {
        lift = new LiftController(config, true);
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT)).orElseThrow().enabled()).containsExactlyInAnyOrderElementsOf(config.floors());
        assertThat(lift.fireReleased()).isTrue();
    }

    @Test
    void theRoofOpensAndClosesWithItsHoursAndTheControllerWakesForIt() {
        LocalTime beforeSeven = LocalTime.of(6, 59);
        LiftAction.Step step = handle(new LiftInput.Tick(), beforeSeven);
        assertThat(step.wakeAt()).hasValue(now + 60_000);
        handle(new LiftInput.BoardReport(apply(step).orElseThrow().actuation(), new LockResult.Done(true)), beforeSeven);
        now += 60_000;
        assertThat(apply(handle(new LiftInput.Tick(), LocalTime.of(7, 0))).orElseThrow().enabled()).contains("R");
    }

    @Test
    void aWriteTheBoardDidNotTakeFailsTheRideRaisesAnAlarmAndIsTriedAgain() {
        started(NIGHT);
        LiftAction.Apply write = apply(handle(new LiftInput.Present("r1", "card", renter("2")), NIGHT)).orElseThrow();
        LiftAction.Step failed = handle(new LiftInput.BoardReport(write.actuation(), new LockResult.Offline("lift board x is offline")), NIGHT);
        assertThat(replies(failed)).containsExactly(new LiftAction.Reply("r1", new CommandResult.DeviceOffline("lift board x is offline")));
        assertThat(events(failed)).singleElement().isInstanceOf(LiftEvents.EnableFailed.class);
        assertThat(failed.wakeAt()).hasValue(now + LiftController.RETRY.toMillis());
        now += LiftController.RETRY.toMillis();
        assertThat(apply(handle(new LiftInput.Tick(), NIGHT)).orElseThrow().enabled()).containsExactlyInAnyOrder("B1", "1", "2");
    }

    @Test
    void aBoardThatLostPowerIsWrittenAgainOnceItsReadBackDisagrees() {
        started(NIGHT);
        LiftAction.Step read = handle(new LiftInput.BoardRead(Set.of()), NIGHT);
        assertThat(events(read)).singleElement().isEqualTo(new LiftEvents.BoardMismatch("lift-a", List.of("B1", "1"), List.of()));
        LiftAction.Apply again = apply(read).orElseThrow();
        assertThat(again.enabled()).containsExactlyInAnyOrder("B1", "1");
        handle(new LiftInput.BoardReport(again.actuation(), new LockResult.Done(true)), NIGHT);
        assertThat(events(handle(new LiftInput.BoardRead(Set.of("B1", "1")), NIGHT))).isEmpty();
        assertThat(apply(handle(new LiftInput.BoardRead(Set.of("B1")), NIGHT))).as("at most every RETRY").isEmpty();
    }
}
