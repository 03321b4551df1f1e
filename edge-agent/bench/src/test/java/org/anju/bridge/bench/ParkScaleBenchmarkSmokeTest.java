package org.anju.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The park-scale benchmark end to end, tiny (the real run is {@code ./anju bench park-scale}: 1,000
 * gateways, 220,000 ports), on Debian's Mosquitto and PostgreSQL with bridge processes: what it
 * writes to the bench results is the README's table, so each figure must be a measurement beside
 * its floor with the load it was taken at, and what it says it stored must be in the database,
 * exactly.
 */
@Tag("process")
class ParkScaleBenchmarkSmokeTest {
    private static final int GATEWAYS = 8;
    private static final int PORTS = 20;
    /** Per gateway: 100 events a backlog, two backlogs, numbered on from the announcement's 21. */
    private static final int EVENTS = GATEWAYS * 100;

    @Test
    void aTinyParkStoresExactlyWhatItAnnouncedAndWritesEachFigureBesideItsFloor(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Path results = dir.resolve("results.json");
        System.setProperty(BenchReport.RESULTS_PROPERTY, results.toString());
        ParkScaleBenchmark.Stored stored;
        try {
            stored = ParkScaleBenchmark.run(GATEWAYS, PORTS, EVENTS, 10, Duration.ofMillis(200)); // the figures' settling, not their value, is smoked
        } finally {
            System.setOut(original);
            System.clearProperty(BenchReport.RESULTS_PROPERTY);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        long backlogAlarms = 0; // FloodGateways: an alarm at every hundredth seq
        for (long seq = PORTS + 2; seq < PORTS + 2 + 200; seq++) {
            backlogAlarms += seq % 100 == 0 ? 1 : 0;
        }
        assertThat(stored.gateways()).as(out).isEqualTo(GATEWAYS);
        assertThat(stored.events()).as("each gateway's announcement (its ports and an alarm) and its two backlogs, once each")
                .isEqualTo(GATEWAYS * (PORTS + 1 + 200L));
        assertThat(stored.ports()).as("the announced ports, and those the backlogs' readings name (the first 4 piles')")
                .isEqualTo(GATEWAYS * 40L);
        assertThat(stored.openAlarms()).as("the announced alarm and the backlogs' alarms, none cleared")
                .isEqualTo(GATEWAYS * (1 + backlogAlarms));

        Map<String, JsonNode> figures = new HashMap<>();
        for (JsonNode f : new ObjectMapper().readTree(results.toFile())) {
            figures.put(f.path("name").asText(), f);
        }
        List<String> names = List.of("park-scale.ingest.one", "park-scale.ingest.two", "park-scale.alarm.p99.one",
                "park-scale.alarm.p99.two", "park-scale.api.ports.building.p99.idle", "park-scale.api.ports.charging.p99.idle",
                "park-scale.api.ports.faulted.p99.idle", "park-scale.api.alarms.p99.idle", "park-scale.api.ports.building.p99.drain.two",
                "park-scale.rss." + GATEWAYS, "park-scale.heap." + GATEWAYS, "park-scale.heap." + GATEWAYS / 4,
                "park-scale.heap.per-gateway", "park-scale.disk.per-event");
        assertThat(figures).as(out).containsKeys(names.toArray(String[]::new));
        for (String name : names) {
            JsonNode f = figures.get(name);
            assertThat(f.path("floor").asDouble()).as(name + ": its floor, measured in the same run").isPositive();
            assertThat(f.path("load").isNumber()).as(name + ": the machine's load beside it").isTrue();
            if (!name.endsWith("per-gateway")) { // a slope between two small parks may come out below zero
                assertThat(f.path("value").asDouble()).as(name + ": a measurement, not 0").isPositive();
            }
        }
        assertThat(figures.get("park-scale.heap." + GATEWAYS).path("value").asDouble())
                .as("the bridge holds its gateways on top of what it held before they came")
                .isGreaterThan(figures.get("park-scale.heap." + GATEWAYS).path("floor").asDouble());
    }
}
