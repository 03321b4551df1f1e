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
 * The ports of a park page by page, whole and in order, and filtered by building, charging area
 * and state, as a console asks for them; a wrong filter or cursor is refused saying which.
 */
@Tag("wire")
class PortsPagesTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void portsComePageByPageAndByBuildingAreaAndState() throws Exception {
        ParkBridge bridge = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b1, gateway: gw-1, areas: [{id: shed, piles: [pile-1, pile-2]}]}
                  - {id: b2, gateway: gw-2, areas: [{id: yard, piles: [pile-9]}]}
                """, Clock.systemUTC()));
        IngestStore ingest = new IngestStore(bridge.database(), "test");
        long seq = 0;
        for (String gateway : List.of("gw-1", "gw-2")) {
            List<EventBatch.Event> readings = new ArrayList<>();
            for (String pile : gateway.equals("gw-1") ? List.of("pile-1", "pile-2", "pile-3") : List.of("pile-9")) {
                for (int port = 1; port <= 10; port++) {
                    seq++;
                    readings.add(new EventBatch.Event(seq, 1_000 + seq, Priority.TELEMETRY, "port.reading", "{\"pile\":\"" + pile
                            + "\",\"port\":" + port + ",\"state\":\"" + (port % 3 == 0 ? "Faulted" : "Charging")
                            + "\",\"voltageV\":220.0,\"currentA\":1.0,\"powerW\":100,\"energyWh\":1,\"sessionSeconds\":1}"));
                }
            }
            ingest.store(new EventBatch(Contract.VERSION, "p1", gateway, 1, 0, 1, readings), Believed.standard()).join();
        }
        String token = TestPark.adminToken(bridge.port());

        List<String> all = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = TestPark.getOk(bridge.port(), token, "/api/v1/ports?limit=7" + (next == null ? "" : "&after=" + next));
            assertThat(page.getLong("total")).isEqualTo(40);
            page.getJsonArray("ports").forEach(p -> all.add(key((JsonObject) p)));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(6);
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
        assertThat(all).isSortedAccordingTo((a, b) -> {
            String[] x = a.split("/");
            String[] y = b.split("/");
            int c = (x[0] + "/" + x[1]).compareTo(y[0] + "/" + y[1]);
            return c != 0 ? c : Integer.compare(Integer.parseInt(x[2]), Integer.parseInt(y[2]));
        });

        JsonObject shed = TestPark.getOk(bridge.port(), token, "/api/v1/ports?building=b1&area=shed");
        assertThat(shed.getLong("total")).isEqualTo(20);
        assertThat(shed.getJsonArray("ports")).allSatisfy(p -> assertThat(((JsonObject) p).getString("pile")).isIn("pile-1", "pile-2"));
        assertThat(shed.containsKey("next")).as("one page holds them").isFalse();
        JsonObject faulted = TestPark.getOk(bridge.port(), token, "/api/v1/ports?building=b2&state=Faulted");
        assertThat(faulted.getJsonArray("ports")).hasSize(3).allSatisfy(p -> {
            assertThat(((JsonObject) p).getString("state")).isEqualTo("Faulted");
            assertThat(((JsonObject) p).getString("building")).isEqualTo("b2");
        });

        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?building=b9")).isEqualTo(404);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?building=b1&area=yard")).isEqualTo(404);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?area=shed")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?state=Burning")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?limit=0")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?limit=2001")).isEqualTo(400);
        assertThat(TestPark.refused(bridge.port(), token, "/api/v1/ports?after=not-a-cursor")).isEqualTo(400);
    }

    private static String key(JsonObject p) {
        return p.getString("gateway") + "/" + p.getString("pile") + "/" + p.getInteger("port");
    }
}
