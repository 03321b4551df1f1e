package org.anju.agent.lift;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.anju.agent.access.DenyReason;

/** Whether a card or a phone may ride this lift, and to which floors. */
public sealed interface LiftDecision {

    /**
     * @param guestOf the host whose floors a guest is taken to
     * @param floors  the floors of the rider's rooms (a guest's host's) that this lift serves, in lift order
     */
    record Granted(String tenantId, Optional<String> guestOf, List<String> floors) implements LiftDecision {
        public Granted {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(guestOf, "guestOf");
            floors = List.copyOf(floors);
        }
    }

    record Denied(DenyReason reason) implements LiftDecision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
