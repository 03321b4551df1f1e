package org.anju.profiles.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.profiles.Problems;
import org.anju.profiles.Location;

/**
 * Who uses which GPIO. A pin wired to two things is a wiring mistake that would make a door open
 * when an alarm trips, or a relay chatter. Claims are gathered first and judged in file order, so
 * the one written further down is the one reported, naming the first.
 */
public final class PinClaims {
    private record Claim(int pin, String user, Location at) {
    }

    private final List<Claim> reserved = new ArrayList<>();
    private final List<Claim> claims = new ArrayList<>();
    private final Problems problems;
    private final String hint;

    public PinClaims(Problems problems, String hint) {
        this.problems = problems;
        this.hint = hint;
    }

    /** Claims {@code pin} for {@code user} (e.g. "the relay of door east-gate"), written at {@code at}. */
    public void claim(int pin, String user, Location at) {
        claims.add(new Claim(pin, user, at));
    }

    /** Reserves {@code pin} ahead of every claim, e.g. for the UART a serial bus uses. */
    public void reserve(int pin, String user, Location at) {
        reserved.add(new Claim(pin, user, at));
    }

    /** Reports every claim of a pin that is reserved or claimed earlier in the file. */
    public void report() {
        Map<Integer, Claim> taken = new HashMap<>();
        reserved.forEach(c -> taken.putIfAbsent(c.pin(), c));
        claims.stream().sorted(Comparator.comparing(Claim::at, Comparator.comparing(Location::file)
                        .thenComparingInt(Location::line).thenComparingInt(Location::column)))
                .forEach(c -> {
                    Claim first = taken.putIfAbsent(c.pin(), c);
                    if (first != null) {
                        problems.add(c.at(), "GPIO " + c.pin() + " for " + c.user() + " is already used by " + first.user()
                                + " (" + Where.relative(first.at(), c.at()) + ")", hint);
                    }
                });
    }
}
