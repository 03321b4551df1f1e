package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rules have seen lately that a restart must not forget: each pile's recent readings
 * (the early warning's and the trend's windows reach back minutes) and, for each port with a
 * session, the full-charge timer and the power curve detector's view of the charge. Saved every
 * minute and at a clean stop; handed back to {@link ChargingSafety#restore}. A plain value.
 *
 * @param savedAt the rules' time when it was taken
 */
public record RulesMemory(Instant savedAt, List<PileMemory> piles) {
    /** Memory older than this holds nothing the windows still need (the longest, the load's, is 12.5 min). */
    public static final Duration USEFUL_FOR = Duration.ofMinutes(15);

    public RulesMemory {
        piles = List.copyOf(piles);
    }

    /** One pile's recent readings, oldest first, and its ports' memories by port number. */
    public record PileMemory(String pileId, List<PileSample> samples, Map<Integer, PortMemory> ports) {
        public PileMemory {
            samples = List.copyOf(samples);
            ports = Map.copyOf(ports);
        }
    }

    /** A pile reading as the pile's detectors took it: temperature, the load of its ports, and whether all were off. */
    public record PileSample(Instant at, double temperatureC, double loadWatts, boolean everyRelayOpen) {
    }

    /**
     * A port's rules during its session {@code sessionId}: below the full-charge power since
     * {@code belowFullSince} (null: not below), and the power curve detector.
     */
    public record PortMemory(String sessionId, Instant belowFullSince, PowerCurve curve) {
    }

    /** The power curve detector's state ({@link PowerCurveDetector}); {@code power} its window, oldest first. */
    public record PowerCurve(double bulkWatts, boolean tapering, double taperMinWatts, double previousWatts,
                             double jumpFromWatts, Instant creepSince, boolean flagged, List<Double> recentWatts,
                             List<Sample> power) {
        public PowerCurve {
            recentWatts = List.copyOf(recentWatts);
            power = List.copyOf(power);
        }
    }

    /** One value at one time. */
    public record Sample(Instant at, double value) {
    }

    /**
     * Whether this memory may be used at {@code now}: taken at or before now (a clock set back
     * makes it look as if from the future, and a window holding the future would be blind) and
     * recently enough for its windows to matter. Otherwise the rules re-arm from nothing, as
     * after a first start: the blind spots of SAFETY.md, for a window's length.
     */
    public boolean usableAt(Instant now) {
        return !savedAt.isAfter(now) && !now.isAfter(savedAt.plus(USEFUL_FOR));
    }
}
