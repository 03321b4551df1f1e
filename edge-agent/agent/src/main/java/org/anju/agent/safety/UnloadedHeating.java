package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A pile or socket cabinet heating while every one of its relays is open and nothing flows: with
 * the gateway's whole load switched off, nothing it controls can warm the cabinet, so a rise that
 * goes on is a fire (a battery in runaway after its port was cut, a cell that keeps burning, a
 * short upstream of the relays). It is judged as the battery anomaly's warming is (least squares
 * over {@code heatingWindow}, at least {@code heatingCPerMinute}, not dying away, held for
 * {@code heatingHold}), but only once every relay has been open for the whole window, so the heat
 * a cut load leaves behind has had time to show it is falling, and only at or above the warning
 * temperature: below it the battery anomaly and the rising trend already tell the officer, and a
 * cabinet in the morning sun does not release the area's doors.
 */
final class UnloadedHeating {
    private final AnomalySettings s;
    private final double fromC;
    private final SampleWindow temperatures;
    private Instant allOffSince;
    private Instant since;
    private boolean active;
    private String detail = "";

    /** @param fromC the temperature from which heating with every relay open counts (the warning level) */
    UnloadedHeating(AnomalySettings settings, double fromC) {
        this.s = settings;
        this.fromC = fromC;
        this.temperatures = new SampleWindow(settings.heatingWindow());
    }

    /**
     * One reading of the cabinet with whether every port read off (relay open, no power) then.
     *
     * @return the condition's description on the reading that first confirms it
     */
    Optional<String> onReading(Instant at, double temperatureC, boolean everyRelayOpen) {
        temperatures.add(at, temperatureC);
        allOffSince = !everyRelayOpen ? null : allOffSince == null ? at : allOffSince;
        Optional<String> heating = heating(at, temperatureC);
        if (heating.isEmpty()) {
            since = null;
            active = false;
            return Optional.empty();
        }
        if (since == null) {
            since = at;
        }
        if (!active && !at.isBefore(since.plus(s.heatingHold()))) {
            active = true;
            detail = heating.get();
            return heating;
        }
        return Optional.empty();
    }

    /** Whether the cabinet heats with every relay open now (the live condition). */
    boolean active() {
        return active;
    }

    /** What was found when it was first confirmed. */
    String detail() {
        return detail;
    }

    private Optional<String> heating(Instant at, double temperatureC) {
        if (temperatureC < fromC || allOffSince == null || at.isBefore(allOffSince.plus(s.heatingWindow()))) {
            return Optional.empty(); // a load cut less than a window ago may still be warming it
        }
        OptionalDouble slope = temperatures.slopePerMinute(at, s.heatingWindow());
        if (slope.isEmpty() || slope.getAsDouble() < s.heatingCPerMinute()) {
            return Optional.empty();
        }
        Duration half = s.heatingWindow().dividedBy(2);
        OptionalDouble older = temperatures.slopePerMinute(at.minus(s.heatingWindow()), at.minus(half));
        OptionalDouble recent = temperatures.slopePerMinute(at.minus(half), at);
        if (older.isEmpty() || recent.isEmpty()
                || (older.getAsDouble() > 0 && recent.getAsDouble() < s.decayRatio() * older.getAsDouble())) {
            return Optional.empty(); // levelling off
        }
        return Optional.of(String.format(Locale.ROOT, "%.1f degC, rising %.2f degC/min over %d min with every relay open "
                + "and nothing flowing", temperatureC, slope.getAsDouble(), s.heatingWindow().toMinutes()));
    }
}
