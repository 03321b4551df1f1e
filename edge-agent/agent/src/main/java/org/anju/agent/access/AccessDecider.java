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
    private final byte[] offlinePinSecret;
    private volatile Roster roster = Roster.empty();

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
            return new KeypadDecision(asPin, "pin");
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

    /** The tenant who holds {@code credential}, whether or not their stay runs now. */
    public java.util.Optional<TenantAccess> holderOf(Credential credential) {
        return roster.holderOf(CredentialKey.of(credential, pins));
    }

    /** The stored form of a credential, for the sync code that writes the roster. */
    public CredentialKey key(Credential credential) {
        return CredentialKey.of(credential, pins);
    }
}
