package org.anju.profiles.model;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * When a lift floor is open to everyone: never (cards and phones only), always, or during spans
 * of the local day. A span may run past midnight (22:00-06:00); its end is exclusive.
 */
public record OpenHours(boolean always, List<Span> spans) {
    public static final OpenHours NEVER = new OpenHours(false, List.of());
    public static final OpenHours ALWAYS = new OpenHours(true, List.of());

    /** From {@code from} (inclusive) to {@code until} (exclusive), local time. */
    public record Span(LocalTime from, LocalTime until) {
        boolean contains(LocalTime t) {
            return from.isBefore(until) ? !t.isBefore(from) && t.isBefore(until) : !t.isBefore(from) || t.isBefore(until);
        }
    }

    public OpenHours {
        spans = List.copyOf(spans);
    }

    public boolean never() {
        return !always && spans.isEmpty();
    }

    public boolean openAt(LocalTime t) {
        return always || spans.stream().anyMatch(s -> s.contains(t));
    }

    /** How long from {@code t} until the floor next opens or closes; empty when it never changes. */
    public Optional<Duration> untilNextChange(LocalTime t) {
        Duration best = null;
        for (Span s : spans) {
            for (LocalTime edge : List.of(s.from(), s.until())) {
                Duration d = Duration.between(t, edge);
                if (d.isNegative() || d.isZero()) {
                    d = d.plusDays(1);
                }
                if (best == null || d.compareTo(best) < 0) {
                    best = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return always ? "always" : never() ? "never" : String.join(",", spans.stream().map(s -> s.from() + "-" + s.until()).toList());
    }
}
