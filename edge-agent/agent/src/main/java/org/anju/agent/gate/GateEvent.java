package org.anju.agent.gate;

import java.util.List;

import org.anju.agent.access.DenyReason;

/**
 * What a gate decides, for the outbox ({@code gate.access_granted}, ...). A passage itself is
 * recorded by the building's occupancy ({@code gate.passage}), with the count it leads to.
 * Renters are named by opaque ids only.
 */
public sealed interface GateEvent {

    String gate();

    /**
     * A card, PIN or phone let through, in or out; {@code passback} is "violated" when soft anti-passback
     * let in a card already counted inside. Leaving is never refused: an unknown card at the exit
     * reader opens it too, unidentified.
     */
    record AccessGranted(String gate, String direction, String requestId, String tenant, String credential, String passback)
            implements GateEvent {
    }

    record AccessDenied(String gate, String direction, String requestId, DenyReason reason, String credential)
            implements GateEvent {
    }

    /** An open that nobody passed within the lane's window: the person turned back; they are not counted. */
    record NotPassed(String gate, String direction, String tenant) implements GateEvent {
    }

    /** Alarm: people counted through without an open (tailgating, vaulting the arm). */
    record Intrusion(String gate, String direction, int people) implements GateEvent {
    }

    /** Alarm: the turnstile did not take an open or free command; {@code detail} says why. */
    record OpenFailed(String gate, String detail) implements GateEvent {
    }

    /** Alarm: a fire input turned the gate free both ways until every fire input is quiet. */
    record FireFree(String gate, List<String> inputs) implements GateEvent {
    }

    record FireFreeEnded(String gate) implements GateEvent {
    }

    /**
     * The turnstile's counters went back (it lost power) or passages happened while the gateway was
     * not watching ({@code passages}, counted without names).
     */
    record CounterReset(String gate, int entries, int exits, int passages) implements GateEvent {
    }
}
