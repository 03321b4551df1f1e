package org.anju.bridge.bench;

import java.util.Arrays;

/**
 * Repeated measurements of one quantity (rounds of a throughput, or single latencies), sorted:
 * the figures a benchmark reports are their median and spread, never one lucky run.
 */
public record Samples(double[] sorted) {

    public Samples {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    public static Samples of(double... values) {
        return new Samples(values);
    }

    /** Latencies in nanoseconds as milliseconds, skipping the first {@code warmUp} (JIT). */
    public static Samples millis(long[] nanos, int warmUp) {
        return new Samples(Arrays.stream(nanos, Math.min(warmUp, nanos.length - 1), nanos.length)
                .mapToDouble(n -> n / 1e6).toArray());
    }

    public double median() {
        return percentile(50);
    }

    /** The nearest-rank percentile. */
    public double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    /** The spread as a share of the median, e.g. 0.08 for rounds within 8 %. */
    public double relativeSpread() {
        double m = median();
        return m == 0 ? 0 : (max() - min()) / m;
    }
}
