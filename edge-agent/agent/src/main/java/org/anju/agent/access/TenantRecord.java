package org.anju.agent.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;


/**
 * A tenant as the park registers them at this gateway: the roster row, the credentials in stored
 * form (PINs already hashed; the store never sees a PIN), the doors they may open and, for a guest,
 * the host tenant whose floors a lift takes them to and, for a guest pass, how many opens it allows. The room decides which floor a lift takes them
 * to; name and room are also kept for the local console; {@link #toString()} leaves them out so a log line
 * never carries personal data.
 */
public record TenantRecord(String id, String displayName, String room, Instant validFrom, Instant validUntil,
                           Set<CredentialKey> credentials, Set<String> doors, Optional<String> host,
                           Optional<Integer> maxUses) {

    /** A tenant or a guest whose opens are not counted. */
    public TenantRecord(String id, String displayName, String room, Instant validFrom, Instant validUntil,
                        Set<CredentialKey> credentials, Set<String> doors, Optional<String> host) {
        this(id, displayName, room, validFrom, validUntil, credentials, doors, host, Optional.empty());
    }

    /** A tenant who is nobody's guest. */
    public TenantRecord(String id, String displayName, String room, Instant validFrom, Instant validUntil,
                        Set<CredentialKey> credentials, Set<String> doors) {
        this(id, displayName, room, validFrom, validUntil, credentials, doors, Optional.empty());
    }

    public TenantRecord {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        credentials = Set.copyOf(credentials);
        doors = Set.copyOf(doors);
    }

    @Override
    public String toString() {
        return "TenantRecord[id=" + id + ", validFrom=" + validFrom + ", validUntil=" + validUntil
                + ", credentials=" + credentials.size() + ", doors=" + doors + host.map(h -> ", host=" + h).orElse("")
                + maxUses.map(n -> ", maxUses=" + n).orElse("") + "]";
    }
}
