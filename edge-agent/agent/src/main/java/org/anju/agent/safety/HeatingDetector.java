package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Early warning at pile level: the pile is warming and its load does not explain it. A pile's
 * inside warms toward a level set by its load and approaches that level ever more slowly; once
 * the load has been steady (or falling) for {@code loadSettle}, warming at
 * {@code heatingCPerMinute} or more, at a rate that is not dying away, means heat from something
 * other than the chargers: a battery cell going into thermal runaway. It must hold for
 * {@code heatingHold} so one noisy window does not flag.
 *
 * <p>Blind spots (SAFETY.md): while the load is rising (for {@code loadSettle} after a port starts)
 * and for {@code loadSettle} after the gateway starts; the level and trend rules still apply then.
 */
final class HeatingDetector {
    private final AnomalySettings s;
    private final SampleWindow temperatures;
    private final SampleWindow load;
    private Instant since;
    private boolean active;

    HeatingDetector(AnomalySettings settings) {
        this.s = settings;
        this.temperatures = new SampleWindow(settings.heatingWindow());
        // a little more than the settle time, so the sample at its start is still held
        this.load = new SampleWindow(settings.loadSettle().plus(settings.loadSettle().dividedBy(4)));
    }

    /**
     * One pile reading with the pile's total load at that time.
     *
     * @return what to tell the fire safety officer, on the reading where the anomaly is first confirmed
     */
    Optional<String> onReading(Instant at, double temperatureC, double loadWatts) {
        temperatures.add(at, temperatureC);
        load.add(at, loadWatts);
        Optional<String> unexplained = unexplainedWarming(at, loadWatts);
        if (unexplained.isEmpty()) {
            since = null;
            active = false;
            return Optional.empty();
        }
        if (since == null) {
            since = at;
        }
        if (!active && !at.isBefore(since.plus(s.heatingHold()))) {
            active = true;
            return unexplained;
        }
        return Optional.empty();
    }

    /** Whether the anomaly is present now (its alarm latches; this is the live condition). */
    boolean active() {
        return active;
    }

    private Optional<String> unexplainedWarming(Instant at, double loadWatts) {
        OptionalDouble slope = temperatures.slopePerMinute(at, s.heatingWindow());
        if (slope.isEmpty() || slope.getAsDouble() < s.heatingCPerMinute()) {
            return Optional.empty();
        }
        Duration half = s.heatingWindow().dividedBy(2);
        OptionalDouble older = temperatures.slopePerMinute(at.minus(s.heatingWindow()), at.minus(half));
        OptionalDouble recent = temperatures.slopePerMinute(at.minus(half), at);
        if (older.isEmpty() || recent.isEmpty()) {
            return Optional.empty();
        }
        if (older.getAsDouble() > 0 && recent.getAsDouble() < s.decayRatio() * older.getAsDouble()) {
            return Optional.empty(); // levelling off, as warming from a load that went up earlier does
        }
        Instant settleStart = at.minus(s.loadSettle());
        if (!load.covers(settleStart)) {
            return Optional.empty(); // too little history to know the load was steady
        }
        double before = load.valueAt(settleStart);
        double peak = load.maxIn(settleStart, at);
        double allowedRise = Math.max(s.loadRiseWatts(), s.loadRiseFraction() * before);
        if (peak - before > allowedRise) {
            return Optional.empty(); // the load went up: its heat can explain the warming
        }
        return Optional.of(String.format(Locale.ROOT,
                "pile warming %.2f degC/min over %d min while its load stayed at or below %.0f W for %d min",
                slope.getAsDouble(), s.heatingWindow().toMinutes(), Math.max(before, peak), s.loadSettle().toMinutes()));
    }
}
