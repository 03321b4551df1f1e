package org.anju.agent.store;

import org.anju.agent.access.Roster;

/** Reading the roster from disk either gives a snapshot or says why it could not. */
public sealed interface RosterLoad {

    record Loaded(Roster roster) implements RosterLoad {
    }

    record NotLoaded(String reason) implements RosterLoad {
    }
}
