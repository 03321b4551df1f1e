package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;

/**
 * The drain's bookkeeping under any interleaving of what its world does: events appended, reads
 * answered or failed, the broker taking batches (in order, as one TCP connection does), refusing
 * them or dropping the connection, the park storing what reached it and sending receipts that may
 * be lost, the outbox recording deliveries or failing to, time passing, and the gateway restarting
 * (a new book over the same outbox). Whatever happens: within a priority events reach the park in
 * seq order, the floor never moves back nor claims an event the park does not have, the outbox
 * never records as delivered what the park does not have, and once the world is calm everything
 * arrives.
 */
class DrainBookPropertiesTest {
    private static final long MS = 1_000_000L;
    private static final DrainSettings SETTINGS = new DrainSettings(4, 5, 64 * 1024, 0);

    enum Move { APPEND, READ, READ_FAILS, PUBACK, REFUSE, DROP_CONNECTION, PARK_STORES, RECEIPT, RECEIPT_LOST,
        RECORD, RECORD_FAILS, TIME, RESTART, WAKE }

    @Provide
    Arbitrary<List<Move>> moves() {
        return Arbitraries.of(Move.class).list().ofMinSize(20).ofMaxSize(400);
    }

    /** The world around the book: a model outbox, a FIFO broker connection, a park. */
    private static final class World {
        final TreeMap<Long, UplinkEvent> outbox = new TreeMap<>();
        final Set<Long> delivered = new HashSet<>();
        final Set<Long> parkHas = new HashSet<>();
        final Map<Priority, List<Long>> parkFirstArrivals = new EnumMap<>(Priority.class);
        final ArrayDeque<DrainBook.Publish> toBroker = new ArrayDeque<>();
        final ArrayDeque<DrainBook.Publish> brokerHasUnacked = new ArrayDeque<>();
        final ArrayDeque<List<Long>> receiptsInTransit = new ArrayDeque<>();
        final ArrayDeque<DrainBook.Fetch> reads = new ArrayDeque<>();
        final ArrayDeque<DrainBook.Record> records = new ArrayDeque<>();
        DrainBook book;
        long now = 1_000 * MS;
        long seq;
        long lastFloor;
        int seed;

        World() {
            restart();
        }

        /** The agent restarts: a new book over the same outbox; its floor starts again at "not known" (0). */
        void restart() {
            lastFloor = 0;
            book = new DrainBook(SETTINGS, 60_000 * MS, 5_000 * MS, 1_000 * MS, 100 * MS, 200 * MS, now);
            toBroker.clear();
            brokerHasUnacked.clear();
            receiptsInTransit.clear();
            reads.clear();
            records.clear();
            book.connected(now);
        }

        void append() {
            Priority p = Priority.values()[seed++ % 4];
            long s = ++seq;
            outbox.put(s, new UplinkEvent(s, now, p, "door.opened", "{\"n\":" + s + "}"));
            book.woken(p.ordinal());
        }

        void step() {
            for (DrainBook.Step step : book.next(now)) {
                if (step instanceof DrainBook.Fetch f) {
                    reads.add(f);
                } else if (step instanceof DrainBook.Publish p) {
                    toBroker.add(p);
                } else if (step instanceof DrainBook.Record r) {
                    records.add(r);
                }
            }
            assertThat(book.figures().floor()).as("the floor never moves back").isGreaterThanOrEqualTo(lastFloor);
            lastFloor = book.figures().floor();
            for (long s = 1; s < lastFloor; s++) {
                assertThat(parkHas.contains(s) || !outbox.containsKey(s))
                        .as("below the floor %d, seq %d is at the park", lastFloor, s).isTrue();
            }
            assertThat(parkHas).as("the outbox records as delivered only what the park has").containsAll(delivered);
        }

        void answerRead(boolean fail) {
            DrainBook.Fetch f = reads.poll();
            if (f == null) {
                return;
            }
            if (fail) {
                book.fetchFailed(now);
                return;
            }
            List<UplinkEvent> out = new ArrayList<>();
            for (Priority p : Priority.values()) {
                for (UplinkEvent e : outbox.values()) {
                    if (e.priority() == p && !delivered.contains(e.seq()) && out.size() < f.limit()) {
                        out.add(e);
                    }
                }
            }
            book.fetched(out, f.limit(), now);
        }

        /** The broker takes the oldest publish and hands it to the park at once (one connection: in order). */
        void brokerTakes() {
            DrainBook.Publish p = toBroker.poll();
            if (p == null) {
                return;
            }
            parkStores(p);
            brokerHasUnacked.add(p);
        }

        void parkStores(DrainBook.Publish p) {
            List<Long> seqs = new ArrayList<>();
            for (UplinkEvent e : p.events()) {
                if (parkHas.add(e.seq())) {
                    parkFirstArrivals.computeIfAbsent(e.priority(), k -> new ArrayList<>()).add(e.seq());
                }
                seqs.add(e.seq());
            }
            receiptsInTransit.add(seqs);
        }

        void puback() {
            brokerTakes();
            DrainBook.Publish p = brokerHasUnacked.poll();
            if (p != null) {
                book.published(p.batchId(), now);
            }
        }

        /** The broker refuses a topic (its ACL): every batch queued for that topic on this connection. */
        void refuse() {
            DrainBook.Publish head = toBroker.peek();
            if (head == null) {
                return;
            }
            var stream = head.events().get(0).priority().stream();
            for (var it = toBroker.iterator(); it.hasNext(); ) {
                DrainBook.Publish p = it.next();
                if (p.events().get(0).priority().stream() == stream) {
                    it.remove();
                    book.refused(p.batchId(), now);
                }
            }
        }

        void dropConnection() {
            // the broker may have passed on some of what was sent before the connection went
            if (!toBroker.isEmpty() && seed++ % 2 == 0) {
                brokerTakes();
            }
            toBroker.clear();
            brokerHasUnacked.clear();
            reads.clear(); // a read under way still answers, but the book forgot it: model it as answered empty
            book.disconnected();
            book.fetchFailed(now);
            book.connected(now);
        }

        void receipt(boolean lost) {
            List<Long> seqs = receiptsInTransit.poll();
            if (seqs == null || lost) {
                return;
            }
            long upTo = 0;
            while (parkHas.contains(upTo + 1)) {
                upTo++;
            }
            List<Long> sorted = seqs.stream().sorted().toList();
            book.receipt(DeliveryReceipt.of(new Topics("p", "g"), upTo, DeliveryReceipt.rangesOf(sorted, upTo), now, "k"), now);
        }

        void record(boolean fail) {
            DrainBook.Record r = records.poll();
            if (r == null) {
                return;
            }
            if (fail) {
                book.recordFailed(r.seqs(), now);
            } else {
                delivered.addAll(r.seqs());
                book.recorded(r.seqs());
            }
        }

        /** No more faults: answer everything until the drain is quiet. */
        void calm() {
            for (int round = 0; round < 20_000 && delivered.size() < outbox.size(); round++) {
                now += 50 * MS;
                step();
                answerRead(false);
                while (!toBroker.isEmpty()) {
                    puback();
                }
                // a calm broker acknowledges everything it took, the batches it passed on before too
                // (until then they hold the book's window, as a real uplink's do until its ack timeout)
                while (!brokerHasUnacked.isEmpty()) {
                    book.published(brokerHasUnacked.poll().batchId(), now);
                }
                while (!receiptsInTransit.isEmpty()) {
                    receipt(false);
                }
                record(false);
            }
        }
    }

    /**
     * The interleaving a run of the property once shrank to: the broker passed four batches on
     * without acknowledging them and the model's calm world never did either, so the book's window of
     * batches in flight stayed full and the last batch (the telemetry) was never sent. A real uplink
     * leaves such a broker at its ack timeout; a calm broker acknowledges.
     */
    @net.jqwik.api.Example
    void fifteenAppendsOneReadAndFourStoresStillDeliverEverything() {
        List<Move> moves = new ArrayList<>(java.util.Collections.nCopies(15, Move.APPEND));
        moves.add(Move.READ);
        moves.addAll(java.util.Collections.nCopies(4, Move.PARK_STORES));
        anyInterleavingKeepsOrderFloorAndEveryEvent(moves, 6);
    }

    @Property(tries = 300)
    void anyInterleavingKeepsOrderFloorAndEveryEvent(@ForAll("moves") List<Move> moves,
                                                     @ForAll @IntRange(min = 5, max = 60) int initialEvents) {
        World w = new World();
        for (int i = 0; i < initialEvents; i++) {
            w.append();
        }
        for (Move move : moves) {
            switch (move) {
                case APPEND -> w.append();
                case READ -> w.answerRead(false);
                case READ_FAILS -> w.answerRead(true);
                case PUBACK -> w.puback();
                case REFUSE -> w.refuse();
                case DROP_CONNECTION -> w.dropConnection();
                case PARK_STORES -> w.brokerTakes();
                case RECEIPT -> w.receipt(false);
                case RECEIPT_LOST -> w.receipt(true);
                case RECORD -> w.record(false);
                case RECORD_FAILS -> w.record(true);
                case TIME -> w.now += 3_000 * MS;
                case RESTART -> w.restart();
                case WAKE -> w.book.woken(0);
            }
            w.step();
        }
        w.calm();

        assertThat(w.delivered).as("every event delivered once the world is calm").hasSize(w.outbox.size());
        assertThat(w.parkHas).containsAll(w.outbox.keySet());
        for (Priority p : Priority.values()) {
            assertThat(w.parkFirstArrivals.getOrDefault(p, List.of())).as("%s events in first-arrival order", p).isSorted();
        }
    }

    @Property(tries = 100)
    void withoutReceiptsNothingIsEverRecordedAndTheWindowHolds(@ForAll @IntRange(min = 1, max = 300) int events) {
        World w = new World();
        for (int i = 0; i < events; i++) {
            w.append();
        }
        for (int round = 0; round < 200; round++) {
            w.now += 100 * MS;
            w.step();
            w.answerRead(false);
            while (!w.toBroker.isEmpty()) {
                w.puback();
            }
            w.receiptsInTransit.clear(); // the park never answers
            assertThat(w.book.figures().unconfirmedEvents() + w.book.figures().inflightEvents())
                    .isLessThanOrEqualTo(SETTINGS.maxUnconfirmed());
        }
        assertThat(w.delivered).isEmpty();
        assertThat(w.book.figures().resent()).as("unconfirmed events are sent again after the bound").isPositive();
        assertThat(w.book.parkSilentFor(w.now)).isGreaterThanOrEqualTo(15_000 * MS);
    }
}
