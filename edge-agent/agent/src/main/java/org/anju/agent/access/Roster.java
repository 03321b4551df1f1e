package org.anju.agent.access;

import java.time.Instant;
import java.util.Map;

/**
 * An immutable snapshot of who may open which door, held in memory so a decision costs two map
 * look-ups on the event loop and never waits for the database or the park.
 */
public final class Roster {
    private static final Roster EMPTY = new Roster(Map.of(), Map.of());

    private final Map<CredentialKey, String> holders;
    private final Map<String, TenantAccess> tenants;

    public Roster(Map<CredentialKey, String> holders, Map<String, TenantAccess> tenants) {
        this.holders = Map.copyOf(holders);
        this.tenants = Map.copyOf(tenants);
    }

    public static Roster empty() {
        return EMPTY;
    }

    public int tenantCount() {
        return tenants.size();
    }

    /**
     * Judges a credential at a door at time {@code at}. The window is from-inclusive,
     * until-exclusive. The order of checks decides which reason a person sees when several apply:
     * an unknown card, then the stay's window, then the door.
     */
    public AccessDecision decide(CredentialKey credential, String door, Instant at) {
        String tenantId = holders.get(credential);
        TenantAccess tenant = tenantId == null ? null : tenants.get(tenantId);
        if (tenant == null) {
            return new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL);
        }
        return judge(tenant, door, at);
    }

    /**
     * Judges a tenant the park vouches for (a phone open) the same way: the gateway's own roster
     * must still grant the door, so a lease ended at the gateway stops the phone too.
     */
    public AccessDecision decideTenant(String tenantId, String door, Instant at) {
        TenantAccess tenant = tenants.get(tenantId);
        return tenant == null ? new AccessDecision.Denied(DenyReason.UNKNOWN_TENANT) : judge(tenant, door, at);
    }

    /** The tenant who holds {@code credential}, whether or not their stay runs now. */
    public java.util.Optional<TenantAccess> holderOf(CredentialKey credential) {
        String tenantId = holders.get(credential);
        return java.util.Optional.ofNullable(tenantId == null ? null : tenants.get(tenantId));
    }

    public java.util.Optional<TenantAccess> tenant(String tenantId) {
        return java.util.Optional.ofNullable(tenants.get(tenantId));
    }

    /** Whether {@code tenant}'s stay runs at {@code at}, whatever door: the window alone. */
    public static AccessDecision stay(TenantAccess tenant, Instant at) {
        if (at.isBefore(tenant.validFrom())) {
            return new AccessDecision.Denied(DenyReason.NOT_YET_VALID);
        }
        if (!at.isBefore(tenant.validUntil())) {
            return new AccessDecision.Denied(DenyReason.EXPIRED);
        }
        return new AccessDecision.Granted(tenant.tenantId());
    }

    /** The tenants the roster lets through {@code door} at {@code at}: whose offline PINs count there. */
    public java.util.List<String> tenantsAt(String door, Instant at) {
        return tenants.values().stream().filter(t -> judge(t, door, at) instanceof AccessDecision.Granted)
                .map(TenantAccess::tenantId).sorted().toList();
    }

    private static AccessDecision judge(TenantAccess tenant, String door, Instant at) {
        AccessDecision stay = stay(tenant, at);
        if (stay instanceof AccessDecision.Denied) {
            return stay;
        }
        if (!tenant.doors().contains(door)) {
            return new AccessDecision.Denied(DenyReason.NOT_THIS_DOOR);
        }
        return new AccessDecision.Granted(tenant.tenantId(), tenant.host().orElse(null));
    }
}
