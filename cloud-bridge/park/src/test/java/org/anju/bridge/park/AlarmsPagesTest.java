package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * The park's alarms page by page, as the ports do: every open alarm once, the most severe first
 * and then the newest, with how many there are; all of them, cleared too, when asked; a wrong
 * limit, cursor or state refused saying which.
 */
@Tag("wire")
class AlarmsPagesTest {
    private static final List<String> SEVERITIES = List.of("FIRE", "CRITICAL", "MAJOR", "WARNING");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void alarmsComePageByPageMostSevereAndNewestFirst() throws Exception {
        ParkBridge bridge = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b1, gateway: gw-1, areas: [{id: shed, piles: [pile-1]}]}
                  - {id: b2, gateway: gw-2, areas: [{id: yard, piles: [pile-9]}]}
                """, Clock.systemUTC()));
        IngestStore ingest = new IngestStore(bridge.database(), "test");
        for (String gateway : List.of("gw-1", "gw-2")) {
            List<EventBatch.Event> events = new ArrayList<>();
            for (int n = 1; n <= 20; n++) {
                // raised at only five times, so alarms of one severity share a time across both gateways
                String alarm = "{\"alarm\":{\"id\":\"pile-1/A/" + n + "\",\"kind\":\"OVERLOAD\",\"severity\":\""
                        + SEVERITIES.get(n % 4) + "\",\"source\":\"pile-1/1\",\"detail\":\"x\"}}";
                events.add(new EventBatch.Event(n, 1_000 + n % 5, Priority.ALARM, "alarm.raised", alarm));
            }
            for (int n = 1; n <= 6; n++) { // six of each gateway's twenty cleared
                events.add(new EventBatch.Event(20 + n, 2_000, Priority.ALARM, "alarm.cleared", "{\"alarm\":{\"id\":\"pile-1/A/"
                        + n + "\",\"kind\":\"OVERLOAD\",\"severity\":\"" + SEVERITIES.get(n % 4)
                        + "\",\"source\":\"pile-1/1\",\"detail\":\"x\",\"clearedAt\":2000}}"));
            }
            ingest.store(new EventBatch(Contract.VERSION, "p1", gateway, 1, 0, 1, events), Believed.standard()).join();
        }
        String token = TestPark.adminToken(bridge.port());

        List<JsonObject> open = all(bridge, token, "", 28);
        assertThat(open).hasSize(28).allSatisfy(a -> assertThat(a.getString("state")).isEqualTo("RAISED"));
        assertThat(open.stream().map(a -> a.getString("gateway") + " " + a.getString("id"))).doesNotHaveDuplicates();
        assertThat(open).isSortedAccordingTo((a, b) -> {
            int c = Integer.compare(SEVERITIES.indexOf(a.getString("severity")), SEVERITIES.indexOf(b.getString("severity")));
            return c != 0 ? c : Long.compare(b.getLong("raisedAt"), a.getLong("raisedAt"));
        });
        assertThat(open.get(0).getString("severity")).isEqualTo("FIRE");
        assertThat(open.get(0).getString("building")).as("still the console's view of an alarm").isIn("b1", "b2");

        List<JsonObject> every = all(bridge, token, "&state=all", 40);
        assertThat(every).hasSize(40);
        assertThat(every).filteredOn(a -> a.getString("state").equals("CLEARED")).hasSize(12);
        JsonObject whole = TestPark.getOk(bridge.port(), token, "/api/v1/alarms");
        assertThat(whole.getJsonArray("alarms")).as("a page of 500 holds them").hasSize(28);
        assertThat(whole.containsKey("next")).isFalse();

        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?limit=0")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?limit=2001")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?limit=ten")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?after=not-a-cursor")).isEqualTo(400);
        String portsCursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("gw-1\npile-1\n3".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?after=" + portsCursor)).as("a page of ports' cursor").isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?state=closed")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/alarms?limit=1&after=" + java.util.Base64.getUrlEncoder()
                .encodeToString("7\n1\ngw-1\nx".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).as("no such severity rank")
                .isEqualTo(400);
    }

    /** Every alarm, following {@code next} with pages of 3; each page says how many there are in all. */
    private static List<JsonObject> all(ParkBridge bridge, String token, String query, long total) throws Exception {
        List<JsonObject> out = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = TestPark.getOk(bridge.port(), token, "/api/v1/alarms?limit=3" + query + (next == null ? "" : "&after=" + next));
            assertThat(page.getLong("total")).isEqualTo(total);
            page.getJsonArray("alarms").forEach(a -> out.add((JsonObject) a));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo((int) ((total + 2) / 3));
        return out;
    }
}
