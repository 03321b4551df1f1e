package org.anju.bridge.park.auth;

import java.time.Duration;

import org.anju.bridge.park.people.Role;

/**
 * How long a session lives, by role. Tenants and landlords keep a working day; officers and
 * administrators, who can cut power and create accounts, get a short idle limit renewed by use
 * (the console renews it while it is open) and a hard end after a shift.
 *
 * @param idle    how long a session lives without use; zero: it does not slide, it just lasts {@code maximum}
 * @param maximum the longest a session lives, used or not
 */
public record SessionLifetime(Duration idle, Duration maximum) {
    public static SessionLifetime of(Role role) {
        return switch (role) {
            case TENANT, LANDLORD -> new SessionLifetime(Duration.ZERO, Duration.ofHours(12));
            case OFFICER -> new SessionLifetime(Duration.ofMinutes(30), Duration.ofHours(12));
            case ADMIN -> new SessionLifetime(Duration.ofMinutes(15), Duration.ofHours(8));
        };
    }

    public boolean sliding() {
        return !idle.isZero();
    }

    /** When a session opened at {@code now} first expires. */
    public long firstExpiry(long now) {
        return now + (sliding() ? idle : maximum).toMillis();
    }
}
