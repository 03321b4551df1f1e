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
                           Optional<String> host, GuestUses uses) {

    /**
     * A guest pass's opens: at most {@code max}, {@code used} of them had when the roster was
     * loaded (the decider counts the rest in memory and writes each one down).
     */
    public record GuestUses(int max, int used) {
    }

    /** A tenant, or a guest whose opens are not counted. */
    public TenantAccess(String tenantId, Instant validFrom, Instant validUntil, Set<String> doors, String room,
                        Optional<String> host) {
        this(tenantId, validFrom, validUntil, doors, room, host, null);
    }

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
