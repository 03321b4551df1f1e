package org.anju.bridge.park.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lease's window must be to be registered: it ends after it starts, it has not ended
 * already (it would be listed as a current renter who cannot get in), and it does not start
 * years ahead (a typo in the year, most likely). Each problem names the field and the catalog's code.
 */
final class LeaseWindow {
    /** How far ahead a lease may start. */
    static final Duration MAX_AHEAD = Duration.ofDays(366);

    private LeaseWindow() {
    }

    /** The problems with a window from {@code from} until {@code until} registered at {@code now}; nulls were reported already. */
    static List<FieldProblems.Problem> problems(Instant from, Instant until, Instant now) {
        List<FieldProblems.Problem> problems = new ArrayList<>();
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add(new FieldProblems.Problem("leaseEnd", "landlord.window.order"));
        } else if (until != null && !until.isAfter(now)) {
            problems.add(new FieldProblems.Problem("leaseEnd", "landlord.window.past", "date", until));
        }
        if (from != null && from.isAfter(now.plus(MAX_AHEAD))) {
            problems.add(new FieldProblems.Problem("leaseStart", "landlord.window.ahead", "date", from));
        }
        return problems;
    }
}
