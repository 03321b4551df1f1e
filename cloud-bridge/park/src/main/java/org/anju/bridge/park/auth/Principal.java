package org.anju.bridge.park.auth;

import java.util.Objects;

import org.anju.bridge.park.people.Role;

/** A signed-in person: their account id and role. What they may touch is looked up by id in the store. */
public record Principal(String accountId, Role role) {
    public Principal {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(role, "role");
    }
}
