package org.anju.agent.store;

/** An append is on disk, or it is not and the reason says why (a full disk, a broken file). */
public sealed interface AppendResult {

    record Stored(OutboxEvent event) implements AppendResult {
    }

    record NotStored(String reason) implements AppendResult {
    }
}
