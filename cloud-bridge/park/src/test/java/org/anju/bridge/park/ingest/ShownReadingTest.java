package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.park.live.LiveFeed;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * A reading reaches a console as the text Ingest writes without reading the payload into a tree:
 * the console must read the same thing it would from the tree, and one Server-Sent Event must stay
 * one, whatever whitespace the gateway put in its JSON.
 */
class ShownReadingTest {
    @Test
    void aReadingsTextSaysWhatItsTreeSays() {
        EventBatch.Event e = new EventBatch.Event(42, 1_700_000_000_000L, Priority.TELEMETRY, "port.reading",
                "{\"pile\":\"车棚-1\",\"port\":3,\"state\":\"Charging\",\"powerW\":420,\"voltageV\":220.5,\"note\":\"\\\"quoted\\\"\"}");

        String text = Ingest.shownText("b07-gw", e);

        assertThat(new JsonObject(text)).isEqualTo(new JsonObject().put("gateway", "b07-gw").put("seq", 42L)
                .put("ts", 1_700_000_000_000L).put("type", "port.reading").put("payload", new JsonObject(e.payload())));
    }

    @Test
    void aPayloadWithLineBreaksIsWrittenOnOneLine() {
        EventBatch.Event e = new EventBatch.Event(7, 1_000, Priority.TELEMETRY, "port.reading",
                "{\n  \"pile\": \"pile-1\",\r\n  \"port\": 3,\n  \"powerW\": 0\n}");

        String text = Ingest.shownText("gw-1", e);
        String event = "event: port\ndata: " + text + "\n\n";

        assertThat(text).doesNotContain("\n").doesNotContain("\r");
        assertThat(event.split("\n\n", -1)).as("one event, then the blank line that ends it").hasSize(2);
        assertThat(new JsonObject(text).getJsonObject("payload")).isEqualTo(new JsonObject(e.payload()));
        assertThat(LiveFeed.idOf(event)).as("a reading is not numbered news").isEqualTo(-1);
    }
}
