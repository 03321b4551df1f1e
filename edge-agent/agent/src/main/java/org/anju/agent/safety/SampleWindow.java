package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * Recent samples of one quantity against time, kept for {@code retention}, with a least-squares
 * slope: fitting a line through every sample in a window averages out sensor noise and register
 * rounding instead of amplifying them the way a difference of two readings does.
 */
final class SampleWindow {
    private record Sample(long millis, double value) {
    }

    /** A slope needs this many points... */
    static final int MIN_POINTS = 4;
    /** ...spread over at least this share of the window, or it is a guess. */
    static final double MIN_COVERAGE = 0.75;

    private final Duration retention;
    private final Deque<Sample> samples = new ArrayDeque<>();

    SampleWindow(Duration retention) {
        this.retention = retention;
    }

    void add(Instant at, double value) {
        long millis = at.toEpochMilli();
        if (!samples.isEmpty() && millis <= samples.peekLast().millis()) {
            return; // time must move forward; a repeated or older sample adds nothing
        }
        samples.addLast(new Sample(millis, value));
        long oldest = millis - retention.toMillis();
        while (samples.peekFirst().millis() < oldest) {
            samples.removeFirst();
        }
    }

    void clear() {
        samples.clear();
    }

    /** The samples held, oldest first, thinned to one per {@code spacing} for keeping. */
    java.util.List<RulesMemory.Sample> memory(Duration spacing) {
        java.util.List<RulesMemory.Sample> out = new java.util.ArrayList<>();
        Long last = null;
        for (Sample s : samples) {
            if (last == null || s.millis() - last >= spacing.toMillis() || s == samples.peekLast()) {
                out.add(new RulesMemory.Sample(Instant.ofEpochMilli(s.millis()), s.value()));
                last = s.millis();
            }
        }
        return out;
    }

    /**
     * Least-squares slope per minute over samples in {@code [from, to]}; empty without enough data.
     * The samples are in time order, so both passes walk back from the newest and stop at
     * {@code from}: asked every reading about a window shorter than what is kept, a walk over
     * every sample kept was the most of the rules' time in hours of simulated charging.
     */
    OptionalDouble slopePerMinute(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        int n = 0;
        double sumT = 0;
        double sumV = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (s.millis() < a) {
                break;
            }
            if (s.millis() <= b) {
                n++;
                sumT += (s.millis() - a) / 60_000.0;
                sumV += s.value();
                first = Math.min(first, s.millis());
                last = Math.max(last, s.millis());
            }
        }
        if (n < MIN_POINTS || (last - first) < MIN_COVERAGE * (b - a)) {
            return OptionalDouble.empty();
        }
        double meanT = sumT / n;
        double meanV = sumV / n;
        double sxx = 0;
        double sxy = 0;
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (s.millis() < a) {
                break;
            }
            if (s.millis() <= b) {
                double t = (s.millis() - a) / 60_000.0 - meanT;
                sxx += t * t;
                sxy += t * (s.value() - meanV);
            }
        }
        return OptionalDouble.of(sxy / sxx);
    }

    /** Slope over the {@code window} that ends at {@code now}. */
    OptionalDouble slopePerMinute(Instant now, Duration window) {
        return slopePerMinute(now.minus(window), now);
    }

    /** Whether the samples reach back to {@code since} (so a question about that span can be answered). */
    boolean covers(Instant since) {
        return !samples.isEmpty() && samples.peekFirst().millis() <= since.toEpochMilli();
    }

    /** The sample nearest before or at {@code at}, or NaN if none. */
    double valueAt(Instant at) {
        long millis = at.toEpochMilli();
        double value = Double.NaN;
        for (Sample s : samples) {
            if (s.millis() > millis) {
                break;
            }
            value = s.value();
        }
        return value;
    }

    /** The largest value in {@code [from, to]}, or NaN if none. */
    double maxIn(Instant from, Instant to) {
        double max = Double.NaN;
        for (Sample s : samples) {
            if (s.millis() >= from.toEpochMilli() && s.millis() <= to.toEpochMilli()) {
                max = Double.isNaN(max) ? s.value() : Math.max(max, s.value());
            }
        }
        return max;
    }
}
