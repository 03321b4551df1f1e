package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.Map;

import org.anju.profiles.Problems;
import org.anju.profiles.yaml.Location;

/**
 * Who uses which GPIO. A pin wired to two things is a wiring mistake that would make a door open
 * when an alarm trips, or a relay chatter, so the second claim is reported, naming the first.
 */
public final class PinClaims {
    private record Claim(String user, Location at) {
    }

    private final Map<Integer, Claim> claims = new HashMap<>();
    private final Problems problems;
    private final String hint;

    public PinClaims(Problems problems, String hint) {
        this.problems = problems;
        this.hint = hint;
    }

    /** Claims {@code pin} for {@code user} (e.g. "the relay of door east-gate"), written at {@code at}. */
    public void claim(int pin, String user, Location at) {
        Claim first = claims.putIfAbsent(pin, new Claim(user, at));
        if (first != null) {
            problems.add(at, "GPIO " + pin + " for " + user + " is already used by " + first.user() + " (" + Where.relative(first.at(), at) + ")", hint);
        }
    }

    /** Reserves {@code pin} for something that is not in a file, e.g. the UART of a serial bus. */
    public void reserve(int pin, String user, Location at) {
        claims.putIfAbsent(pin, new Claim(user, at));
    }
}
