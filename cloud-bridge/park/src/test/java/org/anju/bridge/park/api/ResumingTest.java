package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.bridge.park.live.LiveFeed;

import io.vertx.core.json.JsonObject;

/**
 * A reconnecting console's stream between the store's answer and the live feed: what the feed
 * brought while the store answered is sent after the answer, but for what the answer sent already;
 * nothing is left out, nothing sent twice, and what has no number always goes through.
 */
class ResumingTest {
    private static String news(long id, String kind) {
        return LiveFeed.text(new JsonObject().put("id", id).put("kind", kind).put("data", new JsonObject().put("n", id)));
    }

    private static String hint() {
        return LiveFeed.text(new JsonObject().put("kind", "occupancy").put("data", new JsonObject()));
    }

    @Test
    void whatTheFeedBroughtWhileTheStoreAnsweredIsSentOnceAfterTheAnswer() {
        List<String> sent = new ArrayList<>();
        ParkApi.Resuming resuming = new ParkApi.Resuming();
        // the feed, listened to before the store was asked: 11 and 12 are in the store's answer too, 13 came after it
        resuming.live(news(11, "alarm"), sent::add);
        resuming.live(hint(), sent::add);
        resuming.live(news(12, "door"), sent::add);
        resuming.live(news(13, "command"), sent::add);
        assertThat(sent).as("held while the store answers").isEmpty();
        resuming.caughtUp(new LiveFeed.Resume(List.of(news(10, "alarm"), news(11, "alarm"), news(12, "door")), 12, null), sent::add);
        resuming.live(news(12, "door"), sent::add);
        resuming.live(news(14, "gateway"), sent::add);
        String stream = String.join("", sent);
        assertThat(ids(stream)).containsExactly(10L, 11L, 12L, 12L, 13L, 14L);   // 12 twice: the "live" event's id, then the door
        assertThat(stream.split("event: door", -1)).as("the door once").hasSize(2);
        assertThat(stream).contains("event: occupancy").contains("id: 12\nevent: live\ndata: {\"after\":12,\"replayed\":3}");
        assertThat(stream.indexOf("event: live")).isLessThan(stream.indexOf("id: 13"));
    }

    @Test
    void tooMuchMissedIsAResyncAndTheFeedGoesOnFromTheLatest() {
        List<String> sent = new ArrayList<>();
        ParkApi.Resuming resuming = new ParkApi.Resuming();
        resuming.live(news(900, "alarm"), sent::add);
        resuming.live(news(901, "alarm"), sent::add);
        resuming.caughtUp(new LiveFeed.Resume(List.of(), 900, "6000 messages were missed"), sent::add);
        String stream = String.join("", sent);
        assertThat(stream).startsWith("event: resync\ndata: {\"reason\":\"6000 messages were missed\"}");
        assertThat(ids(stream)).containsExactly(900L, 901L);
        assertThat(stream.split("event: alarm", -1)).as("900 is in the state read again; 901 comes").hasSize(2);
    }

    @Test
    void eventsPublishedTogetherAreHeldSplitAndLeftOutOneByOne() {
        List<String> sent = new ArrayList<>();
        ParkApi.Resuming resuming = new ParkApi.Resuming();
        // a listener's piece: what the store will answer with (11), a hint, and what follows it (13)
        resuming.live(news(11, "alarm") + hint() + news(13, "alarm"), sent::add);
        resuming.caughtUp(new LiveFeed.Resume(List.of(news(11, "alarm"), news(12, "door")), 12, null), sent::add);
        resuming.live(news(12, "door") + news(14, "alarm"), sent::add);
        resuming.live(news(15, "alarm") + news(16, "gateway"), sent::add);
        String stream = String.join("", sent);
        assertThat(ids(stream)).containsExactly(11L, 12L, 12L, 13L, 14L, 15L, 16L);
        assertThat(stream.split("event: door", -1)).as("the door once").hasSize(2);
        assertThat(stream.split("event: alarm", -1)).as("11, 13, 14, 15, once each").hasSize(5);
        assertThat(sent.get(sent.size() - 1)).as("a piece with nothing sent already goes as it came")
                .isEqualTo(news(15, "alarm") + news(16, "gateway"));
        assertThat(LiveFeed.texts(news(1, "alarm") + hint())).containsExactly(news(1, "alarm"), hint());
    }

    @Test
    void theLastEventIdIsReadFromTheFieldNotTheData() {
        assertThat(LiveFeed.idOf(news(42, "alarm"))).isEqualTo(42);
        assertThat(LiveFeed.idOf(hint())).isEqualTo(-1);
    }

    private static List<Long> ids(String stream) {
        List<Long> out = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("id: ")) {
                out.add(Long.parseLong(line.substring(4)));
            }
        }
        return out;
    }
}
