package org.anju.agent.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an access decision needs to know about a tenant: the stay's window (from inclusive, until
 * exclusive), the doors they may open, the room they rent (a lift takes them to its floor) and,
 * for a guest, the tenant who invited them (a lift takes a guest to the host's floors). Deliberately
 * no name.
 */
public record TenantAccess(String tenantId, Instant validFrom, Instant validUntil, Set<String> doors, String room,
                           Optional<String> host) {
    public TenantAccess {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        doors = Set.copyOf(doors);
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(host, "host");
    }

    /** A tenant with no room on record and no host. */
    public TenantAccess(String tenantId, Instant validFrom, Instant validUntil, Set<String> doors) {
        this(tenantId, validFrom, validUntil, doors, "", Optional.empty());
    }
}
