package org.anju.firmware.lift;

import java.util.Set;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;

/**
 * What passengers and faults do to a lift car's buttons and its relay board, from the command line:
 * <pre>
 * press:B     a passenger presses floor button B (the car goes only if the button works)
 * stuck:B     relay B welds in its present position
 * reboot      the board loses power: every relay drops open, every floor button is dead
 * silent      the board stops answering
 * </pre>
 */
public final class LiftInjection {
    private LiftInjection() {
    }

    public static InjectionSpec.Grammar grammar(int buttons) {
        return new InjectionSpec.Grammar("button", buttons, Set.of("press", "stuck"), Set.of(), Set.of("reboot", "silent"));
    }

    public static Consumer<LiftCar> action(InjectionSpec spec) {
        int b = spec.target();
        return switch (spec.kind()) {
            case "press" -> car -> System.out.println("floor button " + b + (car.press(b) ? ": the car goes there"
                    : ": dead, the car stays at button " + car.at()));
            case "stuck" -> car -> car.board().stick(b);
            case "reboot" -> car -> car.board().powerCycle();
            case "silent" -> car -> car.board().silence(true);
            default -> throw new IllegalArgumentException("not a lift injection: " + spec.kind());
        };
    }
}
