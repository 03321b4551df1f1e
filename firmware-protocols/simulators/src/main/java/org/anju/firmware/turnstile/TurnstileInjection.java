package org.anju.firmware.turnstile;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;

/**
 * What people and faults do to a turnstile lane, from the command line:
 * <pre>
 * enter          a person walks in (only through an open, or in free mode)
 * leave          a person walks out
 * tailgate-in    two people pass in on one open
 * tailgate-out   two people pass out on one open
 * force-in       someone vaults the arm inwards: counted, nobody opened
 * force-out      the same outwards
 * auto-walk      from then on every open is walked through 1 s later
 * reboot         power lost and back: counters restart at 0
 * silent         the lane's module stops answering
 * </pre>
 */
public final class TurnstileInjection {
    private TurnstileInjection() {
    }

    public static InjectionSpec.Grammar grammar() {
        return new InjectionSpec.Grammar("lane", 1, Set.of(), Set.of(), Set.of("enter", "leave", "tailgate-in",
                "tailgate-out", "force-in", "force-out", "auto-walk", "reboot", "silent"));
    }

    public static Consumer<TurnstileSimulator> action(InjectionSpec spec) {
        return switch (spec.kind()) {
            case "enter" -> TurnstileSimulator::enter;
            case "leave" -> TurnstileSimulator::leave;
            case "tailgate-in" -> t -> t.tailgate(TurnstileSimulator.Way.IN);
            case "tailgate-out" -> t -> t.tailgate(TurnstileSimulator.Way.OUT);
            case "force-in" -> t -> t.force(TurnstileSimulator.Way.IN);
            case "force-out" -> t -> t.force(TurnstileSimulator.Way.OUT);
            case "auto-walk" -> t -> t.autoWalk(Duration.ofSeconds(1));
            case "reboot" -> TurnstileSimulator::reboot;
            case "silent" -> t -> t.silence(true);
            default -> throw new IllegalArgumentException("not a turnstile injection: " + spec.kind());
        };
    }
}
