package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A console's port readings: whatever comes in, and in whatever order (some swapped on the way),
 * each port is sent at most once a second, never an older reading after a newer one, and its
 * latest reading always reaches the console.
 */
class ThrottleTest {
    private static final long SECOND = 1_000;

    /** Readings of ports 0 to 3, each {@code gaps} ms after the one before. */
    @Property(tries = 300)
    void eachPortAtMostOnceASecondInOrderAndItsLatestAlways(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 3) Integer> ports,
                                                            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 700) Integer> gaps,
                                                            @ForAll @Size(max = 200) List<Boolean> swapped) {
        Throttle<Integer> throttle = new Throttle<>(SECOND);
        Map<String, List<long[]>> sent = new HashMap<>(); // port -> (time, value)
        Map<String, Integer> latest = new HashMap<>();
        long now = 0;
        int n = Math.min(ports.size(), gaps.size());
        List<Integer> arrival = new ArrayList<>(); // reading i is the i-th made; some arrive after the one made next
        for (int i = 0; i < n; i++) {
            arrival.add(i);
            if (i > 0 && i < swapped.size() && swapped.get(i)) {
                java.util.Collections.swap(arrival, i - 1, i);
            }
        }
        for (int k = 0; k < n; k++) {
            int i = arrival.get(k);
            now += gaps.get(k);
            long at = now;
            for (Integer v : throttle.due(now)) {
                sent.computeIfAbsent(portOf(v), p -> new ArrayList<>()).add(new long[] {at, v});
            }
            String port = "p" + ports.get(i);
            int value = ports.get(i) * 10_000 + i;
            latest.merge(port, value, Math::max);
            throttle.offer(port, i, value, now).ifPresent(v -> sent.computeIfAbsent(port, p -> new ArrayList<>()).add(new long[] {at, v}));
        }
        long end = now + SECOND;
        for (Integer v : throttle.due(end)) {
            sent.computeIfAbsent(portOf(v), k -> new ArrayList<>()).add(new long[] {end, v});
        }
        assertThat(throttle.held()).isZero();
        latest.forEach((port, value) -> {
            List<long[]> s = sent.get(port);
            assertThat(s.get(s.size() - 1)[1]).as("%s: its latest reading reached the console", port).isEqualTo((long) value);
            for (int i = 1; i < s.size(); i++) {
                assertThat(s.get(i)[0] - s.get(i - 1)[0]).as("%s: a second apart at least", port).isGreaterThanOrEqualTo(SECOND);
                assertThat(s.get(i)[1]).as("%s: in the order they came", port).isGreaterThan(s.get(i - 1)[1]);
            }
        });
    }

    private static String portOf(int value) {
        return "p" + value / 10_000;
    }
}
