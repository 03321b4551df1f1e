package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The ports' readings as consoles take them: whatever comes, in whatever order (some swapped on the
 * way), a console that looks now and then is given each changed port once per look, never an older
 * reading after a newer one, at most as many as it asks for, and, once it has looked often enough,
 * every port's latest.
 */
class PortBoardTest {

    @Property(tries = 300)
    void eachLookGivesEachPortOnceInOrderAndInTheEndItsLatest(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 7) Integer> ports,
            @ForAll @Size(max = 300) List<Boolean> swapped,
            @ForAll @Size(max = 300) List<Boolean> looks,
            @ForAll @IntRange(min = 1, max = 5) int max) {
        PortBoard board = new PortBoard();
        List<Integer> arrival = new ArrayList<>(); // reading i is the i-th made; some arrive after the one made next
        for (int i = 0; i < ports.size(); i++) {
            arrival.add(i);
            if (i > 0 && i < swapped.size() && swapped.get(i)) {
                Collections.swap(arrival, i - 1, i);
            }
        }
        Map<String, Integer> latest = new HashMap<>();
        Map<String, List<Integer>> seen = new HashMap<>();
        long[] cursor = {board.version()};
        Runnable look = () -> {
            PortBoard.Changes changes = board.since(cursor[0], max);
            assertThat(changes.texts()).as("no more than asked for").hasSizeLessThanOrEqualTo(max);
            List<String> portsThisLook = new ArrayList<>();
            for (String text : changes.texts()) {
                String port = text.split("=")[0];
                assertThat(portsThisLook).as("a port once per look").doesNotContain(port);
                portsThisLook.add(port);
                seen.computeIfAbsent(port, p -> new ArrayList<>()).add(Integer.parseInt(text.split("=")[1]));
            }
            cursor[0] = changes.version();
        };
        for (int k = 0; k < arrival.size(); k++) {
            int i = arrival.get(k);
            String port = "p" + ports.get(i);
            latest.merge(port, i, Math::max);
            board.offer(port, i, port + "=" + i);
            if (k < looks.size() && looks.get(k)) {
                look.run();
            }
        }
        for (int n = 0; n <= 8; n++) { // eight ports at most: as many looks as it takes at the smallest max
            look.run();
        }
        latest.forEach((port, value) -> {
            List<Integer> s = seen.get(port);
            assertThat(s).as("%s: never an older reading after a newer one", port).isSorted().doesNotHaveDuplicates();
            assertThat(s.get(s.size() - 1)).as("%s: its latest reached the console", port).isEqualTo(value);
        });
        assertThat(board.size()).isEqualTo(latest.size());
    }

    @Test
    void aReadingIsWrittenOnceHoweverManyConsolesTakeIt() {
        PortBoard board = new PortBoard();
        String reading = "event: port\ndata: {\"gateway\":\"gw-b07\"}\n\n";
        board.offer("gw-b07/pile-1/3", 1, reading);
        for (int console = 0; console < 5; console++) {
            assertThat(board.since(0, 10).texts()).singleElement().as("the one text kept, not a copy").isSameAs(reading);
        }
    }

    @Test
    void aConsoleOpeningNowIsGivenWhatChangesFromNowOn() {
        PortBoard board = new PortBoard();
        board.offer("gw-b07/pile-1/1", 1, "old");
        long opened = board.version();
        assertThat(board.since(opened, 10).texts()).isEmpty();
        board.offer("gw-b07/pile-1/1", 2, "new");
        assertThat(board.since(opened, 10).texts()).containsExactly("new");
    }
}
