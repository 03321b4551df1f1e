package org.anju.agent.store;

/** Opening the gateway database either works or says why, and the file is left as it was. */
public sealed interface OpenResult {

    record Opened(GatewayDatabase database) implements OpenResult {
    }

    record Failed(String reason) implements OpenResult {
    }
}
