package org.anju.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    private static final long MS = 1_000_000L;

    @Test
    void aLevelThatHoldsForTheWindowIsReportedAtTheDeadline() {
        Debouncer d = new Debouncer(false, 20 * MS);
        assertThat(d.raw(true, 100 * MS)).hasValue(120 * MS);
        assertThat(d.settle(119 * MS)).isEmpty();
        assertThat(d.settle(120 * MS)).contains(true);
        assertThat(d.stable()).isTrue();
        assertThat(d.settle(200 * MS)).as("reported once").isEmpty();
    }

    @Test
    void bounceThatReturnsToTheStableLevelIsNeverReported() {
        Debouncer d = new Debouncer(false, 20 * MS);
        d.raw(true, 0);
        assertThat(d.raw(false, 3 * MS)).isEmpty();
        assertThat(d.settle(50 * MS)).isEmpty();
        assertThat(d.stable()).isFalse();
    }

    @Test
    void everyBounceRestartsTheWindow() {
        Debouncer d = new Debouncer(false, 20 * MS);
        d.raw(true, 0);
        d.raw(false, 5 * MS);
        assertThat(d.raw(true, 10 * MS)).hasValue(30 * MS);
        assertThat(d.settle(20 * MS)).as("the first deadline is stale").isEmpty();
        assertThat(d.settle(30 * MS)).contains(true);
    }

    @Test
    void aRepeatedLevelDoesNotRestartTheWindow() {
        Debouncer d = new Debouncer(false, 20 * MS);
        d.raw(true, 0);
        assertThat(d.raw(true, 10 * MS)).hasValue(20 * MS);
    }

    @Test
    void zeroWindowPassesEveryChangeAtOnce() {
        Debouncer d = new Debouncer(true, 0);
        assertThat(d.raw(false, 7)).hasValue(7);
        assertThat(d.settle(7)).contains(false);
    }

    /**
     * Whatever the raw edges, with settle() run at every deadline it asks for: reported levels
     * alternate, and each reported level had been the raw level for at least the whole window.
     */
    @Property
    void reportsOnlyLevelsThatHeldForTheWindow(@ForAll("edges") List<Tuple.Tuple2<Boolean, Long>> edges) {
        long window = 10 * MS;
        Debouncer d = new Debouncer(false, window);
        List<long[]> raw = new ArrayList<>(); // [time, level]
        List<Boolean> reported = new ArrayList<>();
        List<Long> reportedAt = new ArrayList<>();
        long now = 0;
        long deadline = -1;
        for (var edge : edges) {
            long next = now + edge.get2();
            if (deadline >= 0 && deadline <= next) {
                Optional<Boolean> s = d.settle(deadline);
                s.ifPresent(v -> reported.add(v));
                if (s.isPresent()) {
                    reportedAt.add(deadline);
                }
                deadline = -1;
            }
            now = next;
            raw.add(new long[] {now, edge.get1() ? 1 : 0});
            OptionalLong dl = d.raw(edge.get1(), now);
            deadline = dl.isPresent() ? dl.getAsLong() : -1;
        }
        boolean last = false;
        for (int i = 0; i < reported.size(); i++) {
            assertThat(reported.get(i)).isNotEqualTo(last);
            last = reported.get(i);
            long at = reportedAt.get(i);
            boolean level = reported.get(i);
            // no raw edge to another level within (at - window, at]
            for (long[] r : raw) {
                if (r[0] > at - window && r[0] <= at) {
                    assertThat(r[1] == 1).isEqualTo(level);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Boolean, Long>>> edges() {
        return Arbitraries.integers().between(0, 1).map(i -> i == 1)
                .flatMap(level -> Arbitraries.longs().between(0, 30 * MS).map(gap -> Tuple.of(level, gap)))
                .list().ofMaxSize(60);
    }
}
