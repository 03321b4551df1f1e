package org.anju.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The figures of one benchmark run, each beside the floor measured in the same run: printed as a
 * table and merged into {@code target/bench/results.json} (one object per figure, by name; a
 * later run of the same benchmark replaces its figures and keeps the others'). Absolute values
 * depend on the machine; the ratio to the floor is what the README quotes.
 */
public final class BenchReport {
    /** Where the figures go; {@code ./anju bench} points it at the repository's {@code target/}. */
    public static final String RESULTS_PROPERTY = "anju.bench.results";

    /** Which way is good, so a ratio reads the same for throughputs and latencies. */
    public enum Better { HIGHER, LOWER }

    /**
     * One figure: the measured value, the floor it is compared to, the floor's name, and the
     * machine's load (1-minute average, /proc/loadavg) when it was taken: on shared cores a figure
     * means little without it.
     */
    public record Figure(String name, String unit, Better better, Samples value, Samples floor, String floorIs, double load) {
        /** value / floor: for a throughput the share of the floor reached, for a latency how many floors it costs. */
        public double ratio() {
            return floor.median() == 0 ? Double.NaN : value.median() / floor.median();
        }
    }

    private final String bench;
    private final List<Figure> figures = new ArrayList<>();

    public BenchReport(String bench) {
        this.bench = bench;
    }

    public BenchReport add(String name, String unit, Better better, Samples value, Samples floor, String floorIs) {
        figures.add(new Figure(bench + "." + name, unit, better, value, floor, floorIs, loadAverage()));
        return this;
    }

    /** The 1-minute load average now, NaN where /proc does not say. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Prints the table, writes the figures and says where. */
    public void finish() throws IOException {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %8s  %-10s %5s  %s%n", "figure", "median", "floor", "ratio", "unit", "load",
                "spread (runs)");
        for (Figure f : figures) {
            System.out.printf(Locale.ROOT, "%-34s %12s %12s %8.3f  %-10s %5.1f  %s-%s (%d) vs %s%n", f.name(),
                    number(f.value().median()), number(f.floor().median()), f.ratio(), f.unit(), f.load(),
                    number(f.value().min()), number(f.value().max()),
                    f.value().count(), f.floorIs());
        }
        Path file = Path.of(System.getProperty(RESULTS_PROPERTY, "target/bench/results.json"));
        write(file);
        System.out.println("figures written to " + file.toAbsolutePath().normalize()
                + " (absolute values depend on this machine; compare ratios)");
    }

    void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode merged = json.createArrayNode();
        if (Files.isRegularFile(file)) {
            JsonNode old = json.readTree(file.toFile());
            if (old != null && old.isArray()) {
                for (JsonNode n : old) {
                    if (!n.path("name").asText().startsWith(bench + ".")) {
                        merged.add(n);
                    }
                }
            }
        }
        String at = Instant.now().toString();
        for (Figure f : figures) {
            ObjectNode o = merged.addObject();
            o.put("name", f.name());
            o.put("unit", f.unit());
            put(o, "value", f.value().median());
            put(o, "floor", f.floor().median());
            put(o, "ratio", f.ratio());
            o.put("better", f.better().name().toLowerCase(Locale.ROOT));
            o.put("floorIs", f.floorIs());
            o.put("runs", f.value().count());
            put(o, "min", f.value().min());
            put(o, "max", f.value().max());
            o.put("floorRuns", f.floor().count());
            put(o, "load", f.load());
            o.put("measuredAt", at);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "results", ".tmp");
        json.writeValue(tmp.toFile(), merged);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Rounded to what the measurement can tell; null where there is no number (a floor of zero). */
    private static void put(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            double scale = Math.abs(v) >= 100 ? 10 : 10_000;
            o.put(field, Math.round(v * scale) / scale);
        }
    }

    private static String number(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
