package org.anju.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void eachFigureIsWrittenWithItsFloorRatioAndSpread() throws Exception {
        Path file = dir.resolve("bench/results.json");
        new BenchReport("store").add("append", "events/s", BenchReport.Better.HIGHER,
                Samples.of(900, 1000, 1100), Samples.of(4000), "bare SQLite batch").write(file);

        JsonNode figure = new ObjectMapper().readTree(file.toFile()).get(0);
        assertThat(figure.get("name").asText()).isEqualTo("store.append");
        assertThat(figure.get("unit").asText()).isEqualTo("events/s");
        assertThat(figure.get("value").asDouble()).isEqualTo(1000);
        assertThat(figure.get("floor").asDouble()).isEqualTo(4000);
        assertThat(figure.get("ratio").asDouble()).isEqualTo(0.25);
        assertThat(figure.get("better").asText()).isEqualTo("higher");
        assertThat(figure.get("runs").asInt()).isEqualTo(3);
        assertThat(figure.get("min").asDouble()).isEqualTo(900);
        assertThat(figure.get("max").asDouble()).isEqualTo(1100);
    }

    @Test
    void aBenchmarkRunAgainReplacesItsOwnFiguresAndKeepsTheOthers() throws Exception {
        Path file = dir.resolve("results.json");
        new BenchReport("door").add("open.p50", "ms", BenchReport.Better.LOWER, Samples.of(10), Samples.of(0.5), "bare").write(file);
        new BenchReport("store").add("append", "events/s", BenchReport.Better.HIGHER, Samples.of(1), Samples.of(2), "bare").write(file);
        new BenchReport("door").add("open.p99", "ms", BenchReport.Better.LOWER, Samples.of(20), Samples.of(0), "bare").write(file);

        JsonNode all = new ObjectMapper().readTree(file.toFile());
        assertThat(all).extracting(n -> n.get("name").asText()).containsExactly("store.append", "door.open.p99");
        assertThat(all.get(1).get("ratio").isNull()).as("no ratio to a floor of zero").isTrue();
    }

    @Test
    void percentilesAreNearestRank() {
        Samples s = Samples.millis(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000}, 0);
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.percentile(99)).isEqualTo(5.0);
        assertThat(s.percentile(20)).isEqualTo(1.0);
        assertThat(Samples.millis(new long[] {9_000_000, 1_000_000, 2_000_000}, 1).count()).isEqualTo(2);
    }
}
