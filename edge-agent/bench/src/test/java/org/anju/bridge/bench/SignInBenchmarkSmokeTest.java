package org.anju.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in benchmark runs end to end (small and with a cheap hash; the real run is {@code ./anju bench signin}). */
@Tag("wire")
class SignInBenchmarkSmokeTest {
    @Test
    void aSmallRunPrintsItsFiguresAndWritesThem(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Path results = dir.resolve("results.json");
        System.setProperty(BenchReport.RESULTS_PROPERTY, results.toString());
        try {
            SignInBenchmark.measure(new String[] {"4", "6", "1", "10000"});
        } finally {
            System.setOut(original);
            System.clearProperty(BenchReport.RESULTS_PROPERTY);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("idle p50").contains("flooded p50").contains("real sign-ins refused or failed under the flood: 0 of 4");
        assertThat(Files.readString(results)).contains("signin.flooded.p99");
    }
}
