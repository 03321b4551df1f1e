package org.anju.bridge.park.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.config.ParkConfig;

/** What the park store promises, run against each database it supports. */
abstract class StoreContract {
    protected ParkDatabase db;
    protected IngestStore ingest;
    protected PeopleStore people;
    /** The store {@link #db} opened. */
    protected ParkConfig.Store store;

    /** A new, empty store of this kind. */
    abstract ParkConfig.Store emptyStore() throws Exception;

    /** A plain connection to {@code store}, as a bridge of another version would have used it. */
    abstract java.sql.Connection connect(ParkConfig.Store store) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = emptyStore();
        ParkDatabase.Opened opened = ParkDatabase.open(store, "test");
        assertThat(opened).as(opened.toString()).isInstanceOf(ParkDatabase.Opened.Ok.class);
        db = ((ParkDatabase.Opened.Ok) opened).database();
        ingest = new IngestStore(db, "test");
        people = new PeopleStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static final Believed B = Believed.standard();

    static EventBatch batch(String gateway, long floor, long... seqs) {
        List<EventBatch.Event> events = new ArrayList<>();
        for (long seq : seqs) {
            events.add(new EventBatch.Event(seq, 1_000 + seq, Priority.STATE, "door.closed",
                    "{\"door\":\"entrance\",\"n\":" + seq + "}"));
        }
        return new EventBatch(Contract.VERSION, "park-1", gateway, 1, floor, 2_000, events);
    }

    @Test
    void anEventIsStoredOnceHoweverOftenItArrives() {
        IngestStore.Stored first = ingest.store(batch("gw-1", 0, 1, 2, 3), B).join();
        IngestStore.Stored again = ingest.store(batch("gw-1", 0, 2, 3, 4), B).join();
        assertThat(first.fresh()).hasSize(3);
        assertThat(first.duplicates()).isZero();
        assertThat(again.fresh()).extracting(EventBatch.Event::seq).containsExactly(4L);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(ingest.sequences("gw-1").join()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void numbersBelowTheFloorThatNeverCameAreLostUntilTheyTurnUp() {
        ingest.store(batch("gw-1", 0, 1, 2, 5, 6), B).join();
        ingest.store(batch("gw-1", 9, 8), B).join();
        assertThat(lost("gw-1")).containsExactly("3-4", "7-7");
        ingest.store(batch("gw-1", 9, 3), B).join();
        assertThat(lost("gw-1")).containsExactly("4-4", "7-7");
    }

    @Test
    void aRangeTheGatewayDiscardedOnPurposeIsNotLost() {
        EventBatch discarded = new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(
                new EventBatch.Event(1, 1, Priority.STATE, "outbox.discarded",
                        "{\"fromSeq\":2,\"toSeq\":4,\"count\":3,\"reason\":\"disk budget\"}")));
        ingest.store(discarded, B).join();
        ingest.store(batch("gw-1", 6, 5), B).join();
        assertThat(lost("gw-1")).isEmpty();
    }

    @Test
    void siteFilesAreVersionedPerGatewayAndADeploymentSettlesOnceFromTheCompletionTheGatewaySent() throws Exception {
        SiteFileStore sites = new SiteFileStore(db);
        String first = "gateway: {id: gw-1}\n# 工厂 一号\n";
        assertThat(sites.save("gw-1", first, "sha256:" + "1".repeat(64), 10, "admin").join().version()).isEqualTo(1);
        assertThat(sites.save("gw-2", "gateway: {id: gw-2}\n", "sha256:" + "3".repeat(64), 11, "admin").join().version())
                .as("each gateway numbers its own").isEqualTo(1);
        SiteFileStore.Version second = sites.save("gw-1", "gateway: {id: gw-1}\n", "sha256:" + "2".repeat(64), 12, "li").join();
        assertThat(second.version()).isEqualTo(2);
        assertThat(sites.versions("gw-1").join()).containsExactly(second,
                new SiteFileStore.Version("gw-1", 1, "sha256:" + "1".repeat(64), 10, "admin"));
        assertThat(sites.text("gw-1", 1).join()).contains(first);
        assertThat(sites.text("gw-1", 9).join()).isEmpty();

        long sentAt = System.currentTimeMillis() - 1_000;
        sites.sent("req-1", "gw-1", 2, sentAt, "li").join();
        assertThat(sites.last("gw-1", sentAt).join().orElseThrow().state()).isEqualTo(SiteFileStore.State.PENDING);
        String why = "rolled back to sha256:" + "1".repeat(64) + ": version 2 was not ready within 30 s: park broker unreachable";
        org.anju.bridge.contract.CommandCompletion done = new org.anju.bridge.contract.CommandCompletion("req-1", "site.apply",
                "park", org.anju.bridge.contract.ReplyResult.FAILED, why, sentAt + 500, List.of());
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(1, sentAt + 500,
                Priority.STATE, org.anju.bridge.contract.CommandCompletion.TYPE,
                org.anju.bridge.contract.ContractJson.mapper().writeValueAsString(done)))), B).join();

        SiteFileStore.Deployment settled = sites.last("gw-1", sentAt + 1_000).join().orElseThrow();
        assertThat(settled).isEqualTo(new SiteFileStore.Deployment("req-1", "gw-1", 2, sentAt, "li",
                SiteFileStore.State.ROLLED_BACK, why, sentAt + 1_000));
        sites.settle("req-1", SiteFileStore.State.APPLIED, "a later word", sentAt + 2_000).join();
        assertThat(sites.last("gw-1", sentAt + 3_000).join().orElseThrow()).as("settled once").isEqualTo(settled);
        assertThat(sites.last("gw-2", sentAt).join()).isEmpty();
    }

    @Test
    void eachGatewaysCountsOfStoredAndHeldEventsStayRightAcrossCopiesGroupsAndHeldEvents() {
        ingest.store(batch("gw-1", 0, 1, 2, 3), B).join();
        ingest.store(batch("gw-1", 0, 2, 3, 4), B).join(); // 2 and 3 again
        ingest.storeAll(List.of(batch("gw-1", 0, 5, 6), batch("gw-1", 0, 6, 7), batch("gw-2", 0, 1),
                batch("gw-2", 0, 4_000_000), batch("gw-2", 0, 4_000_000)).stream().map(IngestStore::prepare).toList(), B).join();
        ingest.store(batch("gw-2", 0, 4_000_000, 4_000_001), B).join(); // held before, and one more to hold
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(8,
                4_102_444_800_000L, Priority.TELEMETRY, "port.reading", reading("Charging", 1)))), B).join(); // flagged, stored
        ingest.store(batch("gw-3", 9, 1, 2, 5), B).join();
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-4", 5, 1, "anju-agent/0.1", 0), B).join();

        assertThat(ingest.gateways().join()).extracting(g -> g.id() + " " + g.events() + " stored " + g.held() + " held")
                .containsExactly("gw-1 8 stored 0 held", "gw-2 1 stored 2 held", "gw-3 3 stored 0 held",
                        "gw-4 0 stored 0 held");
        assertThat(ingest.gateways().join()).as("as the tables count them").allSatisfy(g -> {
            assertThat(g.events()).isEqualTo(rows("event", g.id()));
            assertThat(g.held()).isEqualTo(rows("held_event", g.id()));
        });
        assertThat(lost("gw-3")).as("each gateway's own lost ranges").containsExactly("3-4", "6-8");
        assertThat(lost("gw-1")).isEmpty();
    }

    @Test
    void aStoreMadeBeforeTheCountsWereKeptIsCountedOnceWhenABridgeThatKeepsThemOpensIt() throws Exception {
        db.close();
        store = emptyStore();
        try (java.sql.Connection c = connect(store); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE schema_step (step INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            for (int step = 1; step <= 14; step++) {
                ParkDatabase.execute(c, ParkSchema.STEPS.get(step - 1));
                s.execute("INSERT INTO schema_step (step, applied_at) VALUES (" + step + ", 1)");
            }
            s.execute("INSERT INTO gateway (id, online, session, seen_at) VALUES ('gw-1', 0, 1, 1), ('gw-2', 0, 1, 1),"
                    + " ('gw-3', 0, 1, 1)");
            for (int seq = 1; seq <= 5; seq++) {
                s.execute("INSERT INTO event (gateway, seq, ts, priority, type, payload, received_at, received_by) VALUES"
                        + " ('gw-1', " + seq + ", 1, 'STATE', 'door.closed', '{}', 1, 'old')");
            }
            s.execute("INSERT INTO event (gateway, seq, ts, priority, type, payload, received_at, received_by) VALUES"
                    + " ('gw-2', 1, 1, 'STATE', 'door.closed', '{}', 1, 'old')");
            s.execute("INSERT INTO held_event (gateway, seq, ts, priority, type, payload, received_at, reason) VALUES"
                    + " ('gw-2', 4000000, 1, 'STATE', 'door.closed', '{}', 1, 'far')");
            c.commit();
        }
        ParkDatabase.Opened opened = ParkDatabase.open(store, "test");
        assertThat(opened).as(opened.toString()).isInstanceOf(ParkDatabase.Opened.Ok.class);
        db = ((ParkDatabase.Opened.Ok) opened).database();
        ingest = new IngestStore(db, "test");

        assertThat(ingest.gateways().join()).extracting(g -> g.id() + " " + g.events() + " stored " + g.held() + " held")
                .containsExactly("gw-1 5 stored 0 held", "gw-2 1 stored 1 held", "gw-3 0 stored 0 held");
        ingest.store(batch("gw-1", 0, 5, 6), B).join();
        assertThat(ingest.gateways().join().get(0).events()).as("and kept from there").isEqualTo(6);
    }

    private long rows(String table, String gateway) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE gateway = ?")) {
                ps.setString(1, gateway);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }).join();
    }

    private List<String> lost(String gateway) {
        return ingest.gateways().join().stream().filter(g -> g.id().equals(gateway)).findFirst().orElseThrow().lost()
                .stream().map(r -> r[0] + "-" + r[1]).toList();
    }

    @Test
    void aStaleDeathAfterANewerBirthIsIgnored() {
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 5, 1, "anju-agent/0.1", 3), B).join();
        assertThat(ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-1", 4,
                GatewayState.Cause.LOST), B).join()).isEqualTo(IngestStore.Presence.STALE);
        IngestStore.GatewayView view = ingest.gateways().join().get(0);
        assertThat(view.online()).isTrue();
        assertThat(view.rosterVersion()).isEqualTo(3);
        assertThat(ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-1", 5,
                GatewayState.Cause.LOST), B).join()).isEqualTo(IngestStore.Presence.COUNTED);
        assertThat(ingest.gateways().join().get(0).online()).isFalse();
    }

    @Test
    void birthsAndDeathsArrivingTogetherAreJudgedInTheOrderTheyCame() {
        // a park's gateways coming back at once: asked for without waiting, written together
        List<java.util.concurrent.CompletableFuture<IngestStore.Presence>> answers = new java.util.ArrayList<>();
        for (int g = 0; g < 50; g++) {
            answers.add(ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-" + g, 5, 1, "anju-agent/0.1", 0), B));
        }
        answers.add(ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-7", 5, GatewayState.Cause.LOST), B));
        answers.add(ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-7", 5, 1, "anju-agent/0.1", 0), B));
        answers.add(ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-8", 4, GatewayState.Cause.LOST), B));
        List<IngestStore.Presence> got = answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(got.subList(0, 50)).containsOnly(IngestStore.Presence.COUNTED);
        assertThat(got.subList(50, 53)).as("gw-7 died, its birth replayed after; gw-8's stale death")
                .containsExactly(IngestStore.Presence.COUNTED, IngestStore.Presence.STALE, IngestStore.Presence.STALE);
        assertThat(ingest.gateways().join()).filteredOn(IngestStore.GatewayView::online).hasSize(49);
    }

    @Test
    void theSameBirthDeliveredAgainDoesNotUndoTheRosterVersionRepliesReported() {
        GatewayState.Birth birth = new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 5, 1, "anju-agent/0.1", 2);
        ingest.presence(birth, B).join();
        ingest.rosterApplied("gw-1", 3).join();
        ingest.presence(birth, B).join(); // retained, re-delivered when the bridge subscribes again
        assertThat(ingest.gateways().join().get(0).rosterVersion()).isEqualTo(3);
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 6, 2, "anju-agent/0.1", 1), B).join();
        assertThat(ingest.gateways().join().get(0).rosterVersion()).as("a new session says what it holds").isEqualTo(1);
    }

    @Test
    void aPortsStateMovesOnlyForwardInTheGatewaysTime() throws Exception {
        EventBatch newer = new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(
                2, 5_000, Priority.TELEMETRY, "port.reading", reading("Charging", 420))));
        EventBatch older = new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(
                1, 4_000, Priority.TELEMETRY, "port.reading", reading("Available", 0))));
        ingest.store(newer, B).join();
        ingest.store(older, B).join();
        String state = db.run(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT state, power_w FROM port_state")) {
                rs.next();
                return rs.getString(1) + " " + rs.getInt(2);
            }
        }).join();
        assertThat(state).isEqualTo("Charging 420");
    }

    @Test
    void whatHoldsAPortOffAndItsPilesTemperatureAreKeptUntilAReadingReleasesItAndAStatusKeepsThem() {
        String held = "{\"pile\":\"pile-1\",\"port\":3,\"state\":\"Available\",\"voltageV\":230.0,\"currentA\":0.0,"
                + "\"powerW\":0,\"energyWh\":100,\"sessionSeconds\":0,\"temperatureC\":61.4,\"heldFor\":\"OFFICER_CUT\","
                + "\"heldSince\":4000,\"heldBy\":\"officer-17\"}";
        String status = "{\"pileId\":\"pile-1\",\"port\":3,\"status\":\"UNAVAILABLE\"}";
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(
                new EventBatch.Event(1, 5_000, Priority.TELEMETRY, "port.reading", held))), B).join();
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(
                new EventBatch.Event(2, 5_001, Priority.STATE, "port.status", status))), B).join();
        StateQueries.Port port = new StateQueries(db).ports().join().get(0);
        assertThat(port.state()).as("the status moved the state").isEqualTo("Unavailable");
        assertThat(port.heldFor()).as("and kept the hold").isEqualTo("OFFICER_CUT");
        assertThat(port.heldSince()).isEqualTo(4000L);
        assertThat(port.heldBy()).isEqualTo("officer-17");
        assertThat(port.temperatureC()).isEqualTo(61.4);
        assertThat(new StateQueries(db).pileSummaries().join()).singleElement()
                .isEqualTo(new StateQueries.PileSummary("gw-1", "pile-1", 1, 0, 1, 0, 61.4));

        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(
                new EventBatch.Event(3, 6_000, Priority.TELEMETRY, "port.reading", reading("Available", 0)))), B).join();
        port = new StateQueries(db).ports().join().get(0);
        assertThat(port.heldFor()).as("a reading with no hold releases it").isNull();
        assertThat(port.heldSince()).isNull();
        assertThat(port.temperatureC()).as("a pile that reports no temperature has none").isNull();
    }

    @Test
    void aReadingStampedFarInTheFutureIsStoredFlaggedAndMovesNoState() {
        long year2100 = 4_102_444_800_000L;
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(
                1, System.currentTimeMillis(), Priority.TELEMETRY, "port.reading", reading("Charging", 420)))), B).join();
        IngestStore.Stored future = ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000,
                List.of(new EventBatch.Event(2, year2100, Priority.TELEMETRY, "port.reading", reading("Available", 0)))), B).join();
        assertThat(future.flagged()).isEqualTo(1);
        assertThat(future.fresh()).isEmpty();
        assertThat(future.have()).containsExactly(2L);
        assertThat(ingest.sequences("gw-1").join()).as("stored all the same").containsExactly(1L, 2L);
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(
                3, System.currentTimeMillis() + 1, Priority.TELEMETRY, "port.reading", reading("Charging", 500)))), B).join();
        String state = db.run(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT state, power_w FROM port_state")) {
                rs.next();
                return rs.getString(1) + " " + rs.getInt(2);
            }
        }).join();
        assertThat(state).as("a later real reading still moves the port").isEqualTo("Charging 500");
    }

    @Test
    void aSeqFarBeyondTheConfirmedRangeIsHeldNotStoredAndMakesNoLostRange() {
        ingest.store(batch("gw-1", 0, 1, 2, 3), B).join();
        IngestStore.Stored far = ingest.store(batch("gw-1", 4_000_000, 4_000_000), B).join();
        assertThat(far.held()).isEqualTo(1);
        assertThat(far.have()).as("confirmed, so the gateway stops sending it").containsExactly(4_000_000L);
        assertThat(ingest.sequences("gw-1").join()).containsExactly(1L, 2L, 3L);
        assertThat(lost("gw-1")).as("no lost range of millions").isEmpty();
        IngestStore.GatewayView view = ingest.gateways().join().get(0);
        assertThat(view.held()).isEqualTo(1);
        assertThat(view.confirmedTo()).isEqualTo(3);
        ingest.store(batch("gw-1", 0, 4, 5), B).join();
        assertThat(ingest.gateways().join().get(0).confirmedTo()).isEqualTo(5);
    }

    @Test
    void aHugeSessionIsNotBelievedAndLaterRealBirthsStillCount() {
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 5, 1, "anju-agent/0.1", 0), B).join();
        assertThat(ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 4_000_000_000_000_000_000L, 1,
                "anju-agent/0.1", 0), B).join()).isEqualTo(IngestStore.Presence.SESSION_JUMP);
        assertThat(ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-1", 6, GatewayState.Cause.LOST), B)
                .join()).isEqualTo(IngestStore.Presence.COUNTED);
        assertThat(ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 7, 1, "anju-agent/0.1", 0), B)
                .join()).isEqualTo(IngestStore.Presence.COUNTED);
        assertThat(ingest.gateways().join().get(0).session()).isEqualTo(7);
    }

    @Test
    void aBirthReplayedAfterItsSessionsDeathDoesNotBringTheGatewayBack() {
        GatewayState.Birth birth = new GatewayState.Birth(Contract.VERSION, "park-1", "gw-1", 5, 1, "anju-agent/0.1", 0);
        ingest.presence(birth, B).join();
        ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-1", 5, GatewayState.Cause.LOST), B).join();
        assertThat(ingest.presence(birth, B).join()).isEqualTo(IngestStore.Presence.STALE);
        assertThat(ingest.gateways().join().get(0).online()).isFalse();
    }

    @Test
    void aGroupOfBatchesIsStoredAsTheyWouldBeOneByOne() {
        EventBatch alarmsFirst = new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(
                new EventBatch.Event(4, 3_000, Priority.ALARM, "alarm.raised",
                        "{\"alarm\":{\"id\":\"a1\",\"kind\":\"OVERLOAD\",\"severity\":\"MAJOR\",\"source\":\"pile-1/3\",\"detail\":\"x\"}}"),
                new EventBatch.Event(6, 3_500, Priority.ALARM, "alarm.cleared",
                        "{\"alarm\":{\"id\":\"a1\",\"kind\":\"OVERLOAD\",\"severity\":\"MAJOR\",\"source\":\"pile-1/3\",\"detail\":\"x\",\"clearedAt\":3500}}")));
        EventBatch readings = new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(
                new EventBatch.Event(1, 1_000, Priority.TELEMETRY, "port.reading", reading("Charging", 300)),
                new EventBatch.Event(2, 2_000, Priority.TELEMETRY, "port.reading", reading("Charging", 420)),
                new EventBatch.Event(3, 1_500, Priority.TELEMETRY, "port.reading", reading("Available", 0)),
                new EventBatch.Event(5, 2_500, Priority.TELEMETRY, "port.reading", reading("Charging", 500))));
        EventBatch other = batch("gw-2", 0, 1, 2);
        EventBatch copy = batch("gw-2", 0, 2, 3, 2_000_000);
        List<IngestStore.Stored> stored = ingest.storeAll(List.of(alarmsFirst, readings, other, copy).stream()
                .map(IngestStore::prepare).toList(), B).join();

        assertThat(stored.get(0).fresh()).extracting(EventBatch.Event::seq).containsExactly(4L, 6L);
        assertThat(stored.get(0).confirmedTo()).as("the readings filled 1-3 and 5 in the same transaction").isEqualTo(6);
        assertThat(stored.get(1).fresh()).hasSize(4);
        assertThat(stored.get(3).duplicates()).as("2 came twice in the group").isEqualTo(1);
        assertThat(stored.get(3).held()).as("far beyond what gw-2 stored").isEqualTo(1);
        assertThat(stored.get(3).have()).containsExactly(2L, 3L, 2_000_000L);
        assertThat(stored.get(3).confirmedTo()).isEqualTo(3);
        assertThat(ingest.sequences("gw-1").join()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(ingest.sequences("gw-2").join()).containsExactly(1L, 2L, 3L);
        String state = db.run(c -> {
            StringBuilder out = new StringBuilder();
            try (var rs = c.createStatement().executeQuery("SELECT state, power_w, ts FROM port_state")) {
                rs.next();
                out.append(rs.getString(1)).append(' ').append(rs.getInt(2)).append(' ').append(rs.getLong(3));
            }
            try (var rs = c.createStatement().executeQuery("SELECT state, raised_at FROM alarm WHERE alarm_id = 'a1'")) {
                rs.next();
                out.append(" / ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
            }
            return out.toString();
        }).join();
        assertThat(state).as("the newest reading, and the alarm raised then cleared").isEqualTo("Charging 500 2500 / CLEARED 3000");
    }

    @Test
    void aGroupLargerThanOneStatementTakesIsStoredWholeAndOnce() {
        // 2,700 events and 1,100 ports: more rows than one statement takes (Bulk.MOST_ROWS), in pieces of several sizes
        EventBatch first = readings("gw-1", 1, 1_500);
        EventBatch second = readings("gw-1", 1_501, 2_700);
        List<IngestStore.Stored> stored = ingest.storeAll(List.of(first, second, first).stream()
                .map(IngestStore::prepare).toList(), B).join();

        assertThat(stored.get(0).fresh()).hasSize(1_500);
        assertThat(stored.get(1).fresh()).hasSize(1_200);
        assertThat(stored.get(2).fresh()).isEmpty();
        assertThat(stored.get(2).duplicates()).isEqualTo(1_500);
        assertThat(stored.get(2).confirmedTo()).isEqualTo(2_700);
        assertThat(ingest.sequences("gw-1").join()).hasSize(2_700).doesNotHaveDuplicates();
        String ports = db.run(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(power_w), SUM(CASE WHEN port = 0 THEN power_w END)"
                    + " FROM port_state WHERE gateway = 'gw-1'")) {
                rs.next();
                return rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getInt(3);
            }
        }).join();
        assertThat(ports).as("every port once, each at its latest reading (port 0's is seq 2,200)").isEqualTo("1100 2700 2200");
    }

    @Test
    void theConsolesReadsDoNotWaitBehindTheStoresWritesAndCannotWrite() throws Exception {
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, List.of(new EventBatch.Event(
                1, 1_000, Priority.TELEMETRY, "port.reading", reading("Charging", 420)))), B).join();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Boolean> held = db.run(c -> {
            try {
                return release.await(30, java.util.concurrent.TimeUnit.SECONDS); // births and roster writes, as in a drain
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        try {
            assertThat(new StateQueries(db).ports().get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .extracting(StateQueries.Port::state, StateQueries.Port::powerW).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Charging", 420));
        } finally {
            release.countDown();
        }
        assertThat(held.join()).isTrue();
        assertThat(db.read(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM port_state");
                return "written";
            }
        }).handle((r, e) -> e == null ? r : "refused").join()).isEqualTo("refused");
        assertThat(new StateQueries(db).ports().join()).as("nothing was deleted").hasSize(1);
    }

    /** Readings {@code from} to {@code to} of a gateway, seq n on port n % 1,100 at n watts. */
    private static EventBatch readings(String gateway, int from, int to) {
        List<EventBatch.Event> events = new java.util.ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            events.add(new EventBatch.Event(seq, 1_000L + seq, Priority.TELEMETRY, "port.reading",
                    "{\"pile\":\"pile-1\",\"port\":" + seq % 1_100 + ",\"state\":\"Charging\",\"voltageV\":220.0,"
                            + "\"currentA\":1.9,\"powerW\":" + seq + ",\"energyWh\":100,\"sessionSeconds\":60}"));
        }
        return new EventBatch(Contract.VERSION, "park-1", gateway, 1, 0, 2_000, events);
    }

    private static String reading(String state, int watts) {
        return "{\"pile\":\"pile-1\",\"port\":3,\"state\":\"" + state + "\",\"voltageV\":220.0,\"currentA\":1.9,\"powerW\":"
                + watts + ",\"energyWh\":100,\"sessionSeconds\":60}";
    }

    @Test
    void everyLeaseChangeMovesItsBuildingsRosterVersionAndNamesTheTenant() {
        assertThat(people.createAccount("t-1", Role.TENANT, "Li Wei", "hash").join()).isPresent();
        assertThat(people.createAccount("t-1", Role.TENANT, "Other", "hash").join()).as("login taken").isEmpty();
        LeaseChanges.Outcome registered = leases().register(registration("lease-1", "person-a", "301", List.of("3:1001"), null,
                null)).join();
        assertThat(registered).isInstanceOf(LeaseChanges.Outcome.Done.class);
        assertThat(((LeaseChanges.Outcome.Done) registered).rosterVersion()).isEqualTo(1);
        String tenant = ((LeaseChanges.Outcome.Done) registered).lease().tenant();
        assertThat(people.endLease("lease-1", 5).join()).contains(2L);
        assertThat(people.endLease("lease-1", 6).join()).as("already ended").isEmpty();
        PeopleStore.Changes since0 = people.changesSince("b07", 0).join();
        assertThat(since0.version()).isEqualTo(2);
        assertThat(since0.tenants()).containsExactly(tenant);
        assertThat(since0.complete()).isTrue();
        assertThat(people.leasesOfTenant(tenant).join()).singleElement()
                .satisfies(l -> assertThat(l.activeAt(10)).isFalse());
    }

    private LeaseChanges leases() {
        return new LeaseChanges(db);
    }

    private static final long DAY = 86_400_000L;

    /** A new renter's lease of {@code room} in b07 from yesterday for a year, by landlord-1. */
    @Test
    void anEndedRentersAccessHistoryIsKeptForTheRetentionThenDeletedAndEveryExportIsAudited() {
        long now = System.currentTimeMillis();
        leases().register(registration("lease-a", "person-a", "301", List.of("3:1001"), null, null)).join();
        leases().register(registration("lease-b", "person-b", "302", List.of("3:1002"), null, null)).join();
        List<EventBatch.Event> events = List.of(
                new EventBatch.Event(1, now, Priority.ACCESS, "door.access_granted",
                        "{\"door\":\"entrance\",\"requestId\":\"c1\",\"tenantId\":\"tenant-lease-a\",\"credentialKind\":\"card\"}"),
                new EventBatch.Event(2, now, Priority.ACCESS, "door.access_denied", "{\"door\":\"room-302\",\"requestId\":\"c2\","
                        + "\"reason\":\"NOT_THIS_DOOR\",\"credentialKind\":\"card\",\"tenantId\":\"tenant-lease-a\"}"),
                new EventBatch.Event(3, now, Priority.ACCESS, "door.access_granted",
                        "{\"door\":\"entrance\",\"requestId\":\"c3\",\"tenantId\":\"tenant-lease-b\",\"credentialKind\":\"card\"}"));
        ingest.store(new EventBatch(Contract.VERSION, "park-1", "gw-1", 1, 0, 2_000, events), B).join();
        RegistrationRecords records = new RegistrationRecords(db);
        List<String> access = RegistrationRecords.ACCESS_TYPES;

        assertThat(records.forgetAccessEndedBefore(now - DAY, now).join()).as("nobody's lease has ended").isEmpty();
        people.endLease("lease-a", now - 2 * DAY).join();
        assertThat(records.forgetAccessEndedBefore(now - 3 * DAY, now).join()).as("still within the retention").isEmpty();
        assertThat(ingest.events("gw-1", access, "tenant-lease-a", 10).join()).hasSize(2);

        assertThat(records.forgetAccessEndedBefore(now - DAY, now).join()).containsExactly("tenant-lease-a");
        assertThat(ingest.events("gw-1", access, "tenant-lease-a", 10).join()).as("her history is gone").isEmpty();
        assertThat(ingest.events("gw-1", access, "tenant-lease-b", 10).join()).as("his is not").hasSize(1);
        assertThat(ingest.sequences("gw-1").join()).as("the doors' own record stays, whose it was no more").hasSize(3);
        assertThat(records.forgetAccessEndedBefore(now - DAY, now).join()).as("done once").isEmpty();

        assertThat(records.current("b07", now).join()).extracting(r -> r.lease().id()).containsExactly("lease-b");
        records.recordExport("landlord-1", "b07", now, 1, "10.0.0.7").join();
        assertThat(records.exports(10).join()).singleElement().satisfies(e -> {
            assertThat(e.landlord()).isEqualTo("landlord-1");
            assertThat(e.building()).isEqualTo("b07");
            assertThat(e.records()).isEqualTo(1);
            assertThat(e.at()).isEqualTo(now);
        });
    }

    private static ParkConfig.Building building(String id, String gateway, String name) {
        return new ParkConfig.Building(id, name, gateway,
                List.of(new ParkConfig.Door("entrance", java.util.Optional.empty()), new ParkConfig.Door("room-301", java.util.Optional.of("301")),
                        new ParkConfig.Door("shed-gate", java.util.Optional.empty(), "shed")),
                List.of(new ParkConfig.Area("shed", List.of("pile-1", "pile-2"))), java.util.Optional.empty(), List.of("lift-a"),
                java.util.Optional.of("Dongfeng 3"), java.util.Optional.of("-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n"));
    }

    @Test
    void parkYamlsBuildingsAreImportedOnceEachAndTheAdminsChangesAndDeletionsStay() {
        BuildingStore buildings = new BuildingStore(db, "anju_live", "[{\"kind\":\"buildings\"}]");
        ParkConfig.Building b07 = building("b07", "gw-b07", "Building 7");
        ParkConfig.Building b08 = building("b08", "gw-b08", "Building 8");
        assertThat(buildings.importOnce(List.of(b07, b08), 1).join().added()).containsExactly("b07", "b08");
        assertThat(buildings.all().join()).extracting(BuildingStore.Stored::building).as("every part kept as it was")
                .containsExactly(b07, b08);

        assertThat(buildings.update(building("b07", "gw-b07", "Block 7"), 1, 2, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.Done(2));
        assertThat(buildings.delete("b08").join()).isInstanceOf(BuildingStore.Outcome.Done.class);
        ParkConfig.Building b09 = building("b09", "gw-b09", "Building 9");
        BuildingStore.Imported again = buildings.importOnce(List.of(b07, b08, b09), 3).join();
        assertThat(again.added()).as("only the building park.yaml gained since").containsExactly("b09");
        assertThat(buildings.all().join()).extracting(s -> s.building().id() + " " + s.building().name() + " v" + s.version())
                .as("the admin's rename stays, the deleted building stays deleted")
                .containsExactly("b07 Block 7 v2", "b09 Building 9 v1");
    }

    @Test
    void aBuildingsIdAndGatewayAreItsOwnAChangeFromAnOldVersionIsRefusedAndOneInUseIsNotDeleted() {
        BuildingStore buildings = new BuildingStore(db, "anju_live", "[{\"kind\":\"buildings\"}]");
        assertThat(buildings.create(building("b07", "gw-b07", "Building 7"), 1, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.Done(1));
        assertThat(buildings.create(building("b07", "gw-x", "Again"), 1, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.IdTaken("b07"));
        assertThat(buildings.create(building("b08", "gw-b07", "Building 8"), 1, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.GatewayTaken("gw-b07", "b07"));
        assertThat(buildings.create(building("b08", "gw-b08", "Building 8"), 1, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.Done(1));
        assertThat(buildings.update(building("b08", "gw-b07", "Building 8"), 1, 2, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.GatewayTaken("gw-b07", "b07"));
        assertThat(buildings.update(building("b08", "gw-b08", "Block 8"), 1, 2, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.Done(2));
        assertThat(buildings.update(building("b08", "gw-b08", "Old tab"), 1, 3, "admin").join())
                .as("made from version 1, which another admin changed").isEqualTo(new BuildingStore.Outcome.Stale(2));
        assertThat(buildings.update(building("b99", "gw-b99", "Nowhere"), 1, 3, "admin").join())
                .isEqualTo(new BuildingStore.Outcome.Missing("b99"));

        leases().register(registration("lease-1", "person-a", "301", List.of("3:1001"), null, null)).join();
        assertThat(buildings.delete("b07").join()).as("a renter lives there").isEqualTo(new BuildingStore.Outcome.InUse(1, false));
        people.endLease("lease-1", 5).join();
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-b07", 1, 1, "anju-agent/0.1", 0), B).join();
        assertThat(buildings.delete("b07").join()).as("its gateway is connected").isEqualTo(new BuildingStore.Outcome.InUse(0, true));
        ingest.presence(new GatewayState.Death(Contract.VERSION, "park-1", "gw-b07", 1, GatewayState.Cause.LOST), B).join();
        assertThat(buildings.delete("b07").join()).isEqualTo(new BuildingStore.Outcome.Done(2));
        assertThat(buildings.all().join()).extracting(st -> st.building().id()).containsExactly("b08");
    }

    @Test
    void anEnrollmentCodeIsUsedOnceBeforeItExpiresForTheGatewayItWasIssuedFor() {
        BuildingStore buildings = new BuildingStore(db, "anju_live", "[{\"kind\":\"buildings\"}]");
        EnrollmentStore codes = new EnrollmentStore(buildings);
        buildings.create(building("b07", "gw-b07", "Building 7"), 1, "admin").join();
        buildings.create(building("b08", "gw-b08", "Building 8"), 1, "admin").join();
        EnrollmentStore.Pending b07 = new EnrollmentStore.Pending("b07", "gw-b07");
        codes.issue("first", b07, "admin", 10, 1_000).join();
        codes.issue("second", b07, "admin", 20, 1_000).join();
        codes.issue("b08's", new EnrollmentStore.Pending("b08", "gw-b08"), "admin", 20, 1_000).join();
        assertThat(codes.pending("first", 30).join()).as("voided by the second").isEmpty();
        assertThat(codes.pending("second", 1_000).join()).as("expired").isEmpty();
        assertThat(codes.pending("second", 30).join()).contains(b07);

        assertThat(codes.redeem("second", "KEY-7", 40, "10.0.0.7").join()).contains(b07);
        assertThat(codes.redeem("second", "KEY-X", 50, "10.0.0.9").join()).as("used").isEmpty();
        BuildingStore.Stored stored = buildings.all().join().get(0);
        assertThat(stored.building().gatewayKey()).contains("KEY-7");
        assertThat(stored.building().gatewayKeyFile()).isEmpty();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.updatedBy()).isEqualTo(EnrollmentStore.BY);

        buildings.update(building("b08", "gw-b08-new", "Building 8"), 1, 60, "admin").join();
        assertThat(codes.redeem("b08's", "KEY-8", 70, "10.0.0.8").join()).as("issued for the gateway b08 had then").isEmpty();
        assertThat(buildings.all().join().get(1).building().gatewayKey()).isEqualTo(building("b08", "gw-b08", "").gatewayKey());
    }

    private static LeaseChanges.Registration registration(String leaseId, String person, String room, List<String> cards,
                                                          String key, String continuesTenant) {
        long now = System.currentTimeMillis();
        String tenant = continuesTenant != null ? continuesTenant : "tenant-" + leaseId;
        var lease = new PeopleStore.Lease(leaseId, tenant, "landlord-1", "b07", room, "Renter", "v1:phone", "v1:id", cards,
                now - DAY, now + 365 * DAY, null);
        return new LeaseChanges.Registration(lease, person, "{}", continuesTenant != null ? null
                : new LeaseChanges.NewAccount(tenant, "login-" + leaseId, "Renter", "hash"), null, key, "request-" + leaseId);
    }

    private static String problem(LeaseChanges.Outcome o) {
        assertThat(o).isInstanceOf(LeaseChanges.Outcome.Refused.class);
        LeaseChanges.Outcome.Refused refused = (LeaseChanges.Outcome.Refused) o;
        return refused.field() + ": " + org.anju.bridge.park.i18n.Catalog.park().text(
                org.anju.bridge.park.i18n.Catalog.Lang.EN, refused.code(), refused.args());
    }

    @Test
    void aCardOfAnotherCurrentLeaseIsRefusedNamingOnlyItsRoomAndNothingChanges() {
        leases().register(registration("lease-a", "person-a", "301", List.of("3:1001"), null, null)).join();
        String refused = problem(leases().register(registration("lease-b", "person-b", "302", List.of("3:1002", "3:1001"),
                null, null)).join());
        assertThat(refused).startsWith("cards: card 3:1001").contains("room 301").doesNotContain("person-a", "Renter");
        assertThat(people.leasesOfBuilding("b07").join()).hasSize(1);
        assertThat(people.accountByLogin("login-lease-b").join()).as("no login made either").isEmpty();
        assertThat(people.changesSince("b07", 0).join().version()).isEqualTo(1);

        String onChange = problem(leases().register(registration("lease-c", "person-c", "302", List.of(), null, null))
                .thenCompose(x -> leases().changeCards("lease-c", List.of("3:1001"))).join());
        assertThat(onChange).startsWith("cards: card 3:1001").contains("room 301");
        people.endLease("lease-a", System.currentTimeMillis()).join();
        assertThat(leases().changeCards("lease-c", List.of("3:1001")).join())
                .as("once its lease has ended the card may be given again").isInstanceOf(LeaseChanges.Outcome.Done.class);
    }

    @Test
    void aPersonHasOneLeaseInABuildingUnlessTheNewOneContinuesIt() {
        LeaseChanges.Outcome first = leases().register(registration("lease-a", "person-a", "301", List.of("3:1001"), null, null))
                .join();
        String tenant = ((LeaseChanges.Outcome.Done) first).lease().tenant();
        String twice = problem(leases().register(registration("lease-b", "person-a", "302", List.of(), null, null)).join());
        assertThat(twice).startsWith("idNumber:").contains("room 301").contains("continue lease lease-a");

        LeaseChanges.Registration move = registration("lease-b", "person-a", "302", List.of("3:1001"), null, tenant);
        move = new LeaseChanges.Registration(move.lease(), move.person(), move.record(), null, "lease-a", null, move.request());
        LeaseChanges.Outcome moved = leases().register(move).join();
        assertThat(moved).as(moved.toString()).isInstanceOf(LeaseChanges.Outcome.Done.class);
        assertThat(people.lease("lease-a").join().orElseThrow().endedAt()).as("the first lease ended").isNotNull();
        assertThat(people.lease("lease-b").join().orElseThrow().tenant()).as("the renter keeps their account").isEqualTo(tenant);

        LeaseChanges.Registration stranger = registration("lease-c", "person-z", "301", List.of(), null, tenant);
        stranger = new LeaseChanges.Registration(stranger.lease(), "person-z", "{}", null, "lease-b", null, "r");
        assertThat(problem(leases().register(stranger).join())).startsWith("continues:").contains("another person");
    }

    @Test
    void anIdempotencyKeyMakesOneLeaseAndIsRefusedForAnotherRequest() {
        LeaseChanges.Outcome first = leases().register(registration("lease-a", "person-a", "301", List.of(), "key-00000001", null))
                .join();
        LeaseChanges.Registration sentTwice = registration("lease-a2", "person-a", "301", List.of(), "key-00000001", null);
        LeaseChanges.Outcome again = leases().register(new LeaseChanges.Registration(sentTwice.lease(), "person-a", "{}",
                sentTwice.account(), null, "key-00000001", "request-lease-a")).join();
        assertThat(first).isInstanceOf(LeaseChanges.Outcome.Done.class);
        assertThat(again).as("the same key: the lease it made").isInstanceOf(LeaseChanges.Outcome.Repeated.class);
        assertThat(((LeaseChanges.Outcome.Repeated) again).lease().id()).isEqualTo("lease-a");
        LeaseChanges.Registration other = registration("lease-x", "person-x", "302", List.of(), "key-00000001", null);
        assertThat(problem(leases().register(new LeaseChanges.Registration(other.lease(), other.person(), "{}", other.account(),
                null, "key-00000001", "another request")).join())).startsWith("idempotencyKey:");
        assertThat(people.leasesOfBuilding("b07").join()).extracting(PeopleStore.Lease::id).containsExactly("lease-a");
    }

    @Test
    void theWholeParksRostersReadInOnePassAreEachBuildingsOwn() {
        RosterStates states = new RosterStates(db);
        leases().register(registration("lease-a", "person-a", "301", List.of(), null, null)).join();
        leases().register(registration("lease-b", "person-b", "302", List.of(), null, null)).join();
        states.attempted("gw-7", RosterStates.Sync.FAILING, "FAILED: roster write failed: the database stayed locked").join();
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-7", 1, 1, "anju-agent/0.1", 0), B).join();
        states.confirmed("b07", "gw-7", 1).join();
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-8", 1, 1, "anju-agent/0.1", 0), B).join();
        states.attempted("gw-8", RosterStates.Sync.IN_SYNC, "applied").join();
        java.util.Map<String, String> park = new java.util.LinkedHashMap<>();
        park.put("b07", "gw-7"); // behind its roster, the last attempt failing
        park.put("b08", "gw-8"); // no leases, in sync
        park.put("b09", "gw-9"); // its gateway never came

        List<RosterStates.GatewayRoster> all = states.of(park).join();

        assertThat(all).containsExactly(states.of("b07", "gw-7").join(), states.of("b08", "gw-8").join(),
                states.of("b09", "gw-9").join());
        assertThat(all.get(0).inSync()).isFalse();
        assertThat(all.get(0).sync()).isEqualTo(RosterStates.Sync.FAILING);
        assertThat(all.get(0).outOfSyncSince()).isNotNull();
        assertThat(all.get(1).online()).isTrue();
        assertThat(all.get(1).inSync()).isTrue();
        assertThat(all.get(2).online()).isFalse();
        assertThat(all.get(2).sync()).isEqualTo(RosterStates.Sync.PENDING);
    }

    @Test
    void aLeaseIsPendingAtItsGatewayUntilTheGatewayConfirmsItsVersion() {
        RosterStates states = new RosterStates(db);
        leases().register(registration("lease-a", "person-a", "301", List.of(), null, null)).join();
        leases().register(registration("lease-b", "person-b", "302", List.of(), null, null)).join();
        states.attempted("gw-7", RosterStates.Sync.FAILING, "FAILED: roster write failed: the database stayed locked").join();
        ingest.presence(new GatewayState.Birth(Contract.VERSION, "park-1", "gw-7", 1, 1, "anju-agent/0.1", 0), B).join();
        states.confirmed("b07", "gw-7", 1).join();

        var byLease = states.leases("b07", "gw-7").join();
        assertThat(byLease.get("lease-a").state()).isEqualTo(RosterStates.LeaseAtGateway.State.APPLIED);
        assertThat(byLease.get("lease-a").at()).isNotNull();
        assertThat(byLease.get("lease-b").state()).isEqualTo(RosterStates.LeaseAtGateway.State.FAILING);
        assertThat(byLease.get("lease-b").detail()).contains("locked");
        assertThat(byLease.get("lease-b").since()).isNotNull();
        var gateway = states.of("b07", "gw-7").join();
        assertThat(gateway.inSync()).isFalse();
        assertThat(gateway.wanted()).isEqualTo(2);
        assertThat(gateway.outOfSyncSince()).isNotNull();

        states.confirmed("b07", "gw-7", 2).join();
        states.attempted("gw-7", RosterStates.Sync.IN_SYNC, "applied").join();
        assertThat(states.leases("b07", "gw-7").join().values()).extracting(RosterStates.LeaseAtGateway::state)
                .containsOnly(RosterStates.LeaseAtGateway.State.APPLIED);
        assertThat(states.of("b07", "gw-7").join().outOfSyncSince()).isNull();
    }

    /**
     * The consoles' news journal: numbered on without gaps from the last, what followed a number
     * sent again only within its bounds (how many, how old, still kept, ever had), and pruning that
     * keeps the last so the numbers never start again.
     */
    @Test
    void theNewsJournalNumbersOnAndSaysWhatFollowedANumberWithinItsBounds() {
        assertThat(db.run(c -> NewsJournal.latest(c)).join()).isZero();
        assertThat(db.run(c -> NewsJournal.append(c, db.dialect(), List.of("{\"n\":1}", "{\"n\":2}"), 1_000)).join()).isEqualTo(1);
        assertThat(db.run(c -> NewsJournal.append(c, db.dialect(), List.of("{\"n\":3}", "{\"n\":4}", "{\"n\":5}"), 5_000)).join())
                .isEqualTo(3);

        var since1 = (NewsJournal.Missed.Since) db.run(c -> NewsJournal.after(c, 1, 0, 10)).join();
        assertThat(since1.entries()).extracting(NewsJournal.Entry::id).containsExactly(2L, 3L, 4L, 5L);
        assertThat(since1.entries()).extracting(NewsJournal.Entry::message).first().isEqualTo("{\"n\":2}");
        assertThat(since1.latest()).isEqualTo(5);
        assertThat(db.run(c -> NewsJournal.after(c, 5, 0, 10)).join()).as("nothing missed")
                .isEqualTo(new NewsJournal.Missed.Since(List.of(), 5));
        assertThat(db.run(c -> NewsJournal.after(c, 0, 0, 3)).join()).as("more than is sent again")
                .isInstanceOf(NewsJournal.Missed.TooMuch.class);
        assertThat(db.run(c -> NewsJournal.after(c, 1, 2_000, 10)).join()).as("the first missed older than is sent again")
                .isInstanceOf(NewsJournal.Missed.TooMuch.class);
        assertThat(db.run(c -> NewsJournal.after(c, 2, 2_000, 10)).join()).isInstanceOf(NewsJournal.Missed.Since.class);
        assertThat(db.run(c -> NewsJournal.after(c, 6, 0, 10)).join()).as("a number never had")
                .isEqualTo(new NewsJournal.Missed.TooMuch("the park's news has no number 6 (its last is 5)", 5));

        assertThat(db.run(c -> NewsJournal.prune(c, 2_000)).join()).isEqualTo(2);
        assertThat(db.run(c -> NewsJournal.after(c, 0, 0, 10)).join()).as("no longer kept")
                .isInstanceOf(NewsJournal.Missed.TooMuch.class);
        assertThat(db.run(c -> NewsJournal.prune(c, 10_000)).join()).as("all but the last").isEqualTo(2);
        assertThat(db.run(c -> NewsJournal.append(c, db.dialect(), List.of("{\"n\":6}"), 11_000)).join()).as("numbered on").isEqualTo(6);
    }

    /**
     * A console's park-wide page of the ports in one state, and its count, read that state's ports
     * through an index in page order; without it both scanned every port of the park (at 220,000
     * ports, 40 ms a page: ./anju bench park-scale). PostgreSQL is told not to scan the table, which
     * with a test's few rows it would do whatever the indexes.
     */
    @Test
    void aParkWidePageOfOneStateReadsThatStatesPortsNotEveryPort() {
        for (String query : List.of("SELECT COUNT(*) FROM port_state p WHERE 1 = 1 AND p.state = 'Faulted'",
                "SELECT p.gateway, p.pile, p.port FROM port_state p LEFT JOIN gateway g ON g.id = p.gateway"
                        + " WHERE 1 = 1 AND p.state = 'Faulted' ORDER BY p.gateway, p.pile, p.port LIMIT 501")) {
            String plan = db.run(c -> {
                boolean pg = db.dialect() == ParkDatabase.Dialect.POSTGRES;
                StringBuilder out = new StringBuilder();
                try (java.sql.Statement s = c.createStatement()) {
                    if (pg) {
                        s.execute("SET LOCAL enable_seqscan = off");
                    }
                    try (java.sql.ResultSet rs = s.executeQuery((pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + query)) {
                        while (rs.next()) {
                            out.append(rs.getString(pg ? 1 : 4)).append('\n');
                        }
                    }
                }
                return out.toString();
            }).join();
            assertThat(plan).as(query).contains("port_state_state");
        }
    }
}
