package org.anju.agent.access;

import java.util.Objects;

/** The outcome of presenting a credential at a door. Both outcomes become events. */
public sealed interface AccessDecision {

    /**
     * The tenant id is opaque: no name, room or phone ever travels with a decision. {@code host}:
     * for a guest, the tenant whose guest they are (null for a tenant).
     */
    record Granted(String tenantId, String host) implements AccessDecision {
        public Granted {
            Objects.requireNonNull(tenantId, "tenantId");
        }

        public Granted(String tenantId) {
            this(tenantId, null);
        }
    }

    record Denied(DenyReason reason) implements AccessDecision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
