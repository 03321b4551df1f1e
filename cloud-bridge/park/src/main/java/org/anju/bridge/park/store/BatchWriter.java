package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.anju.bridge.contract.EventBatch;

/**
 * Several gateways' batches written in one transaction, set-based: one statement per table for
 * the whole group (the events, those held for review, each kind of last-known state, the gateways'
 * floors and confirmed ranges), whatever the number of batches, so a drained backlog costs a few
 * round trips per hundred events rather than several per event. What each batch changed comes
 * out as if the batches had been stored one after another: a seq seen twice in the group is stored
 * once (the later copy is a duplicate), a batch's reach for held events counts what the batches
 * before it stored, and last-known state takes the latest of the group per door, port and alarm.
 */
final class BatchWriter {
    private static final List<Bulk.Column> EVENT = List.of(Bulk.Column.text("gateway"), Bulk.Column.bigint("seq"),
            Bulk.Column.bigint("ts"), Bulk.Column.text("priority"), Bulk.Column.text("type"), Bulk.Column.text("payload"),
            Bulk.Column.bigint("received_at"), Bulk.Column.text("received_by"), Bulk.Column.text("flag"));
    private static final List<Bulk.Column> HELD = List.of(Bulk.Column.text("gateway"), Bulk.Column.bigint("seq"),
            Bulk.Column.bigint("ts"), Bulk.Column.text("priority"), Bulk.Column.text("type"), Bulk.Column.text("payload"),
            Bulk.Column.bigint("received_at"), Bulk.Column.text("reason"));
    private static final List<Bulk.Column> CONFIRMED = List.of(Bulk.Column.text("id"), Bulk.Column.bigint("confirmed_to"));
    private static final List<Bulk.Column> COUNTS = List.of(Bulk.Column.text("id"), Bulk.Column.bigint("stored"),
            Bulk.Column.bigint("held"));

    /** What the store knew of a gateway when the group began, and what the group moved. */
    static final class Gateway {
        final String id;
        final long confirmedBefore;
        final long floorBefore;
        /** The highest seq the store held before the group. */
        final long maxSeqBefore;
        long maxSeq;
        long floorWanted;
        long confirmedTo;
        final List<Long> stored = new ArrayList<>();
        /** How many of the group's events the store now holds for review, newly. */
        long held;

        Gateway(String id, long confirmedBefore, long floorBefore, long maxSeq) {
            this.id = id;
            this.confirmedBefore = confirmedBefore;
            this.floorBefore = floorBefore;
            this.maxSeqBefore = maxSeq;
            this.maxSeq = maxSeq;
            this.confirmedTo = confirmedBefore;
        }
    }

    /** One event of the group bound for the event table, and what it would change. */
    private record Row(int batch, EventBatch.Event event, StateChange change, boolean flagged) {
    }

    private final ParkDatabase.Dialect dialect;
    private final String instance;

    BatchWriter(ParkDatabase.Dialect dialect, String instance) {
        this.dialect = dialect;
        this.instance = instance;
    }

    List<IngestStore.Stored> write(Connection c, List<IngestStore.Prepared> prepared, Believed believed, Set<String> ensured)
            throws SQLException {
        List<EventBatch> batches = prepared.stream().map(IngestStore.Prepared::batch).toList();
        long now = System.currentTimeMillis();
        TreeSet<String> ids = new TreeSet<>();
        batches.forEach(b -> ids.add(b.gateway()));
        ensure(c, ids, ensured, now);
        Map<String, Gateway> gateways = known(c, ids);

        int n = batches.size();
        List<Object[]> eventRows = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Object[]> heldRows = new ArrayList<>();
        List<Integer> heldOf = new ArrayList<>();
        int[] duplicates = new int[n];
        List<List<Long>> have = new ArrayList<>();
        // each gateway's seqs taken so far in the group, for the stored and the held: a copy in a later batch is a duplicate
        Map<String, Set<Long>> seen = new HashMap<>();
        Map<String, Set<Long>> seenHeld = new HashMap<>();
        for (int i = 0; i < n; i++) {
            EventBatch batch = batches.get(i);
            Gateway g = gateways.get(batch.gateway());
            long reach = (g.maxSeq == 0 ? Math.max(g.confirmedBefore, batch.floor()) : Math.max(g.confirmedBefore, g.maxSeq))
                    + believed.maxSeqJump();
            g.floorWanted = Math.max(g.floorWanted, batch.floor() > reach ? 0 : batch.floor());
            List<Long> seqs = new ArrayList<>(batch.events().size());
            Set<Long> taken = seen.computeIfAbsent(batch.gateway(), k -> new HashSet<>());
            Set<Long> takenHeld = seenHeld.computeIfAbsent(batch.gateway(), k -> new HashSet<>());
            for (int k = 0; k < batch.events().size(); k++) {
                EventBatch.Event e = batch.events().get(k);
                Long seq = e.seq();
                seqs.add(seq);
                if (e.seq() > reach ? !takenHeld.add(seq) : !taken.add(seq)) {
                    duplicates[i]++; // a copy within the group (held again, or stored again)
                } else if (e.seq() > reach) {
                    heldRows.add(new Object[] {batch.gateway(), e.seq(), e.ts(), e.priority().name(), e.type(), e.payload(),
                            now, "seq beyond the confirmed range by more than " + believed.maxSeqJump()});
                    heldOf.add(i);
                } else {
                    boolean future = e.ts() > now + believed.futureSkew().toMillis();
                    eventRows.add(new Object[] {batch.gateway(), e.seq(), e.ts(), e.priority().name(), e.type(), e.payload(),
                            now, instance, future ? "future-ts" : null});
                    rows.add(new Row(i, e, prepared.get(i).changes().get(k), future));
                    g.maxSeq = Math.max(g.maxSeq, e.seq());
                }
            }
            have.add(seqs);
        }

        Set<Integer> inserted = Bulk.insertReturning(c, dialect, "event", EVENT, eventRows,
                "ON CONFLICT (gateway, seq) DO NOTHING", 2);
        Set<Integer> heldInserted = Bulk.insertReturning(c, dialect, "held_event", HELD, heldRows,
                "ON CONFLICT (gateway, seq) DO NOTHING", 2);

        List<List<EventBatch.Event>> fresh = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fresh.add(new ArrayList<>());
        }
        int[] flagged = new int[n];
        int[] held = new int[n];
        Map<String, List<StateChange>> moving = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            String gateway = batches.get(row.batch()).gateway();
            if (!inserted.contains(r)) {
                duplicates[row.batch()]++;
                continue;
            }
            gateways.get(gateway).stored.add(row.event().seq());
            if (row.flagged()) {
                flagged[row.batch()]++;
            } else {
                fresh.get(row.batch()).add(row.event());
                if (row.change() != null) {
                    moving.computeIfAbsent(gateway, k -> new ArrayList<>()).add(row.change());
                }
            }
        }
        for (int r = 0; r < heldOf.size(); r++) {
            if (heldInserted.contains(r)) {
                held[heldOf.get(r)]++;
                gateways.get(batches.get(heldOf.get(r)).gateway()).held++;
            } else {
                duplicates[heldOf.get(r)]++; // held before: a copy, confirmed again
            }
        }

        LastKnownState.apply(c, dialect, moving);
        advance(c, gateways.values());
        LostRanges.update(c, dialect, gateways.values(), now);
        count(c, gateways.values());

        List<IngestStore.Stored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new IngestStore.Stored(fresh.get(i), duplicates[i], held[i], flagged[i],
                    gateways.get(batches.get(i).gateway()).confirmedTo, have.get(i)));
        }
        return out;
    }

    /**
     * Each gateway's counts of stored and held events move by what the group inserted, in its
     * transaction: the gateways' list reads them instead of counting the event table per request.
     * Only rows the table took count, so copies (of this group, of another instance) never do.
     */
    private void count(Connection c, java.util.Collection<Gateway> gateways) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Gateway g : gateways) {
            if (!g.stored.isEmpty() || g.held > 0) {
                rows.add(new Object[] {g.id, (long) g.stored.size(), g.held});
            }
        }
        Bulk.update(c, dialect, "gateway", COUNTS, rows,
                "stored_events = stored_events + v.stored, held_events = held_events + v.held", "gateway.id = v.id");
    }

    /** Gateways this instance has not written yet get their row (the others have one). */
    private void ensure(Connection c, TreeSet<String> ids, Set<String> ensured, long now) throws SQLException {
        List<Object[]> missing = new ArrayList<>();
        for (String id : ids) {
            if (!ensured.contains(id)) {
                missing.add(new Object[] {id, 0, 0L, now});
            }
        }
        Bulk.insert(c, dialect, "gateway", List.of(Bulk.Column.text("id"), Bulk.Column.integer("online"),
                Bulk.Column.bigint("session"), Bulk.Column.bigint("seen_at")), missing, "ON CONFLICT (id) DO NOTHING");
    }

    /**
     * Each gateway's confirmed range, floor and highest stored seq; on PostgreSQL its row locked
     * (in id order, so two instances never wait on each other in a circle) until the commit, so
     * one instance at a time moves a gateway's floor, lost ranges and confirmed range.
     */
    private Map<String, Gateway> known(Connection c, TreeSet<String> ids) throws SQLException {
        String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        Map<String, Gateway> out = new HashMap<>();
        if (dialect == ParkDatabase.Dialect.POSTGRES) {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM gateway WHERE id IN (" + in + ") ORDER BY id FOR UPDATE")) {
                bind(lock, ids);
                lock.executeQuery().close();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT g.id, g.confirmed_to, g.floor, (SELECT COALESCE(MAX(seq), 0)"
                + " FROM event e WHERE e.gateway = g.id) FROM gateway g WHERE g.id IN (" + in + ")")) {
            bind(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Gateway(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        for (String id : ids) {
            out.putIfAbsent(id, new Gateway(id, 0, 0, 0));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, TreeSet<String> ids) throws SQLException {
        int at = 1;
        for (String id : ids) {
            ps.setString(at++, id);
        }
    }

    /**
     * Moves each gateway's confirmed range over every stored seq that now follows it without a gap
     * (seqs stored earlier out of order, alarms before readings, count too): the first stored seq
     * after it whose successor is not stored, if the one right after it is stored. Where the store
     * held nothing beyond the confirmed range before the group (a gateway sending in order, the
     * common case and a drain's), the group's own seqs say it; only the others are asked of the
     * store, whose query reads every event of the gateway beyond its range again.
     */
    private void advance(Connection c, java.util.Collection<Gateway> gateways) throws SQLException {
        List<Gateway> asked = new ArrayList<>();
        for (Gateway g : gateways) {
            if (g.stored.isEmpty()) {
                continue;
            }
            if (g.maxSeqBefore <= g.confirmedBefore) {
                g.confirmedTo = contiguousFrom(g.confirmedBefore, g.stored);
            } else {
                asked.add(g);
            }
        }
        if (!asked.isEmpty()) {
            askStore(c, asked);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Gateway g : gateways) {
            if (g.confirmedTo > g.confirmedBefore) {
                rows.add(new Object[] {g.id, g.confirmedTo});
            }
        }
        Bulk.update(c, dialect, "gateway", CONFIRMED, rows, "confirmed_to = v.confirmed_to",
                "gateway.id = v.id AND gateway.confirmed_to < v.confirmed_to");
    }

    /** The last seq of the run {@code from + 1, from + 2, ...} in {@code seqs}; {@code from} if it does not start. */
    static long contiguousFrom(long from, java.util.Collection<Long> seqs) {
        java.util.Set<Long> have = new HashSet<>(seqs);
        long to = from;
        while (have.contains(to + 1)) {
            to++;
        }
        return to;
    }

    /** Each gateway's confirmed range as the stored events say, read from the store. */
    private void askStore(Connection c, List<Gateway> moved) throws SQLException {
        Map<String, Gateway> byId = new HashMap<>();
        moved.forEach(g -> byId.put(g.id, g));
        String reach = "CASE WHEN EXISTS (SELECT 1 FROM event WHERE gateway = v.id AND seq = v.c + 1)"
                + " THEN (SELECT e.seq FROM event e WHERE e.gateway = v.id AND e.seq > v.c AND NOT EXISTS"
                + " (SELECT 1 FROM event f WHERE f.gateway = v.id AND f.seq = e.seq + 1) ORDER BY e.seq LIMIT 1)"
                + " ELSE v.c END";
        if (dialect == ParkDatabase.Dialect.POSTGRES) {
            // one pass along the gateway's key from the confirmed seq to the first gap (LEAD looks one row
            // ahead, the LIMIT stops the scan there): the correlated NOT EXISTS form above, which SQLite runs
            // along its index, PostgreSQL planned over the whole event table, and a drain waited on it
            try (PreparedStatement ps = c.prepareStatement("SELECT v.id, COALESCE((SELECT CASE WHEN r.first = v.c + 1"
                    + " THEN r.seq ELSE v.c END FROM (SELECT e.seq, LEAD(e.seq) OVER (ORDER BY e.seq) AS next,"
                    + " FIRST_VALUE(e.seq) OVER (ORDER BY e.seq) AS first FROM event e WHERE e.gateway = v.id AND e.seq > v.c"
                    + " ORDER BY e.seq) r WHERE r.next IS DISTINCT FROM r.seq + 1 OR r.first <> v.c + 1 LIMIT 1), v.c)"
                    + " FROM unnest(?::text[], ?::int8[]) AS v(id, c)")) {
                ps.setArray(1, c.createArrayOf("text", moved.stream().map(g -> g.id).toArray()));
                ps.setArray(2, c.createArrayOf("int8", moved.stream().map(g -> g.confirmedBefore).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byId.get(rs.getString(1)).confirmedTo = rs.getLong(2);
                    }
                }
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + reach + " FROM (SELECT ? AS id, ? AS c) v")) {
                for (Gateway g : moved) {
                    ps.setString(1, g.id);
                    ps.setLong(2, g.confirmedBefore);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            g.confirmedTo = rs.getLong(1);
                        }
                    }
                }
            }
        }
    }
}
