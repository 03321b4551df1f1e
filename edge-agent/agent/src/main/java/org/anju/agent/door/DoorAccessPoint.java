package org.anju.agent.door;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.vertx.core.Future;
import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.Credential;
import org.anju.agent.access.DenyReason;
import org.anju.agent.control.CommandResult;

/**
 * A reader or keypad at a door: judges what is presented against the local roster and acts on it.
 * The decision is made on the caller's thread (two map look-ups, no I/O); the event and the
 * opening happen on the door's context. Safe to call from any thread, e.g. a Wiegand reader's.
 */
public final class DoorAccessPoint {
    private final DoorRuntime door;
    private final AccessDecider decider;
    private final Supplier<Instant> clock;
    private final KeypadGuard guard = new KeypadGuard();

    /** @param clock the time to judge stays by; give it {@code AccessClock::now} (clock-jump safe) */
    public DoorAccessPoint(DoorRuntime door, AccessDecider decider, Supplier<Instant> clock) {
        this.door = Objects.requireNonNull(door, "door");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Digits typed at the door's keypad: a roster PIN or a tenant's offline PIN opens it; too many
     * wrong entries lock the keypad for a while (the denial then says KEYPAD_LOCKED, an alarm).
     */
    public synchronized Future<CommandResult> presentEntry(String digits) {
        Instant now = clock.get();
        String id = "keypad-" + UUID.randomUUID();
        if (guard.locked(now)) {
            return door.admit(id, "keypad", new AccessDecision.Denied(DenyReason.KEYPAD_LOCKED));
        }
        AccessDecider.KeypadDecision judged = decider.decideEntry(digits, door.doorId(), now);
        if (judged.decision() instanceof AccessDecision.Granted) {
            guard.right();
        } else if (guard.wrong(now)) {
            door.admit(id, judged.credentialKind(), judged.decision());
            return door.admit("keypad-" + UUID.randomUUID(), "keypad", new AccessDecision.Denied(DenyReason.KEYPAD_LOCKED));
        }
        return door.admit(id, judged.credentialKind(), judged.decision());
    }

    /** Judges and acts; the answer is Opened, Denied(reason), DeviceOffline or TimedOut. */
    public Future<CommandResult> present(Credential credential) {
        AccessDecision decision = decider.decide(credential, door.doorId(), clock.get());
        String holder = decision instanceof AccessDecision.Denied
                ? decider.holderOf(credential).map(org.anju.agent.access.TenantAccess::tenantId).orElse(null) : null;
        return door.admit(credential.kind() + "-" + UUID.randomUUID(), credential.kind(), decision, holder);
    }
}
