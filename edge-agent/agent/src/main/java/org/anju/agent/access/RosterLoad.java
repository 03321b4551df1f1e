package org.anju.agent.access;


/** Reading the roster from disk either gives a snapshot or says why it could not. */
public sealed interface RosterLoad {

    record Loaded(Roster roster) implements RosterLoad {
    }

    record NotLoaded(String reason) implements RosterLoad {
    }
}
