package org.anju.firmware.lockboard;

import java.util.Set;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;

/**
 * What a person or a fault does to a lock board, from the command line:
 * <pre>
 * walk:CH      a tenant opens the door (only if unlocked) and walks through; the closer shuts it
 * hold:CH      the door is propped open
 * force:CH     the door is forced open while locked
 * close:CH     the door is shut
 * jam:CH       the lock no longer releases
 * silent       the board stops answering
 * </pre>
 */
public final class LockBoardInjection {
    private LockBoardInjection() {
    }

    public static InjectionSpec.Grammar grammar(int channels) {
        return new InjectionSpec.Grammar("channel", channels, Set.of("walk", "hold", "force", "close", "jam"),
                Set.of(), Set.of("silent"));
    }

    public static Consumer<LockBoardSimulator> action(InjectionSpec spec) {
        int ch = spec.target();
        return switch (spec.kind()) {
            case "walk" -> board -> board.openDoor(ch);
            case "hold" -> board -> board.holdOpen(ch);
            case "force" -> board -> board.forceOpen(ch);
            case "close" -> board -> board.close(ch);
            case "jam" -> board -> board.jam(ch);
            case "silent" -> board -> board.silence(true);
            default -> throw new IllegalArgumentException("not a lock-board injection: " + spec.kind());
        };
    }
}
