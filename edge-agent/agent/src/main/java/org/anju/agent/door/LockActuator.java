package org.anju.agent.door;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.anju.agent.control.LockResult;

/**
 * The one thing a door controller drives. A GPIO strike ({@link GpioStrike}) answers at once; a
 * lock-board channel sends a command on the RS-485 bus and answers when the board does (or
 * reports the board offline), and the board times the pulse itself. Implementations must not
 * block the caller: the door runtime calls them on its event loop.
 */
public interface LockActuator {

    /** Unlocks for a pulse. The controller also sends {@link #lock()} when the pulse ends. */
    CompletionStage<LockResult> unlock(Duration pulse);

    /** Unlocks until told otherwise (fire release). */
    CompletionStage<LockResult> holdUnlocked();

    /** Locks now. */
    CompletionStage<LockResult> lock();
}
