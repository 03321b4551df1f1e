package org.anju.bridge.park.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lease's window must be to be registered: it ends after it starts, it has not ended
 * already (it would be listed as a current renter who cannot get in), and it does not start
 * years ahead (a typo in the year, most likely). Each problem is one sentence naming the field.
 */
final class LeaseWindow {
    /** How far ahead a lease may start. */
    static final Duration MAX_AHEAD = Duration.ofDays(366);

    private LeaseWindow() {
    }

    /** The problems with a window from {@code from} until {@code until} registered at {@code now}; nulls were reported already. */
    static List<String> problems(Instant from, Instant until, Instant now) {
        List<String> problems = new ArrayList<>();
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add("leaseEnd: must be after leaseStart");
        } else if (until != null && !until.isAfter(now)) {
            problems.add("leaseEnd: " + until + " is in the past; a lease that has ended cannot be registered");
        }
        if (from != null && from.isAfter(now.plus(MAX_AHEAD))) {
            problems.add("leaseStart: " + from + " is more than a year ahead; register the renter nearer the day they move in");
        }
        return problems;
    }
}
