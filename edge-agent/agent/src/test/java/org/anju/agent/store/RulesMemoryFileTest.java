package org.anju.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.anju.agent.safety.RulesMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules' memory on disk: read back as written, replaced whole, and a broken file changes nothing but is said. */
class RulesMemoryFileTest {
    private static final Instant T = Instant.parse("2026-03-15T08:00:00Z");

    @TempDir
    Path dir;

    private static RulesMemory memory(Instant savedAt, double celsius) {
        RulesMemory.PowerCurve curve = new RulesMemory.PowerCurve(180, true, 42.5, 44, Double.NaN, null, false,
                List.of(44.0, 43.0, 42.5), List.of(new RulesMemory.Sample(T, 44), new RulesMemory.Sample(T.plusSeconds(5), 43)));
        return new RulesMemory(savedAt, List.of(new RulesMemory.PileMemory("relays-a",
                List.of(new RulesMemory.PileSample(T, celsius, 180, false)),
                Map.of(3, new RulesMemory.PortMemory("relays-a/3/1773561600000", T.minusSeconds(300), curve)))));
    }

    @Test
    void whatIsSavedIsReadBackAndEachSaveReplacesTheLastWhole() {
        Path file = dir.resolve("charging-memory.json");
        try (RulesMemoryFile store = new RulesMemoryFile(file)) {
            assertThat(store.load()).isEqualTo(new RulesMemoryFile.Loaded(java.util.Optional.empty(), null));
            assertThat(store.save(memory(T, 31.5)).join()).isNull();
            assertThat(store.save(memory(T.plusSeconds(60), 32.0)).join()).isNull();
            RulesMemory read = store.load().memory().orElseThrow();
            assertThat(read).isEqualTo(memory(T.plusSeconds(60), 32.0));
            assertThat(read.piles().get(0).ports().get(3).curve().jumpFromWatts()).isNaN();
            assertThat(Files.exists(dir.resolve("charging-memory.json.tmp"))).isFalse();
        }
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndTheRulesStartFromNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("charging-memory.json"), "{\"savedAt\": \"2026-03-15T08:00:00Z\", \"piles\": [");
        try (RulesMemoryFile store = new RulesMemoryFile(file)) {
            RulesMemoryFile.Loaded loaded = store.load();
            assertThat(loaded.memory()).isEmpty();
            assertThat(loaded.problem()).contains("charging-memory.json cannot be read", "start from nothing");
        }
    }

    @Test
    void memoryFromTheFutureOrLongAgoIsNotUsed() {
        assertThat(memory(T, 30).usableAt(T.plusSeconds(60))).isTrue();
        assertThat(memory(T, 30).usableAt(T.minusSeconds(1))).as("a clock set back").isFalse();
        assertThat(memory(T, 30).usableAt(T.plus(RulesMemory.USEFUL_FOR).plusSeconds(1))).isFalse();
    }
}
