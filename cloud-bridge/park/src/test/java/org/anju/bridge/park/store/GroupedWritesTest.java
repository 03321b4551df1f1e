package org.anju.bridge.park.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.park.config.ParkConfig;

/**
 * Batches written together in one set-based transaction leave the store exactly as the same
 * batches written one at a time, and say the same about each batch: for any mix of gateways,
 * copies, late and out-of-order seqs, floors, readings stamped in the future, seqs far beyond the
 * confirmed range, and door, port and alarm events whose latest must win.
 */
class GroupedWritesTest {
    private static final long FUTURE = 4_102_444_800_000L;
    /** A small jump, so generated seqs reach it. */
    private static final Believed BELIEVED = new Believed(Duration.ofMinutes(5), 40, 1_000_000);

    record Step(String gateway, long floor, TreeSet<Long> seqs, int kind, boolean future) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of("gw-1", "gw-2", "gw-3"), Arbitraries.longs().between(0, 60),
                Arbitraries.longs().between(1, 90).set().ofMinSize(1).ofMaxSize(6).map(TreeSet::new),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 9).map(n -> n == 0))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(14);
    }

    @Property(tries = 30)
    void groupsStoreWhatOneByOneStores(@ForAll("steps") List<Step> steps, @ForAll("cuts") List<Integer> cuts) throws Exception {
        List<EventBatch> batches = steps.stream().map(GroupedWritesTest::batch).toList();
        Path dir = Files.createTempDirectory("anju-grouped");
        ParkDatabase single = open(dir.resolve("single.db"));
        ParkDatabase grouped = open(dir.resolve("grouped.db"));
        try {
            IngestStore one = new IngestStore(single, "test");
            IngestStore many = new IngestStore(grouped, "test");
            List<IngestStore.Stored> alone = new ArrayList<>();
            for (EventBatch b : batches) {
                alone.add(one.store(b, BELIEVED).join());
            }
            List<IngestStore.Stored> together = new ArrayList<>();
            int from = 0;
            for (int cut : cuts) {
                int to = Math.min(batches.size(), from + cut);
                if (to > from) {
                    together.addAll(many.storeAll(prepared(batches.subList(from, to)), BELIEVED).join());
                }
                from = to;
            }
            if (from < batches.size()) {
                together.addAll(many.storeAll(prepared(batches.subList(from, batches.size())), BELIEVED).join());
            }
            for (int i = 0; i < batches.size(); i++) {
                IngestStore.Stored a = alone.get(i);
                IngestStore.Stored t = together.get(i);
                assertThat(t.fresh()).as("batch %d fresh", i).isEqualTo(a.fresh());
                assertThat(List.of(t.duplicates(), t.held(), t.flagged())).as("batch %d counts", i)
                        .isEqualTo(List.of(a.duplicates(), a.held(), a.flagged()));
                assertThat(t.have()).isEqualTo(a.have());
                assertThat(t.confirmedTo()).as("a receipt may say more, never less").isGreaterThanOrEqualTo(a.confirmedTo());
            }
            assertThat(dump(grouped)).isEqualTo(dump(single));
            assertThat(confirmedRanges(grouped)).as("each gateway's confirmed range: the stored seqs from 1 without a gap")
                    .isEqualTo(storedFromOne(grouped));
            // the same numbers lost (the ranges may be cut differently), except that a discard announced in
            // the same group as the floor that passes it is known in time, where one at a time it came late
            List<String> lostAlone = lost(single);
            List<String> lostTogether = lost(grouped);
            assertThat(lostAlone).containsAll(lostTogether);
            List<String> onlyAlone = new ArrayList<>(lostAlone);
            onlyAlone.removeAll(lostTogether);
            assertThat(onlyAlone).as("announced discarded").allMatch(n -> discarded(single).contains(n));
        } finally {
            single.close();
            grouped.close();
            // thirty tries a run: each try's two files go with it, not left in /tmp (1,380 were after some months of runs)
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static List<IngestStore.Prepared> prepared(List<EventBatch> batches) {
        return batches.stream().map(IngestStore::prepare).toList();
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 6).list().ofMaxSize(10);
    }

    private static ParkDatabase open(Path file) {
        return ((ParkDatabase.Opened.Ok) ParkDatabase.open(new ParkConfig.Store.Sqlite(file), "test")).database();
    }

    private static EventBatch batch(Step s) {
        List<EventBatch.Event> events = new ArrayList<>();
        for (long seq : s.seqs()) {
            long ts = s.future() ? FUTURE : 1_000 + (seq * 7) % 50;
            String payload;
            String type;
            Priority priority;
            switch (s.kind()) {
                case 0 -> {
                    type = seq % 2 == 0 ? "door.opened" : "door.closed";
                    payload = "{\"door\":\"d" + seq % 3 + "\"}";
                    priority = Priority.STATE;
                }
                case 1, 2 -> {
                    type = "port.reading";
                    payload = "{\"pile\":\"p" + seq % 2 + "\",\"port\":" + (seq % 3 + 1) + ",\"state\":\"Charging\",\"voltageV\":220.0,"
                            + "\"currentA\":1.0,\"powerW\":" + seq + ",\"energyWh\":" + seq + ",\"sessionSeconds\":1}";
                    priority = Priority.TELEMETRY;
                }
                case 3 -> {
                    type = "port.status";
                    payload = "{\"pileId\":\"p" + seq % 2 + "\",\"port\":" + (seq % 3 + 1) + ",\"status\":\"FAULTED\"}";
                    priority = Priority.STATE;
                }
                case 4 -> {
                    type = "alarm.raised";
                    payload = "{\"alarm\":{\"id\":\"a" + seq % 4 + "\",\"kind\":\"OVERLOAD\",\"severity\":\"MAJOR\",\"source\":\"p1/1\","
                            + "\"detail\":\"x\"" + (seq % 3 == 0 ? ",\"clearedAt\":5" : seq % 3 == 1 ? ",\"acknowledgedBy\":\"o\"" : "")
                            + "}}";
                    priority = Priority.ALARM;
                }
                default -> {
                    type = "outbox.discarded";
                    payload = "{\"fromSeq\":" + Math.max(1, seq - 5) + ",\"toSeq\":" + Math.max(1, seq - 1)
                            + ",\"count\":5,\"reason\":\"disk budget\"}";
                    priority = Priority.STATE;
                }
            }
            events.add(new EventBatch.Event(seq, ts, priority, type, payload));
        }
        return new EventBatch(Contract.VERSION, "park-1", s.gateway(), 1, s.floor(), 2_000, events);
    }

    /** Every number a gateway announced it discarded. */
    private static List<String> discarded(ParkDatabase db) {
        return db.run(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT gateway, payload FROM event WHERE type = 'outbox.discarded'")) {
                while (rs.next()) {
                    var p = IngestStore.json(rs.getString(2));
                    for (long s = p.path("fromSeq").asLong(); s <= p.path("toSeq").asLong(); s++) {
                        out.add(rs.getString(1) + "/" + s);
                    }
                }
            }
            return out;
        }).join();
    }

    /** Each gateway's confirmed range as the store keeps it. */
    private static Map<String, Long> confirmedRanges(ParkDatabase db) {
        return db.run(c -> {
            Map<String, Long> out = new TreeMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, confirmed_to FROM gateway")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        }).join();
    }

    /** Each gateway's confirmed range worked out apart from the store's own: the last of 1, 2, 3... all stored. */
    private static Map<String, Long> storedFromOne(ParkDatabase db) {
        return db.run(c -> {
            Map<String, Set<Long>> stored = new TreeMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM gateway")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new HashSet<>());
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT gateway, seq FROM event")) {
                while (rs.next()) {
                    stored.get(rs.getString(1)).add(rs.getLong(2));
                }
            }
            Map<String, Long> out = new TreeMap<>();
            stored.forEach((gateway, seqs) -> {
                long to = 0;
                while (seqs.contains(to + 1)) {
                    to++;
                }
                out.put(gateway, to);
            });
            return out;
        }).join();
    }

    /** Every number recorded lost, gateway by gateway. */
    private static List<String> lost(ParkDatabase db) {
        return db.run(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT gateway, from_seq, to_seq FROM lost_range")) {
                while (rs.next()) {
                    for (long s = rs.getLong(2); s <= rs.getLong(3); s++) {
                        out.add(rs.getString(1) + "/" + s);
                    }
                }
            }
            out.sort(null);
            return out;
        }).join();
    }

    /** Every other table ingest writes, without the times of arrival. */
    private static List<String> dump(ParkDatabase db) {
        return db.run(c -> {
            List<String> out = new ArrayList<>();
            for (String sql : List.of(
                    "SELECT gateway, seq, ts, priority, type, payload, flag FROM event ORDER BY gateway, seq",
                    "SELECT gateway, seq, ts, type, reason FROM held_event ORDER BY gateway, seq",
                    "SELECT id, floor, confirmed_to FROM gateway ORDER BY id",
                    "SELECT gateway, door, state, ts FROM door_state ORDER BY gateway, door",
                    // meters: a state without meters (port.status) that is newer keeps the meters the port has; in a
                    // group that is the group's newest reading even if it came after the state, one by one it is not
                    "SELECT gateway, pile, port, state, ts FROM port_state ORDER BY gateway, pile, port",
                    "SELECT gateway, alarm_id, kind, state, raised_at, acknowledged_by, payload FROM alarm ORDER BY gateway, alarm_id")) {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(sql.substring(sql.indexOf("FROM") + 5, sql.indexOf(" ORDER")));
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        out.add(row.toString());
                    }
                }
            }
            return out;
        }).join();
    }
}
