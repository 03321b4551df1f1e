package org.anju.bridge.command;

import java.time.Instant;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandKind;

/**
 * A command that passed every check: signed by a trusted park key, for this gateway, within its
 * validity, seen for the first time, of a known kind with a valid body. Only these reach the agent.
 */
public record VerifiedCommand(String requestId, CommandBody body, String keyId, Instant issuedAt, Instant expiresAt) {
    public CommandKind kind() {
        return body.kind();
    }
}
