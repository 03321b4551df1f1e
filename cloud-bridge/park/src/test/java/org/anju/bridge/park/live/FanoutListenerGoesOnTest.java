package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.anju.bridge.testing.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * On a real PostgreSQL: a message the consoles cannot be shown (what shows it throws) does not end
 * the fan-out's listening thread, which every console's live picture hangs on; the consoles are
 * told to read the state again, and the next alarm is shown.
 */
@Tag("peer")
class FanoutListenerGoesOnTest {
    @TempDir
    Path dir;

    @Test
    void aMessageThatCannotBeShownIsFollowedByAResyncAndTheNextAlarm() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            server.createParkSchema(dir);
            List<JsonObject> shown = new CopyOnWriteArrayList<>();
            try (PostgresFanout fanout = new PostgresFanout(server.fanoutTarget(dir), "a", messages -> {
                for (JsonObject m : messages) {
                    if ("poison".equals(m.getJsonObject("data", new JsonObject()).getString("gateway"))) {
                        throw new IllegalStateException("cannot show " + m);
                    }
                }
                shown.addAll(messages);
            })) {
                await().atMost(Duration.ofSeconds(30)).until(() -> fanout.problem() == null);
                fanout.send(alarm("poison"));
                await().atMost(Duration.ofSeconds(30)).until(() -> fanout.undeliverable() == 1);
                fanout.send(alarm("gw-7"));
                await().atMost(Duration.ofSeconds(30)).until(() -> shown.stream()
                        .anyMatch(m -> "gw-7".equals(m.getJsonObject("data", new JsonObject()).getString("gateway"))));
                assertThat(shown).extracting(m -> m.getString("kind")).contains("resync");
            }
        }
    }

    private static JsonObject alarm(String gateway) {
        return new JsonObject().put("kind", "alarm").put("data", new JsonObject().put("gateway", gateway).put("type", "alarm.raised"));
    }
}
