package org.anju.firmware.relay;

import java.util.Set;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;

/**
 * What a person or a fault does to a relay board on its own, from the command line:
 * <pre>
 * on:CH       the relay is switched on, e.g. by the board's button
 * off:CH      the relay is switched off
 * stuck:CH    the relay welds in its present position
 * silent      the board stops answering
 * </pre>
 */
public final class RelayInjection {
    private RelayInjection() {
    }

    public static InjectionSpec.Grammar grammar(int channels) {
        return new InjectionSpec.Grammar("channel", channels, Set.of("on", "off", "stuck"), Set.of(), Set.of("silent"));
    }

    public static Consumer<RelayBoardSimulator> action(InjectionSpec spec) {
        int ch = spec.target();
        return switch (spec.kind()) {
            case "on" -> board -> board.switchChannel(ch, true);
            case "off" -> board -> board.switchChannel(ch, false);
            case "stuck" -> board -> board.stick(ch);
            case "silent" -> board -> board.silence(true);
            default -> throw new IllegalArgumentException("not a relay-board injection: " + spec.kind());
        };
    }
}
