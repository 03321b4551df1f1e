package org.anju.agent.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;


/**
 * A tenant as the park registers them at this gateway: the roster row, the credentials in stored
 * form (PINs already hashed; the store never sees a PIN) and the doors they may open. Name and
 * room are kept for the local console only; {@link #toString()} leaves them out so a log line
 * never carries personal data.
 */
public record TenantRecord(String id, String displayName, String room, Instant validFrom, Instant validUntil,
                           Set<CredentialKey> credentials, Set<String> doors) {
    public TenantRecord {
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
                + ", credentials=" + credentials.size() + ", doors=" + doors + "]";
    }
}
