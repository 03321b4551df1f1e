package org.anju.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink benchmark end to end, small (the real run is {@code ./anju bench uplink} with its
 * defaults), against Debian's Mosquitto: what it writes to the bench results is what the README's
 * table is made of, so each figure must be a measurement beside its floor, not a label.
 */
@Tag("peer")
class DrainBenchmarkSmokeTest {
    @Test
    void aSmallRunWritesEachFigureBesideItsFloor(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Path results = dir.resolve("results.json");
        System.setProperty(BenchReport.RESULTS_PROPERTY, results.toString());
        try {
            DrainBenchmark.main(new String[] {"2000", "20", "1"});
        } finally {
            System.setOut(original);
            System.clearProperty(BenchReport.RESULTS_PROPERTY);
        }
        Map<String, JsonNode> figures = new HashMap<>();
        for (JsonNode f : new ObjectMapper().readTree(results.toFile())) {
            figures.put(f.path("name").asText(), f);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(figures).as(out).containsKeys("uplink.drain", "uplink.command.p50");
        JsonNode drain = figures.get("uplink.drain");
        assertThat(drain.path("unit").asText()).isEqualTo("events/s");
        assertThat(drain.path("value").asDouble()).as("every event drained on the park's receipts: a rate, not 0").isPositive();
        assertThat(drain.path("floor").asDouble()).as("the bare Paho loop measured in the same run").isPositive();
        assertThat(drain.path("ratio").asDouble()).isEqualTo(drain.path("value").asDouble() / drain.path("floor").asDouble(),
                org.assertj.core.data.Offset.offset(1e-4)); // written to four places
        JsonNode command = figures.get("uplink.command.p50");
        assertThat(command.path("value").asDouble()).as("a signed command's round trip takes time").isPositive();
        assertThat(command.path("value").asDouble()).as("the gateway's path includes the bare round trip")
                .isGreaterThan(command.path("floor").asDouble() * 0.5);
    }
}
