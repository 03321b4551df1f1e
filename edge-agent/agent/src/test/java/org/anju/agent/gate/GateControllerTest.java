package org.anju.agent.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.DenyReason;
import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;
import org.anju.agent.gate.GateController.Way;
import org.anju.profiles.model.Gate;
import org.junit.jupiter.api.Test;

/** A gate as a pure state machine: cards, the turnstile's counters and time are the test's. */
class GateControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(12);
    private GateController gate = new GateController("lobby-gate", Gate.AntiPassback.HARD, WAIT, Optional.empty());
    private long now = 1_000;

    private GateAction.Step handle(GateInput input) {
        return gate.handle(input, now);
    }

    private GateAction.Step card(String id, Way way, String tenant, boolean inside) {
        AccessDecision d = tenant == null ? new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL) : new AccessDecision.Granted(tenant);
        return handle(new GateInput.Present(id, way, "card", Optional.ofNullable(tenant), d, inside));
    }

    private static <T> List<T> of(GateAction.Step step, Class<T> type) {
        return step.actions().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GateEvent> events(GateAction.Step step) {
        return of(step, GateAction.Emit.class).stream().map(GateAction.Emit::event).toList();
    }

    @Test
    void aGrantedCardOpensTheLaneAndThePersonCountedIsTheirs() {
        handle(new GateInput.Counts(100, 40));
        GateAction.Step open = card("r1", Way.IN, "t-li", false);
        GateAction.Open o = of(open, GateAction.Open.class).get(0);
        assertThat(o.way()).isEqualTo(Way.IN);
        assertThat(events(open)).containsExactly(new GateEvent.AccessGranted("lobby-gate", "in", "r1", "t-li", "card", null));
        assertThat(of(handle(new GateInput.DeviceReport(o.actuation(), new LockResult.Done(true))), GateAction.Reply.class))
                .containsExactly(new GateAction.Reply("r1", new CommandResult.Opened()));
        assertThat(of(handle(new GateInput.Counts(101, 40)), GateAction.Passed.class))
                .containsExactly(new GateAction.Passed(Way.IN, Optional.of("t-li"), "card", 101, 40));
    }

    @Test
    void hardAntiPassbackRefusesASecondEntryBeforeLeavingSoftLogsItAndLeavingIsNeverRefused() {
        handle(new GateInput.Counts(0, 0));
        GateAction.Step again = card("r2", Way.IN, "t-li", true);
        assertThat(of(again, GateAction.Open.class)).isEmpty();
        assertThat(of(again, GateAction.Reply.class)).containsExactly(new GateAction.Reply("r2", new CommandResult.Denied(DenyReason.ANTI_PASSBACK)));
        assertThat(events(again)).containsExactly(new GateEvent.AccessDenied("lobby-gate", "in", "r2", DenyReason.ANTI_PASSBACK, "card"));
        card("r3", Way.IN, "t-wang", false);
        assertThat(of(card("r4", Way.IN, "t-wang", false), GateAction.Reply.class)).as("an entry open still waiting counts as in")
                .extracting(GateAction.Reply::result).containsExactly(new CommandResult.Denied(DenyReason.ANTI_PASSBACK));
        assertThat(of(card("r5", Way.OUT, null, false), GateAction.Open.class)).as("an unknown card leaves too").hasSize(1);

        gate = new GateController("lobby-gate", Gate.AntiPassback.SOFT, WAIT, Optional.empty());
        assertThat(events(card("r6", Way.IN, "t-li", true)))
                .containsExactly(new GateEvent.AccessGranted("lobby-gate", "in", "r6", "t-li", "card", "violated"));
    }

    @Test
    void aDeniedCardIsRecordedAndOpensNothing() {
        GateAction.Step denied = card("r1", Way.IN, null, false);
        assertThat(of(denied, GateAction.Open.class)).isEmpty();
        assertThat(events(denied)).containsExactly(new GateEvent.AccessDenied("lobby-gate", "in", "r1", DenyReason.UNKNOWN_CREDENTIAL, "card"));
    }

    @Test
    void anOpenNobodyPassesIsDroppedSoTheRenterWhoTurnedBackIsNotCounted() {
        handle(new GateInput.Counts(5, 5));
        GateAction.Step open = card("r1", Way.IN, "t-li", false);
        assertThat(open.wakeAt()).hasValue(now + WAIT.toMillis());
        now += WAIT.toMillis();
        assertThat(events(handle(new GateInput.Tick()))).containsExactly(new GateEvent.NotPassed("lobby-gate", "in", "t-li"));
        GateAction.Step later = handle(new GateInput.Counts(6, 5));
        assertThat(of(later, GateAction.Passed.class)).containsExactly(new GateAction.Passed(Way.IN, Optional.empty(), "unopened", 6, 5));
        assertThat(events(later)).containsExactly(new GateEvent.Intrusion("lobby-gate", "in", 1));
    }

    @Test
    void aTailgaterIsCountedUnidentifiedBehindTheCardHolderAndRaisesTheAlarm() {
        handle(new GateInput.Counts(0, 0));
        card("r1", Way.IN, "t-li", false);
        GateAction.Step two = handle(new GateInput.Counts(2, 0));
        assertThat(of(two, GateAction.Passed.class)).containsExactly(
                new GateAction.Passed(Way.IN, Optional.of("t-li"), "card", 1, 0),
                new GateAction.Passed(Way.IN, Optional.empty(), "unopened", 2, 0));
        assertThat(events(two)).containsExactly(new GateEvent.Intrusion("lobby-gate", "in", 1));
    }

    @Test
    void theExitButtonOpensOutwardsForSomeoneUnidentified() {
        handle(new GateInput.Counts(0, 0));
        assertThat(of(handle(new GateInput.ExitButton()), GateAction.Open.class)).extracting(GateAction.Open::way).containsExactly(Way.OUT);
        assertThat(of(handle(new GateInput.Counts(0, 1)), GateAction.Passed.class))
                .containsExactly(new GateAction.Passed(Way.OUT, Optional.empty(), "exit-button", 0, 1));
    }

    @Test
    void aFireHoldsTheLaneFreeEveryPassageIsCountedAndACardStillNamesItsHolder() {
        handle(new GateInput.Counts(0, 0));
        GateAction.Step fire = handle(new GateInput.FireAlarm("fire-panel", true));
        assertThat(of(fire, GateAction.SetFree.class)).extracting(GateAction.SetFree::free).containsExactly(true);
        assertThat(events(fire)).containsExactly(new GateEvent.FireFree("lobby-gate", List.of("fire-panel")));
        GateAction.Step out = card("r1", Way.OUT, "t-li", true);
        assertThat(of(out, GateAction.Open.class)).as("nothing to open: the lane is free").isEmpty();
        assertThat(of(handle(new GateInput.Counts(0, 3)), GateAction.Passed.class)).containsExactly(
                new GateAction.Passed(Way.OUT, Optional.of("t-li"), "card", 0, 1),
                new GateAction.Passed(Way.OUT, Optional.empty(), "free", 0, 2),
                new GateAction.Passed(Way.OUT, Optional.empty(), "free", 0, 3));
        assertThat(of(handle(new GateInput.FireAlarm("fire-panel", false)), GateAction.SetFree.class))
                .extracting(GateAction.SetFree::free).containsExactly(false);
    }

    @Test
    void passagesWhileTheGatewayWasDownAreCountedAgainstTheLastRecordedCounters() {
        gate = new GateController("lobby-gate", Gate.AntiPassback.HARD, WAIT, Optional.of(new int[] {65_534, 10}));
        GateAction.Step first = handle(new GateInput.Counts(1, 10));
        assertThat(of(first, GateAction.Passed.class)).as("across the 16-bit wrap").containsExactly(
                new GateAction.Passed(Way.IN, Optional.empty(), "offline", 65_535, 10),
                new GateAction.Passed(Way.IN, Optional.empty(), "offline", 0, 10),
                new GateAction.Passed(Way.IN, Optional.empty(), "offline", 1, 10));
        assertThat(events(first)).containsExactly(new GateEvent.CounterReset("lobby-gate", 1, 10, 3));
    }

    @Test
    void aCardBeforeTheFirstReadAfterARestartOpensTheLaneOnlyOnceWhatPassedWhileDownIsCounted() {
        gate = new GateController("lobby-gate", Gate.AntiPassback.HARD, WAIT, Optional.of(new int[] {10, 5}));
        GateAction.Step early = card("r1", Way.IN, "t-li", false);
        assertThat(of(early, GateAction.Open.class)).as("her passage would be lost among the unread ones").isEmpty();
        GateAction.Step first = handle(new GateInput.Counts(12, 6));
        assertThat(of(first, GateAction.Passed.class)).extracting(GateAction.Passed::how).containsExactly("offline", "offline", "offline");
        assertThat(of(first, GateAction.Open.class)).extracting(GateAction.Open::way).containsExactly(Way.IN);
        assertThat(of(handle(new GateInput.Counts(13, 6)), GateAction.Passed.class))
                .containsExactly(new GateAction.Passed(Way.IN, Optional.of("t-li"), "card", 13, 6));
    }

    @Test
    void anOpenHeldForALaneThatNeverAnswersFailsWithTheReason() {
        gate = new GateController("lobby-gate", Gate.AntiPassback.HARD, WAIT, Optional.of(new int[] {10, 5}));
        card("r1", Way.IN, "t-li", false);
        now += WAIT.toMillis();
        GateAction.Step failed = handle(new GateInput.Tick());
        assertThat(of(failed, GateAction.Reply.class)).singleElement().extracting(GateAction.Reply::result)
                .isInstanceOfSatisfying(CommandResult.DeviceOffline.class, o -> assertThat(o.detail()).contains("was not opened"));
        assertThat(events(failed)).singleElement().isInstanceOf(GateEvent.OpenFailed.class);
        assertThat(of(handle(new GateInput.Counts(10, 5)), GateAction.Open.class)).as("nothing left to open").isEmpty();
    }

    @Test
    void aLaneThatLostPowerCountsFromZeroAndWhatItCountedSinceIsPeopleToo() {
        handle(new GateInput.Counts(500, 480));
        GateAction.Step step = handle(new GateInput.Counts(2, 0));
        assertThat(of(step, GateAction.Passed.class)).hasSize(2).allSatisfy(p -> assertThat(p.how()).isEqualTo("unopened"));
        assertThat(events(step)).startsWith(new GateEvent.CounterReset("lobby-gate", 2, 0, 2));
        assertThat(of(handle(new GateInput.Counts(2, 1)), GateAction.Passed.class)).hasSize(1);
    }

    @Test
    void anOpenWhoseAnswerWasLostStillCountsHerPassageARefusedOneDoesNotAndFreeIsAskedAgainUntilItHolds() {
        handle(new GateInput.Counts(0, 0));
        GateAction.Open o = of(card("r1", Way.IN, "t-li", false), GateAction.Open.class).get(0);
        GateAction.Step failed = handle(new GateInput.DeviceReport(o.actuation(), new LockResult.TimedOut()));
        assertThat(of(failed, GateAction.Reply.class)).containsExactly(new GateAction.Reply("r1", new CommandResult.TimedOut()));
        assertThat(events(failed)).singleElement().isInstanceOf(GateEvent.OpenFailed.class);
        assertThat(of(handle(new GateInput.Counts(1, 0)), GateAction.Passed.class)).as("only the reply was lost: she passed")
                .containsExactly(new GateAction.Passed(Way.IN, Optional.of("t-li"), "card", 1, 0));
        GateAction.Open refused = of(card("r2", Way.IN, "t-wang", false), GateAction.Open.class).get(0);
        handle(new GateInput.DeviceReport(refused.actuation(), new LockResult.Offline("turnstile x refused the write (exception 4)")));
        assertThat(events(handle(new GateInput.Counts(2, 0)))).as("an open the lane refused is not his: who passes is an intrusion")
                .containsExactly(new GateEvent.Intrusion("lobby-gate", "in", 1));

        GateAction.SetFree free = of(handle(new GateInput.FireAlarm("smoke", true)), GateAction.SetFree.class).get(0);
        GateAction.Step notFree = handle(new GateInput.DeviceReport(free.actuation(), new LockResult.Offline("turnstile x is offline")));
        assertThat(notFree.wakeAt()).hasValue(now + GateController.RETRY.toMillis());
        now += GateController.RETRY.toMillis();
        assertThat(of(handle(new GateInput.Tick()), GateAction.SetFree.class)).extracting(GateAction.SetFree::free).containsExactly(true);
    }
}
