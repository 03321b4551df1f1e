package org.anju.agent.access;

import java.time.Instant;
import java.util.Objects;

/**
 * Decides card and PIN presentations from the roster in memory, so doors keep working with the
 * park unreachable. The roster is swapped whole when the store has loaded a new one; a decision
 * never waits for the database. Thread-safe.
 */
public final class AccessDecider {
    private final PinHasher pins;
    private volatile Roster roster = Roster.empty();

    public AccessDecider(PinHasher pins) {
        this.pins = Objects.requireNonNull(pins, "pins");
    }

    public void replace(Roster roster) {
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    public Roster roster() {
        return roster;
    }

    /** Judges {@code credential} at {@code door} at {@code now} (take it from {@link AccessClock}). */
    public AccessDecision decide(Credential credential, String door, Instant now) {
        return roster.decide(CredentialKey.of(credential, pins), door, now);
    }

    /** Judges a remote open for {@code tenantId} at {@code door} by the same roster. */
    public AccessDecision decideTenant(String tenantId, String door, Instant now) {
        return roster.decideTenant(tenantId, door, now);
    }

    /** The stored form of a credential, for the sync code that writes the roster. */
    public CredentialKey key(Credential credential) {
        return CredentialKey.of(credential, pins);
    }
}
