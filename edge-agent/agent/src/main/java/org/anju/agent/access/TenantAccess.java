package org.anju.agent.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a door decision needs to know about a tenant: the stay's window (from inclusive, until
 * exclusive) and the doors they may open. Deliberately no name or room.
 */
public record TenantAccess(String tenantId, Instant validFrom, Instant validUntil, Set<String> doors) {
    public TenantAccess {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        doors = Set.copyOf(doors);
    }
}
