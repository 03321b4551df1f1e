package org.anju.bridge.uplink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.bridge.access.TokenBucket;
import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.Priority;

/**
 * The drain's bookkeeping as a pure state machine, as {@code DoorController} is for a door: no
 * I/O, no threads, no clock of its own. The uplink's thread tells it what happened (a read came
 * back, the broker answered a publish, the park sent a receipt, the connection went) with the
 * time in nanoseconds, and asks it with {@link #next(long)} what to do now: read the outbox,
 * publish a batch, record deliveries. An event moves
 *
 * <pre>
 * outbox ─read─► buffer ─publish─► in flight ─PUBACK─► unconfirmed ─receipt─► confirmed ─► outbox records it
 *                   ▲                  │ connection lost, refused             │ no receipt within resendAfter
 *                   └──── read again ◄─┴──────────────────────────────────────┘
 * </pre>
 *
 * Only the park's receipt makes an event delivered; the broker's PUBACK moves it out of the
 * sending window. Nothing is kept only here: whatever this forgets (a restart, a lost
 * connection) the outbox still holds as not delivered, and it is read and sent again.
 *
 * <p>An alarm the park has not confirmed is sent again sooner than the rest: first after
 * {@code alarmResendFirst}, then after twice as long each time, up to {@code resendAfter}. The
 * copy the broker keeps for the park's shared subscription waits behind whatever backlog is
 * queued there (a bridge that was away, or started a moment after the alarm); a copy sent again
 * reaches the bridge's live subscription once it is up, and the park stores alarms from there
 * ahead of the backlog. Doubling keeps a long outage's resends to about those of the rest. When
 * the bridge's live subscription hears this gateway's birth (as it starts, or as the gateway
 * connects) it asks for them ({@link DeliveryReceipt#resendAlarms()}): every unconfirmed alarm
 * falls due then, not up to a minute later.
 */
final class DrainBook {
    /** What the uplink is to do now. */
    sealed interface Step permits Fetch, Publish, Record {
    }

    /** Read up to {@code limit} undelivered events from the outbox; answer with {@link #fetched} or {@link #fetchFailed}. */
    record Fetch(int limit) implements Step {
    }

    /** Publish these events as one batch; answer with {@link #published} or {@link #refused}. */
    record Publish(long batchId, List<UplinkEvent> events) implements Step {
    }

    /** Tell the outbox the park has these; answer with {@link #recorded} or {@link #recordFailed}. */
    record Record(List<Long> seqs) implements Step {
    }

    /** The figures the uplink shows; see {@link UplinkStatus}. */
    record Figures(int inflightEvents, int unconfirmedEvents, long published, long brokerAccepted, long delivered,
                   long refused, long resent, long floor, long parkUpTo, long lastReceiptAt, long unconfirmedSince,
                   boolean refusing) {
    }

    private record Batch(long id, List<Long> seqs, long sentAt, boolean alarms) {
    }

    private record Accepted(long at, List<Long> seqs) {
    }

    /**
     * Alarms the broker took, to be sent again at {@code resendAt} unless the park confirms them;
     * {@code asked}: the park asked for them, so the copy then sent waits the first wait again.
     */
    private record AcceptedAlarms(long resendAt, List<Long> seqs, boolean asked) {
    }

    private final DrainSettings drain;
    private final long ackTimeout;
    private final long resendAfter;
    private final long alarmResendFirst;
    private final long idlePoll;
    private final long refusalPause;
    private final TokenBucket bucket;

    private boolean connected;
    private boolean stopping;
    private final ArrayDeque<UplinkEvent> buffer = new ArrayDeque<>();
    private final LinkedHashMap<Long, Batch> inflight = new LinkedHashMap<>();
    private final Set<Long> inflightSeqs = new HashSet<>();
    private final Set<Long> unconfirmed = new HashSet<>();
    private final ArrayDeque<Accepted> acceptedOrder = new ArrayDeque<>();
    /** Few (the alarm batches of the last minute at most), each with its own time: scanned, not sorted. */
    private final List<AcceptedAlarms> acceptedAlarms = new ArrayList<>();
    /** How long each unconfirmed alarm waits before it is sent again next time. */
    private final Map<Long, Long> alarmWaits = new HashMap<>();
    /** Alarm batches in flight when the park asked for its alarms: sent again once the broker takes them. */
    private final Set<Long> askedInFlight = new HashSet<>();
    private final Set<Long> confirmed = new HashSet<>();
    /** In flight and already confirmed: the park's receipt can overtake the broker's PUBACK. */
    private final Set<Long> confirmedInFlight = new HashSet<>();
    private final List<Long> recordQueue = new ArrayList<>();
    private final Set<Long> recordedDuringRead = new HashSet<>();
    private boolean reading;
    private boolean recording;
    private boolean fetchWanted = true;
    private boolean lastFetchFull;
    private long readRetryAt;
    private long recordRetryAt;
    private long nextIdleFetchAt;
    private long publishHoldUntil;
    private long rateWaitUntil;
    private long floor;
    private long maxSeqSeen;
    private long parkUpTo;
    private long batchIds;
    private long published;
    private long brokerAccepted;
    private long delivered;
    private long refusedEvents;
    private long resent;
    private long lastReceiptAt = -1;
    private long unconfirmedSince = -1;
    private boolean refusing;

    /**
     * @param ackTimeout   a batch without PUBACK for this long means a stuck link ({@link #stuck})
     * @param resendAfter  an event the broker took and the park did not confirm within this is sent again
     * @param alarmResendFirst an alarm's first wait for the park's receipt before it is sent again (at most resendAfter)
     * @param idlePoll     how often an idle drain looks at the outbox, and how soon a failed call is retried
     * @param refusalPause how long publishing waits after the broker refused a batch
     */
    DrainBook(DrainSettings drain, long ackTimeout, long resendAfter, long alarmResendFirst, long idlePoll, long refusalPause,
              long now) {
        this.drain = drain;
        this.ackTimeout = ackTimeout;
        this.resendAfter = resendAfter;
        this.alarmResendFirst = Math.min(alarmResendFirst, resendAfter);
        this.idlePoll = idlePoll;
        this.refusalPause = refusalPause;
        this.bucket = TokenBucket.perSecond(drain.maxEventsPerSecond(), now);
    }

    // ------------------------------------------------------------------ what happened

    void connected(long now) {
        connected = true;
        buffer.clear();
        fetchWanted = true;
        nextIdleFetchAt = now;
        publishHoldUntil = 0;
    }

    /** The connection is gone: what was in flight is read again after the next connect. */
    void disconnected() {
        connected = false;
        inflight.clear();
        inflightSeqs.clear();
        confirmedInFlight.clear();
        askedInFlight.clear();
        buffer.clear();
        fetchWanted = true;
    }

    /** No more reads or publishes; what was confirmed is still recorded. */
    void stop() {
        stopping = true;
        buffer.clear();
    }

    /** New events of this priority ordinal (0 most urgent) are in the outbox. */
    void woken(int priority) {
        fetchWanted = true;
        if (!buffer.isEmpty() && buffer.peekLast().priority().ordinal() > priority) {
            buffer.clear(); // the new events sort before some queued ones: read the outbox again
        }
    }

    void fetched(List<UplinkEvent> events, int limit, long now) {
        reading = false;
        nextIdleFetchAt = now + idlePoll;
        boolean complete = events.size() < limit;
        lastFetchFull = !complete;
        buffer.clear();
        long min = Long.MAX_VALUE;
        for (UplinkEvent e : events) {
            if (e == null || e.seq() < 1) {
                continue;
            }
            long seq = e.seq();
            min = Math.min(min, seq);
            maxSeqSeen = Math.max(maxSeqSeen, seq);
            if (seq <= parkUpTo) {
                if (!recordedDuringRead.contains(seq) && confirmed.add(seq)) {
                    recordQueue.add(seq); // the park said so before this read: record it, do not send it
                }
            } else if (!inflightSeqs.contains(seq) && !unconfirmed.contains(seq) && !confirmed.contains(seq)
                    && !recordedDuringRead.contains(seq)) {
                buffer.add(e);
            }
        }
        recordedDuringRead.clear();
        if (complete && maxSeqSeen > 0) {
            floor = Math.max(floor, min != Long.MAX_VALUE ? min : maxSeqSeen + 1);
        }
    }

    void fetchFailed(long now) {
        reading = false;
        recordedDuringRead.clear();
        readRetryAt = now + idlePoll;
        nextIdleFetchAt = now + idlePoll;
        fetchWanted = true;
    }

    /** The broker took the batch (PUBACK below 0x80); it waits for the park's receipt now. */
    void published(long batchId, long now) {
        Batch batch = inflight.remove(batchId);
        if (batch == null) {
            return; // a batch of a connection already given up: read again from the outbox anyway
        }
        inflightSeqs.removeAll(batch.seqs());
        brokerAccepted += batch.seqs().size();
        refusing = false;
        List<Long> waiting = new ArrayList<>(batch.seqs().size());
        for (Long seq : batch.seqs()) {
            if (!confirmedInFlight.remove(seq) && !confirmed.contains(seq) && unconfirmed.add(seq)) {
                waiting.add(seq);
            }
        }
        if (!waiting.isEmpty()) {
            if (batch.alarms() && askedInFlight.remove(batchId)) {
                acceptedAlarms.add(new AcceptedAlarms(now, waiting, true)); // sent before the park listened
            } else if (batch.alarms()) {
                long wait = alarmResendFirst;
                for (Long seq : waiting) {
                    wait = Math.max(wait, alarmWaits.getOrDefault(seq, alarmResendFirst));
                }
                acceptedAlarms.add(new AcceptedAlarms(now + wait, waiting, false));
            } else {
                acceptedOrder.add(new Accepted(now, waiting));
            }
            if (unconfirmedSince < 0) {
                unconfirmedSince = now;
            }
        }
    }

    /** The broker refused the batch, or the publish failed while still connected: read again, after a pause. */
    void refused(long batchId, long now) {
        Batch batch = inflight.remove(batchId);
        if (batch == null) {
            return;
        }
        inflightSeqs.removeAll(batch.seqs());
        confirmedInFlight.removeAll(batch.seqs());
        askedInFlight.remove(batchId);
        refusedEvents += batch.seqs().size();
        refusing = true;
        buffer.clear();
        fetchWanted = true;
        publishHoldUntil = now + refusalPause;
    }

    /** A receipt from the park (its signature already checked). */
    void receipt(DeliveryReceipt receipt, long now) {
        if (receipt.upTo() > parkUpTo) {
            confirmSpan(parkUpTo + 1, receipt.upTo());
            parkUpTo = receipt.upTo();
        }
        for (DeliveryReceipt.Range r : receipt.ranges()) {
            confirmSpan(r.from(), r.to());
        }
        if (receipt.upTo() > 0 || !receipt.ranges().isEmpty()) {
            // the park answers: whatever still waits, waits since now (a request for alarms alone confirms
            // nothing, and must not hide a park that stores nothing, asking as gateways come and go)
            lastReceiptAt = now;
            unconfirmedSince = unconfirmed.isEmpty() ? -1 : now;
        }
        if (receipt.asksForAlarms()) {
            alarmsAskedFor(now);
        }
    }

    /**
     * The park has just begun to listen (its live subscription heard our birth): every alarm it has not
     * confirmed falls due now, those the broker has yet to take as soon as it takes them. Their
     * first copies may be queued for the park behind a backlog; one sent now reaches it at once.
     */
    private void alarmsAskedFor(long now) {
        for (Batch b : inflight.values()) {
            if (b.alarms()) {
                askedInFlight.add(b.id());
            }
        }
        acceptedAlarms.replaceAll(a -> new AcceptedAlarms(now, a.seqs(), true));
    }

    /** The outbox recorded these as delivered. */
    void recorded(List<Long> seqs) {
        recording = false;
        if (reading) {
            recordedDuringRead.addAll(seqs); // the read under way may still return them as undelivered
        }
        for (Long seq : seqs) {
            alarmWaits.remove(seq);
            if (confirmed.remove(seq)) {
                delivered++;
            }
        }
    }

    void recordFailed(List<Long> seqs, long now) {
        recording = false;
        recordQueue.addAll(0, seqs);
        recordRetryAt = now + idlePoll;
    }

    // ------------------------------------------------------------------ what to do

    /** What to do now; carry each step out and report back. */
    List<Step> next(long now) {
        List<Step> steps = new ArrayList<>(2);
        resendOverdue(now);
        if (connected && !stopping && !reading && now >= readRetryAt && buffer.size() < drain.fetchSize() / 2
                && (fetchWanted || lastFetchFull || now >= nextIdleFetchAt)) {
            int limit = inflightSeqs.size() + unconfirmed.size() + confirmed.size() + drain.fetchSize();
            reading = true;
            fetchWanted = false;
            steps.add(new Fetch(limit));
        }
        if (!recording && now >= recordRetryAt && !recordQueue.isEmpty()) {
            recording = true; // while one is written the next group gathers: one outbox transaction per group
            steps.add(new Record(List.copyOf(recordQueue)));
            recordQueue.clear();
        }
        rateWaitUntil = 0;
        while (connected && !stopping && now >= publishHoldUntil && inflight.size() < drain.maxInflight()
                && inflightSeqs.size() + unconfirmed.size() < drain.maxUnconfirmed()) {
            Publish p = nextBatch(now);
            if (p == null) {
                break;
            }
            steps.add(p);
        }
        return steps;
    }

    /** When {@link #next} may have something new to do without being told anything. */
    long wakeAt(long now) {
        long at = now + 1_000_000_000L;
        if (connected) {
            if (rateWaitUntil > 0) {
                at = Math.min(at, rateWaitUntil);
            }
            if (publishHoldUntil > now) {
                at = Math.min(at, publishHoldUntil);
            }
            if (!reading) {
                at = Math.min(at, Math.max(nextIdleFetchAt, readRetryAt));
            }
            if (!inflight.isEmpty()) {
                at = Math.min(at, inflight.values().iterator().next().sentAt() + ackTimeout);
            }
        }
        if (!acceptedOrder.isEmpty()) {
            at = Math.min(at, acceptedOrder.peekFirst().at() + resendAfter);
        }
        for (AcceptedAlarms a : acceptedAlarms) {
            at = Math.min(at, a.resendAt());
        }
        if (!recording && !recordQueue.isEmpty()) {
            at = Math.min(at, recordRetryAt);
        }
        return Math.max(now, at);
    }

    /** A batch has waited longer than the ack timeout for its PUBACK: the link is stuck. */
    boolean stuck(long now) {
        return connected && !inflight.isEmpty() && now - inflight.values().iterator().next().sentAt() > ackTimeout;
    }

    /** Nothing in flight and nothing confirmed left to record: a clean stop loses nothing of this run. */
    boolean settled() {
        return inflight.isEmpty() && recordQueue.isEmpty() && !recording;
    }

    /** How long the broker has held events the park has not confirmed, with no receipt since; 0 if none. */
    long parkSilentFor(long now) {
        return unconfirmedSince < 0 ? 0 : now - unconfirmedSince;
    }

    Figures figures() {
        return new Figures(inflightSeqs.size(), unconfirmed.size(), published, brokerAccepted, delivered,
                refusedEvents, resent, floor, parkUpTo, lastReceiptAt, unconfirmedSince, refusing);
    }

    // ------------------------------------------------------------------ inside

    private Publish nextBatch(long now) {
        while (!buffer.isEmpty() && (buffer.peekFirst().seq() <= parkUpTo || confirmed.contains(buffer.peekFirst().seq()))) {
            buffer.pollFirst(); // confirmed meanwhile (a receipt for a copy sent earlier)
        }
        int window = drain.maxUnconfirmed() - inflightSeqs.size() - unconfirmed.size();
        int n = Math.min(Math.min(BatchPlanner.nextBatch(buffer, drain.maxBatchEvents(), drain.maxBatchBytes()),
                bucket.capacity()), window);
        if (n == 0) {
            return null;
        }
        if (bucket.available(now) < n) {
            rateWaitUntil = now + bucket.nanosUntil(n, now);
            return null;
        }
        List<UplinkEvent> events = new ArrayList<>(n);
        List<Long> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UplinkEvent e = buffer.pollFirst();
            events.add(e);
            seqs.add(e.seq());
        }
        bucket.take(n, now);
        Batch batch = new Batch(++batchIds, seqs, now, events.get(0).priority() == Priority.ALARM);
        inflight.put(batch.id(), batch);
        inflightSeqs.addAll(seqs);
        published += n;
        return new Publish(batch.id(), events);
    }

    /** Events the broker took long ago and the park never confirmed go back to be read and sent again. */
    private void resendOverdue(long now) {
        boolean any = false;
        while (!acceptedOrder.isEmpty() && acceptedOrder.peekFirst().at() + resendAfter <= now) {
            for (Long seq : acceptedOrder.pollFirst().seqs()) {
                if (unconfirmed.remove(seq)) {
                    resent++;
                    any = true;
                }
            }
        }
        for (Iterator<AcceptedAlarms> it = acceptedAlarms.iterator(); it.hasNext(); ) {
            AcceptedAlarms a = it.next();
            if (a.resendAt() > now) {
                continue;
            }
            it.remove();
            for (Long seq : a.seqs()) {
                if (unconfirmed.remove(seq)) {
                    if (a.asked()) {
                        alarmWaits.put(seq, alarmResendFirst); // the park listens now: no reason to wait longer
                    } else {
                        alarmWaits.merge(seq, Math.min(2 * alarmResendFirst, resendAfter), (was, first) -> Math.min(2 * was, resendAfter));
                    }
                    resent++;
                    any = true;
                }
            }
        }
        if (any) {
            buffer.clear(); // they sort before what is buffered: read the outbox again
            fetchWanted = true;
        }
    }

    private void confirmSpan(long from, long to) {
        if (to - from < unconfirmed.size() + inflightSeqs.size()) {
            for (long s = from; s <= to; s++) {
                confirm(s);
            }
            return;
        }
        for (Long s : List.copyOf(unconfirmed)) {
            if (s >= from && s <= to) {
                confirm(s);
            }
        }
        for (Long s : List.copyOf(inflightSeqs)) {
            if (s >= from && s <= to) {
                confirm(s);
            }
        }
    }

    /** The park has {@code seq}: record it with the outbox, never send it again. */
    private void confirm(long seq) {
        boolean inFlight = inflightSeqs.contains(seq);
        if (inFlight) {
            confirmedInFlight.add(seq);
        }
        boolean held = unconfirmed.remove(seq) | inFlight;
        alarmWaits.remove(seq);
        if (held && confirmed.add(seq)) {
            recordQueue.add(seq);
        }
    }

    /** For tests of the invariants: every seq this book holds, wherever it is. */
    Set<Long> held() {
        Set<Long> all = new HashSet<>(unconfirmed);
        all.addAll(inflightSeqs);
        for (Iterator<UplinkEvent> it = buffer.iterator(); it.hasNext(); ) {
            all.add(it.next().seq());
        }
        return all;
    }
}
