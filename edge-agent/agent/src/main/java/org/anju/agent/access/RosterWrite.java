package org.anju.agent.access;

/** A roster change is either committed or not, with a reason; the previous roster then stays. */
public sealed interface RosterWrite {

    record Saved(int tenants) implements RosterWrite {
    }

    record NotSaved(String reason) implements RosterWrite {
    }

    /** A delta that does not start at the version held: nothing applied; the park must send the whole roster. */
    record Gap(long heldVersion) implements RosterWrite {
    }
}
