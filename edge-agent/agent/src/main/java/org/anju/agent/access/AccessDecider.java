package org.anju.agent.access;

import java.time.Instant;
import java.util.Objects;

/**
 * Decides card and PIN presentations from the roster in memory, so doors keep working with the
 * park unreachable. The roster is swapped whole when the store has loaded a new one; a decision
 * never waits for the database. A guest pass's opens are counted here, in memory, as they are
 * granted (the count goes to the store afterwards, {@link #recordUsesWith}), so its last use is
 * refused even with the park away. Thread-safe.
 */
public final class AccessDecider {
    private final PinHasher pins;
    private final byte[] offlinePinSecret;
    private volatile Roster roster = Roster.empty();
    /** Opens of guest passes since the roster was loaded, by guest record id. */
    private final java.util.Map<String, Integer> used = new java.util.HashMap<>();
    private volatile java.util.function.BiConsumer<String, Integer> useLog = (id, n) -> { };

    public AccessDecider(PinHasher pins) {
        this(pins, null);
    }

    /** @param offlinePinSecret the secret shared with the park for offline PINs, or null for none */
    public AccessDecider(PinHasher pins, byte[] offlinePinSecret) {
        this.pins = Objects.requireNonNull(pins, "pins");
        this.offlinePinSecret = offlinePinSecret == null ? null : offlinePinSecret.clone();
    }

    /** A keypad entry and what it was: a PIN of the roster, a tenant's offline PIN, or neither. */
    public record KeypadDecision(AccessDecision decision, String credentialKind) {
    }

    /**
     * Judges digits typed at {@code door}: first as a roster PIN; if no tenant holds that PIN, as
     * the current offline PIN of a tenant the roster lets through this door now.
     */
    public KeypadDecision decideEntry(String digits, String door, Instant now) {
        Roster r = roster;
        AccessDecision asPin = r.decide(CredentialKey.of(new Credential.Pin(digits), pins), door, now);
        if (!(asPin instanceof AccessDecision.Denied d && d.reason() == DenyReason.UNKNOWN_CREDENTIAL)) {
            return new KeypadDecision(counted(r, asPin, now), "pin");
        }
        if (offlinePinSecret != null && digits.length() == org.anju.bridge.access.OfflinePin.DIGITS) {
            for (String tenant : r.tenantsAt(door, now)) {
                byte[] key = org.anju.bridge.access.OfflinePin.tenantKey(offlinePinSecret, tenant);
                if (org.anju.bridge.access.OfflinePin.matches(key, digits, now.getEpochSecond())) {
                    return new KeypadDecision(new AccessDecision.Granted(tenant), "offline-pin");
                }
            }
        }
        return new KeypadDecision(new AccessDecision.Denied(DenyReason.WRONG_PIN), "keypad");
    }

    public void replace(Roster roster) {
        synchronized (used) {
            this.roster = Objects.requireNonNull(roster, "roster");
            // the store's counts came with the roster; a use granted meanwhile and not yet written stays counted
            used.keySet().removeIf(id -> roster.tenant(id).map(t -> t.uses() == null || t.uses().used() >= used.get(id))
                    .orElse(true));
        }
    }

    /** Where each guest pass's new count of opens goes (the roster store), after the decision. */
    public void recordUsesWith(java.util.function.BiConsumer<String, Integer> log) {
        this.useLog = Objects.requireNonNull(log, "log");
    }

    /**
     * A grant to a guest pass takes one of its opens, or is refused when none is left, or when the
     * tenant whose guest it is no longer lives here (their lease ended at this gateway).
     */
    private AccessDecision counted(Roster r, AccessDecision decision, Instant now) {
        if (!(decision instanceof AccessDecision.Granted g)) {
            return decision;
        }
        TenantAccess.GuestUses uses = r.tenant(g.tenantId()).map(TenantAccess::uses).orElse(null);
        if (uses == null) {
            return decision;
        }
        if (g.host() != null && !(r.tenant(g.host()).map(host -> Roster.stay(host, now))
                .orElse(null) instanceof AccessDecision.Granted)) {
            return new AccessDecision.Denied(DenyReason.HOST_NOT_VALID);
        }
        int count;
        synchronized (used) {
            count = Math.max(uses.used(), used.getOrDefault(g.tenantId(), 0));
            if (count >= uses.max()) {
                return new AccessDecision.Denied(DenyReason.USES_SPENT);
            }
            used.put(g.tenantId(), ++count);
        }
        useLog.accept(g.tenantId(), count);
        return decision;
    }

    public Roster roster() {
        return roster;
    }

    /** Judges {@code credential} at {@code door} at {@code now} (take it from {@link AccessClock}). */
    public AccessDecision decide(Credential credential, String door, Instant now) {
        Roster r = roster;
        return counted(r, r.decide(CredentialKey.of(credential, pins), door, now), now);
    }

    /** Judges a remote open for {@code tenantId} at {@code door} by the same roster. */
    public AccessDecision decideTenant(String tenantId, String door, Instant now) {
        Roster r = roster;
        return counted(r, r.decideTenant(tenantId, door, now), now);
    }

    /** The tenant who holds {@code credential}, whether or not their stay runs now. */
    public java.util.Optional<TenantAccess> holderOf(Credential credential) {
        return roster.holderOf(CredentialKey.of(credential, pins));
    }

    /** The stored form of a credential, for the sync code that writes the roster. */
    public CredentialKey key(Credential credential) {
        return CredentialKey.of(credential, pins);
    }
}
