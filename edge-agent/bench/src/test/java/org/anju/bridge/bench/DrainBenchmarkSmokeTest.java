package org.anju.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The benchmark still runs end to end (small: the real run is {@code DrainBenchmark} with defaults). */
class DrainBenchmarkSmokeTest {
    @Test
    void aSmallRunPrintsEveryLine() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DrainBenchmark.main(new String[] {"2000", "20", "1"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("floor  bare Paho MQTT 5 QoS 1").contains("anju   uplink drain, signed, delivered on the park's"
                + " signed receipts").contains("publish -> agent handler").contains("added by the gateway");
        assertThat(out).as("every event drained: the drain's figure is a rate, not 0").doesNotContain("receipts:          0 events/s");
    }
}
