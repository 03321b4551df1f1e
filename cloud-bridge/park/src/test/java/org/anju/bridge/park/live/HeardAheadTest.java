package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * The fan-out's listener, seconds behind in a park's drain: what it heard and has not delivered
 * waits in order, but another instance's alarm shown ahead goes before all of it.
 */
class HeardAheadTest {
    private static String news(long id) {
        return "[" + new JsonObject().put("id", id).put("kind", "alarm").put("data", new JsonObject().put("seq", id)).encode() + "]";
    }

    private static String ahead(String gateway) {
        return "[" + new JsonObject().put("kind", "ahead").put("from", "b").put("text", "event: alarm\ndata: {\"gateway\":\""
                + gateway + "\"}\n\n").encode() + "]";
    }

    @Test
    void anAlarmShownAheadGoesBeforeWhatWaitsTheRestInOrder() {
        ArrayDeque<String> heard = new ArrayDeque<>();
        PostgresFanout.queueHeard(heard, List.of(news(1), news(2), news(3)));
        heard.poll();   // news 1 delivered; 2 and 3 wait
        PostgresFanout.queueHeard(heard, List.of(news(4), ahead("gw-7"), news(5), ahead("gw-9")));
        assertThat(heard).containsExactly(ahead("gw-7"), ahead("gw-9"), news(2), news(3), news(4), news(5));
        assertThat(ahead("gw-7")).as("the sender's payload begins as the listener looks for it").startsWith(PostgresFanout.AHEAD);
    }
}
