package org.anju.agent.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.anju.agent.control.CommandResult;
import org.anju.agent.control.LockResult;

/**
 * Whatever happens to a door, in any order and at any pace, with a lock that sometimes fails:
 * the safety rules hold after every single step.
 */
class DoorSafetyPropertiesTest {

    enum Kind { GRANT, EXIT, SENSOR, FIRE, ACK, LOCKDOWN, TICK }

    record Move(Kind kind, long delayMs, boolean flag) {
    }

    record Scenario(DoorConfig config, List<Move> moves, List<Integer> lockAnswers) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<DoorConfig> configs = Combinators.combine(
                Arbitraries.of(LockType.class), Arbitraries.of(RelockOn.class), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 10), Arbitraries.longs().between(1, 60))
                .as((lock, relock, egress, pulse, held) -> new DoorConfig("d", lock, Duration.ofSeconds(pulse),
                        Duration.ofSeconds(held), relock, egress));
        Arbitrary<Move> moves = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.longs().between(0, 40_000), Arbitraries.of(true, false)).as(Move::new);
        return Combinators.combine(configs, moves.list().ofMaxSize(80),
                Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(20)).as(Scenario::new);
    }

    /** Runs a scenario, checking every invariant after every step. */
    private static DoorHarness run(Scenario s) {
        DoorHarness h = new DoorHarness(s.config());
        long pulse = s.config().pulse().toMillis();
        long held = s.config().heldOpenAfter().toMillis();
        // the lock fails now and then: 0 = offline, 1 = no answer, anything else = done
        h.lock = a -> {
            int v = s.lockAnswers().get((int) (a % s.lockAnswers().size()));
            return v == 0 ? new LockResult.Offline("bus down") : v == 1 ? new LockResult.TimedOut() : new LockResult.Done(true);
        };
        boolean[] doorOpen = {false};
        boolean[] fire = {false};
        h.afterStep = step -> {
            boolean fireRelease = h.phase() == DoorPhase.FIRE_RELEASE;
            // a closed door is never left unlocked longer than its pulse, except in a fire release
            if (h.lockReleased && !doorOpen[0] && !fireRelease) {
                assertThat(h.now - h.lastPulseStart).isLessThanOrEqualTo(pulse);
            }
            // an open door is unlocked only by a fire release, or while an authorised opening lasts on relock-on-close
            if (h.lockReleased && doorOpen[0] && !fireRelease) {
                assertThat(s.config().relockOn()).isEqualTo(RelockOn.DOOR_CLOSE);
                assertThat(h.phase()).isIn(DoorPhase.OPEN, DoorPhase.HELD_OPEN);
            }
            // the runtime is always asked to come back in time, and never for the past
            step.wakeAt().ifPresent(w -> assertThat(w).isGreaterThan(h.now));
            if (h.phase() == DoorPhase.UNLOCKED) {
                assertThat(step.wakeAt()).isPresent();
                assertThat(step.wakeAt().getAsLong()).isLessThanOrEqualTo(h.lastPulseStart + pulse);
            }
            if (h.phase() == DoorPhase.OPEN) {
                assertThat(step.wakeAt()).isPresent();
                assertThat(step.wakeAt().getAsLong() - h.now).isLessThanOrEqualTo(held);
            }
            // every door alarm raised is cleared exactly once, and one is open exactly in the alarm phases
            long open = h.count(DoorEvent.HeldOpen.class) + h.count(DoorEvent.ForcedOpen.class)
                    - h.count(DoorEvent.AlarmCleared.class);
            assertThat(open).isEqualTo(h.phase() == DoorPhase.HELD_OPEN || h.phase() == DoorPhase.FORCED_OPEN ? 1 : 0);
            // a fire alarm holds a releasing door released; other doors never enter fire release
            if (s.config().releasesOnFire() && fire[0]) {
                assertThat(h.phase()).isEqualTo(DoorPhase.FIRE_RELEASE);
                assertThat(h.lockReleased).isTrue();
            }
            if (!s.config().releasesOnFire()) {
                assertThat(h.phase()).isNotEqualTo(DoorPhase.FIRE_RELEASE);
            }
        };
        h.send(new DoorInput.DoorSensor(false));
        Set<String> commands = new HashSet<>();
        int n = 0;
        for (Move m : s.moves()) {
            h.after(m.delayMs());
            String id = "c" + n++;
            boolean lockedBefore = !h.lockReleased && h.phase() != DoorPhase.FIRE_RELEASE;
            boolean lockdownBefore = h.controller.lockdown() && h.phase() != DoorPhase.FIRE_RELEASE;
            boolean wasFireRelease = h.phase() == DoorPhase.FIRE_RELEASE;
            int eventsBefore = h.events.size();
            switch (m.kind()) {
                case GRANT -> {
                    commands.add(id);
                    h.send(new DoorInput.Grant(id, "t"));
                    if (lockdownBefore) {
                        assertThat(h.lastActions).noneMatch(a -> a instanceof DoorAction.Release);
                        assertThat(h.reply(id)).isEqualTo(new CommandResult.Denied(
                                org.anju.agent.access.DenyReason.LOCKDOWN));
                    }
                }
                case EXIT -> h.send(new DoorInput.ExitButton());
                case SENSOR -> {
                    boolean opening = m.flag() && !doorOpen[0];
                    doorOpen[0] = m.flag();
                    h.send(new DoorInput.DoorSensor(m.flag()));
                    List<DoorEvent> stepEvents = h.events.subList(eventsBefore, h.events.size());
                    // forced-open always alarms: an opening while locked, at once
                    if (opening && lockedBefore && h.phase() != DoorPhase.FIRE_RELEASE) {
                        assertThat(stepEvents).contains(new DoorEvent.ForcedOpen("d"));
                    }
                    if (opening && !lockedBefore) {
                        assertThat(stepEvents).doesNotContain(new DoorEvent.ForcedOpen("d"));
                    }
                }
                case FIRE -> {
                    fire[0] = m.flag();
                    h.send(new DoorInput.FireAlarm(m.flag()));
                }
                case ACK -> {
                    commands.add(id);
                    h.send(new DoorInput.AcknowledgeFire(id, "o"));
                    // a fire release ends only by an acknowledgement after the alarm cleared
                    if (wasFireRelease && h.phase() != DoorPhase.FIRE_RELEASE) {
                        assertThat(fire[0]).isFalse();
                    }
                }
                case LOCKDOWN -> {
                    commands.add(id);
                    h.send(new DoorInput.Lockdown(id, m.flag(), "o"));
                }
                case TICK -> h.send(new DoorInput.Tick());
            }
            if (wasFireRelease && m.kind() != Kind.ACK) {
                assertThat(h.phase()).as("only an acknowledgement ends a fire release").isEqualTo(DoorPhase.FIRE_RELEASE);
            }
        }
        h.after(120_000);
        // every command is answered exactly once
        assertThat(h.replies.keySet()).isEqualTo(commands);
        h.replies.values().forEach(r -> assertThat(r).hasSize(1));
        return h;
    }

    @Property(tries = 2000)
    void safetyRulesHoldWhateverHappens(@ForAll("scenarios") Scenario s) {
        run(s);
    }

    @Property(tries = 300)
    void aFailSecureDoorLeftAloneEndsLocked(@ForAll("scenarios") Scenario s) {
        DoorHarness h = run(new Scenario(s.config(), s.moves().stream()
                .filter(m -> m.kind() != Kind.FIRE && m.kind() != Kind.SENSOR).toList(), s.lockAnswers()));
        // with the door closed and two minutes of quiet, the pulse is long over
        assertThat(h.lockReleased).isFalse();
        assertThat(h.phase()).isEqualTo(DoorPhase.LOCKED);
    }
}
