package org.anju.agent.gate;

import java.util.Optional;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.control.LockResult;

/** Everything that can happen at a gate, fed to {@link GateController#handle} with the monotonic time. */
public sealed interface GateInput {

    /**
     * A card, PIN or phone at the entry (or exit) reader, already judged by the roster.
     *
     * @param holder the tenant the credential belongs to, even with a stay that is not running (an exit names them)
     * @param inside whether the holder is counted inside the gate's building (anti-passback)
     */
    record Present(String requestId, GateController.Way way, String credential, Optional<String> holder,
                   AccessDecision decision, boolean inside) implements GateInput {
    }

    /** The request-to-exit button inside. */
    record ExitButton() implements GateInput {
    }

    /** A poll of the turnstile's passage counters (16-bit, wrapping). */
    record Counts(int entries, int exits) implements GateInput {
    }

    record FireAlarm(String input, boolean active) implements GateInput {
    }

    /** The turnstile's answer to the command with this actuation number. */
    record DeviceReport(long actuation, LockResult result) implements GateInput {
    }

    record Tick() implements GateInput {
    }
}
