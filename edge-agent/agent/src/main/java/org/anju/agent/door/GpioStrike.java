package org.anju.agent.door;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.anju.agent.control.LockResult;
import org.anju.agent.gpio.DigitalOut;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.OutputPin;
import org.anju.agent.gpio.PinClaim;

/**
 * A lock switched by a relay on a GPIO pin. The controller times the pulse; this only drives the
 * relay, which for a fail-safe maglock means "on" is locked. The relay starts locked and is left
 * de-energised when the board closes (see {@link LockType} for why). A GPIO write takes
 * microseconds, so it is done on the caller's (event-loop) thread.
 */
public final class GpioStrike implements LockActuator {
    private final DigitalOut relay;
    private final LockType type;

    private GpioStrike(DigitalOut relay, LockType type) {
        this.relay = relay;
        this.type = type;
    }

    public static PinClaim<GpioStrike> claim(GpioBoard board, String doorId, int pin, boolean activeHigh,
                                             LockType type) {
        PinClaim<DigitalOut> claim = board.output(new OutputPin(doorId + " lock relay", pin, activeHigh,
                type.relayOnWhenLocked(), type.relayOnAtShutdown()));
        if (claim instanceof PinClaim.Claimed<DigitalOut> c) {
            return new PinClaim.Claimed<>(new GpioStrike(c.pin(), type));
        }
        return new PinClaim.Refused<>(((PinClaim.Refused<DigitalOut>) claim).reason());
    }

    @Override
    public CompletionStage<LockResult> unlock(Duration pulse) {
        return drive(false);
    }

    @Override
    public CompletionStage<LockResult> holdUnlocked() {
        return drive(false);
    }

    @Override
    public CompletionStage<LockResult> lock() {
        return drive(true);
    }

    /** Whether the relay currently holds the lock locked. */
    public boolean locked() {
        return relay.isOn() == type.relayOnWhenLocked();
    }

    private CompletionStage<LockResult> drive(boolean locked) {
        boolean on = locked == type.relayOnWhenLocked();
        // a relay on a pin has no feedback: the write took, whether the bolt moved is not known
        LockResult r = relay.set(on) ? new LockResult.Done(false)
                : new LockResult.Offline("GPIO " + relay.spec().pin() + " (" + relay.spec().name() + ") refused the write");
        return CompletableFuture.completedFuture(r);
    }
}
