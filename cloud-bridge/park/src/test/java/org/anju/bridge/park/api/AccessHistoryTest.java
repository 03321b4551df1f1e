package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.anju.bridge.park.store.IngestStore.StoredEvent;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** A renter's history as their landlord reads it: one row per attempt, granted and denied, with the method. */
class AccessHistoryTest {
    private static final String LI = "tenant-1a2b3c4d";
    private static final Map<String, String> ROOMS = Map.of("room-301", "301");

    private static StoredEvent event(long seq, String type, String payload) {
        return new StoredEvent("gw-b07", seq, 1_765_000_000_000L + seq * 1000, type, payload);
    }

    @Test
    void anOpenIsOneRowDenialsShowTheirReasonAndEveryMethodAsTheGatewaySaysIt() {
        List<StoredEvent> newestFirst = List.of(
                event(7, "door.access_granted", "{\"door\":\"entrance\",\"requestId\":\"g-1\",\"tenantId\":\"" + LI
                        + "\",\"credentialKind\":\"guest\"}"),
                event(6, "door.access_denied", "{\"door\":\"room-301\",\"requestId\":\"card-2\",\"reason\":\"NOT_THIS_DOOR\","
                        + "\"credentialKind\":\"card\",\"tenantId\":\"" + LI + "\"}"),
                event(5, "door.unlocked", "{\"door\":\"room-301\",\"requestId\":\"card-1\",\"who\":\"" + LI + "\"}"),
                event(4, "door.access_granted", "{\"door\":\"room-301\",\"requestId\":\"card-1\",\"tenantId\":\"" + LI
                        + "\",\"credentialKind\":\"card\"}"),
                event(3, "gate.access_granted", "{\"gate\":\"lobby-gate\",\"direction\":\"in\",\"requestId\":\"r\",\"tenant\":\""
                        + LI + "\",\"credential\":\"remote\"}"),
                event(2, "door.access_granted", "{\"door\":\"entrance\",\"requestId\":\"x\",\"tenantId\":\"" + LI
                        + "-other\",\"credentialKind\":\"pin\"}"));
        List<JsonObject> rows = AccessHistory.rows(newestFirst, LI, ROOMS);
        assertThat(rows).extracting(r -> r.getString("result") + " " + r.getString("method") + " " + r.getString("doorKind"))
                .containsExactly("granted guest entrance", "denied card room", "granted card room", "granted remote gate");
        assertThat(rows.get(0).getBoolean("guest")).isTrue();
        assertThat(rows.get(1).getString("reason")).isEqualTo("NOT_THIS_DOOR");
        assertThat(rows.get(1).getString("room")).isEqualTo("301");
    }

    @Test
    void aReleaseWithoutItsDecisionStillCountsAsAnOpen() {
        List<JsonObject> rows = AccessHistory.rows(List.of(event(1, "door.unlocked",
                "{\"door\":\"entrance\",\"requestId\":\"r-9\",\"who\":\"" + LI + "\"}")), LI, ROOMS);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.getString("result")).isEqualTo("granted"));
    }
}
