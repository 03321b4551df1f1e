package org.anju.agent.safety;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Early warning at port level, from one session's power curve. A healthy charge draws a steady
 * bulk power, then tapers as the battery fills, then floats at a few watts; power does not come
 * back up. Once the charge is tapering (power below {@code taperFraction} of its bulk power) two
 * departures flag the battery:
 * <ul>
 * <li><b>late jump</b>: power steps up by at least max({@code jumpWatts}, {@code jumpFraction} x bulk)
 *     from one reading to the next, and the next reading confirms it (a cell shorting, a failing
 *     charger forcing current into a full pack);</li>
 * <li><b>rising in taper</b>: power climbs more than max({@code creepWatts}, {@code creepFraction} x bulk)
 *     above its lowest point since the taper began and the least-squares slope over
 *     {@code creepWindow} is rising, for {@code creepHold} (a battery whose internal resistance
 *     falls as it heats draws more and heats more).</li>
 * </ul>
 * Bulk power is tracked on the median of the last three readings so a single glitch neither sets it
 * nor starts the taper. One detector per session; it flags once.
 */
final class PowerCurveDetector {
    private final AnomalySettings s;
    private final Deque<Double> recent = new ArrayDeque<>(3);
    private final SampleWindow power;
    private double bulkWatts;
    private boolean tapering;
    private double taperMin = Double.MAX_VALUE;
    private double previous = Double.NaN;
    private double jumpFrom = Double.NaN;
    private Instant creepSince;
    private boolean flagged;

    PowerCurveDetector(AnomalySettings settings) {
        this.s = settings;
        this.power = new SampleWindow(settings.creepWindow());
    }

    /** Its state, to carry over a restart; the window thinned to one sample per {@code spacing}. */
    RulesMemory.PowerCurve memory(java.time.Duration spacing) {
        return new RulesMemory.PowerCurve(bulkWatts, tapering, taperMin, previous, jumpFrom, creepSince, flagged,
                java.util.List.copyOf(recent), power.memory(spacing));
    }

    /** A detector that carries on from {@code m}. */
    static PowerCurveDetector restored(AnomalySettings settings, RulesMemory.PowerCurve m) {
        PowerCurveDetector d = new PowerCurveDetector(settings);
        m.power().forEach(x -> d.power.add(x.at(), x.value()));
        m.recentWatts().stream().skip(Math.max(0, m.recentWatts().size() - 3)).forEach(d.recent::addLast);
        d.bulkWatts = m.bulkWatts();
        d.tapering = m.tapering();
        d.taperMin = m.taperMinWatts();
        d.previous = m.previousWatts();
        d.jumpFrom = m.jumpFromWatts();
        d.creepSince = m.creepSince();
        d.flagged = m.flagged();
        return d;
    }

    /** One reading of the port while its relay is closed; the anomaly's description on the reading that flags it. */
    Optional<String> onReading(Instant at, double watts) {
        power.add(at, watts);
        if (recent.size() == 3) {
            recent.removeFirst();
        }
        recent.addLast(watts);
        double median = median();
        Optional<String> found = flagged ? Optional.empty() : evaluate(at, watts, median);
        if (found.isPresent()) {
            flagged = true;
        }
        if (tapering) {
            taperMin = Math.min(taperMin, median);
        }
        previous = watts;
        return found;
    }

    private Optional<String> evaluate(Instant at, double watts, double median) {
        if (!tapering) {
            bulkWatts = Math.max(bulkWatts, median);
            if (bulkWatts >= s.minBulkWatts() && median < s.taperFraction() * bulkWatts) {
                tapering = true;
            }
            return Optional.empty();
        }
        double jump = Math.max(s.jumpWatts(), s.jumpFraction() * bulkWatts);
        if (!Double.isNaN(jumpFrom)) {
            double from = jumpFrom;
            jumpFrom = Double.NaN;
            if (watts >= from + jump / 2) {
                return Optional.of(String.format(Locale.ROOT, "power jumped from %.0f W to %.0f W late in the charge "
                        + "(bulk %.0f W, tapering since it fell below %.0f W)", from, watts, bulkWatts,
                        s.taperFraction() * bulkWatts));
            }
        } else if (!Double.isNaN(previous) && watts - previous >= jump) {
            jumpFrom = previous;
        }
        double creep = Math.max(s.creepWatts(), s.creepFraction() * bulkWatts);
        OptionalDouble slope = power.slopePerMinute(at, s.creepWindow());
        if (median > taperMin + creep && slope.isPresent() && slope.getAsDouble() > 0) {
            if (creepSince == null) {
                creepSince = at;
            }
            if (!at.isBefore(creepSince.plus(s.creepHold()))) {
                return Optional.of(String.format(Locale.ROOT, "power rising while the battery should be tapering: "
                        + "%.0f W, up from %.0f W, climbing %.1f W/min (bulk %.0f W)", median, taperMin,
                        slope.getAsDouble(), bulkWatts));
            }
        } else {
            creepSince = null;
        }
        return Optional.empty();
    }

    private double median() {
        double[] v = recent.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length == 2 ? (v[0] + v[1]) / 2 : v[v.length / 2];
    }
}
