package org.anju.bridge.park.ingest;

import java.lang.System.Logger.Level;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.live.LiveFeed;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.StateChange;
import org.anju.bridge.park.store.UrgentFirst;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * What the gateways publish, into the store: event and telemetry batches (each event once),
 * births and deaths, command replies. Nothing is stored or shown before its signature checks
 * against the key of the gateway whose topic it came on; then the store bounds what it believes
 * ({@link Believed}). A message that is not the contract's (unsigned, signed by another key,
 * malformed, oversized, another park's, a topic that does not match its content) is counted by
 * kind, logged the first time, and dropped; it never stops ingest. A batch is confirmed to its
 * gateway with a receipt once the store committed it, and the MQTT message is acknowledged then.
 *
 * <p>Signatures are checked off the MQTT client's thread, on a pool of one thread per core for
 * the bulk of batches and one of its own for the live connection (alarms, access, presence, replies), each
 * bounded by what its connection may hold. Verified batches go to the store by lane
 * ({@link StoreQueue}): alarms, then access and state, then telemetry. The live feed is told every
 * alarm, door, command outcome and gateway state (few, and a console of another instance may be
 * listening: the feed fans them out), and readings only while a console listens somewhere.
 */
public final class Ingest implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Ingest.class.getName());
    /** Larger payloads are dropped unread; the uplink's batches stay well below. */
    public static final int MAX_PAYLOAD = 2 * 1024 * 1024;

    private final String park;
    private final IngestStore store;
    private final LiveFeed live;
    private final Consumer<GatewayState.Birth> onBirth;
    private final GatewayKeys keys;
    private final Believed believed;
    private final Receipts receipts;
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong flagged = new AtomicLong();
    private final StoreQueue queue;
    private final ThreadPoolExecutor verifyBulk;
    /** The live connection's checks: one thread, a fire alarm's ahead of births and door batches. */
    private final UrgentFirst verifyLive;
    /** Batches on their way in by the live connection, taken from it already (see {@link #onLiveEvents}). */
    private final Semaphore liveWay;
    /**
     * The alarms' own places on that way: door batches filling the shared places (a drain's doors of
     * the last seconds, each held until stored) must not send a fire alarm to the bulk subscription,
     * behind a backlog (the park-scale bench: alarms 14 to 19 s late while door batches held every place).
     */
    private final Semaphore alarmWay;
    private final Semaphore statesWay = new Semaphore(STATES_ON_THEIR_WAY);
    private final AtomicLong liveWayFull = new AtomicLong();
    /**
     * Count, confirm and tell the consoles what the store committed, each on one thread in the
     * order the store committed it (a console must never be told an alarm's raising after its
     * clearing): alarms on their own, the rest on the other.
     */
    private final ThreadPoolExecutor afterStore;
    private final ThreadPoolExecutor afterAlarms;

    /** How many batches and events one store transaction takes at most. */
    static final int GROUP_BATCHES = 64;
    static final int GROUP_EVENTS = 8_000;

    /**
     * @param bound how many messages each pool may have waiting: what each connection may hold
     *              unacknowledged (beyond it, the MQTT client's thread checks the message itself)
     */
    public Ingest(String park, IngestStore store, LiveFeed live, Consumer<GatewayState.Birth> onBirth, GatewayKeys keys,
                  Believed believed, Receipts receipts, int bound) {
        this.park = park;
        this.store = store;
        this.live = live;
        this.onBirth = onBirth;
        this.keys = keys;
        this.believed = believed;
        this.receipts = receipts;
        this.verifyBulk = pool("park-verify", Math.max(1, Runtime.getRuntime().availableProcessors()), bound);
        this.verifyLive = new UrgentFirst("park-verify-live");
        this.liveWay = new Semaphore(Math.max(1, bound / 2));
        this.alarmWay = new Semaphore(Math.max(1, bound / 2));
        this.afterStore = inOrder("park-stored");
        this.afterAlarms = inOrder("park-stored-alarms");
        this.queue = new StoreQueue(store, lane -> lane == StoreQueue.Lane.ALARM ? afterAlarms : afterStore, believed,
                GROUP_BATCHES, GROUP_EVENTS);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int bound) {
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, bound)),
                DaemonThreads.numbered(name), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** One thread taking tasks in order; what it holds is bounded by what the connections hold unacknowledged. */
    private static ThreadPoolExecutor inOrder(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named(name));
    }

    /** A batch from the events topic's shared subscription (alarms, access, state). */
    public CompletableFuture<?> onEvents(String topic, byte[] payload) {
        return onBatch(StoreQueue.Lane.EVENTS, topic, payload, verifyBulk);
    }

    /** A batch from the telemetry topic's shared subscription. */
    public CompletableFuture<?> onTelemetry(String topic, byte[] payload) {
        return onBatch(StoreQueue.Lane.TELEMETRY, topic, payload, verifyBulk);
    }

    /**
     * A batch on the live connection's own subscription to the events topic: an alarm or access
     * batch is stored and shown at once, ahead of any backlog (alarms in a lane of their own,
     * access ahead of telemetry; its copy through the shared subscription is then a duplicate,
     * confirmed again); anything else, and a gateway's backlog of door events ({@link #backlog}),
     * is left to the shared subscription.
     */
    public CompletableFuture<?> onLiveEvents(String topic, byte[] payload) {
        Priority claimed = claimedUrgent(payload);
        if (claimed == null) {
            return done();
        }
        // taken at once, not when stored: the shared subscription delivers the same batch and stores it
        // surely, so this way in need not hold the live connection's few places, behind which an alarm
        // would wait unread (a drain's backlog of door batches filled them for seconds); when more than
        // its bound are on their way here, the batch is left to the shared subscription
        Semaphore way = claimed == Priority.ALARM ? alarmWay : liveWay;
        if (!way.tryAcquire()) {
            liveWayFull.incrementAndGet();
            return done();
        }
        onBatch(claimed == Priority.ALARM ? StoreQueue.Lane.ALARM : StoreQueue.Lane.EVENTS, claimed, topic, payload,
                claimed == Priority.ALARM ? verifyLive.urgent() : verifyLive.inOrder()).whenComplete((r, e) -> way.release());
        return done();
    }

    /** Batches left to the shared subscription because the live way in was full, for /health. */
    public long liveWayFull() {
        return liveWayFull.get();
    }

    /**
     * ALARM or ACCESS when a batch's text says it holds them, before any of it is checked (a batch
     * is of one priority; what it says is checked once it is decoded); else null.
     */
    static Priority claimedUrgent(byte[] payload) {
        return contains(payload, ALARM_PRIORITY) ? Priority.ALARM : contains(payload, ACCESS_PRIORITY) ? Priority.ACCESS : null;
    }

    private static boolean contains(byte[] payload, byte[] needle) {
        outer:
        for (int i = 0; i <= payload.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (payload[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static final byte[] ALARM_PRIORITY = "\"priority\":\"ALARM\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ACCESS_PRIORITY = "\"priority\":\"ACCESS\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Checks, decodes and reads what the batch changes on {@code pool}; stores it in its lane;
     * then, off the store's thread but in its order, counts, confirms it and tells the consoles.
     */
    private CompletableFuture<?> onBatch(StoreQueue.Lane lane, String topic, byte[] payload, ThreadPoolExecutor pool) {
        return onBatch(lane, null, topic, payload, pool);
    }

    /** {@code only}: the priority the batch must have to be stored here (the live connection's claim), or null for any. */
    private CompletableFuture<?> onBatch(StoreQueue.Lane lane, Priority only, String topic, byte[] payload,
                                         Executor pool) {
        return CompletableFuture.supplyAsync(() -> {
            EventBatch.Read read = batch(topic, payload);
            if (read == null || only != null && (read.batch().priority() != only || only == Priority.ACCESS && backlog(read.batch()))) {
                return null;
            }
            return IngestStore.prepare(read);
        }, pool).thenCompose(prepared -> prepared == null ? done()
                : queue.submit(lane, prepared, result -> stored(prepared, result)));
    }

    /**
     * Door events a gateway recorded well before it sent them: its backlog after an outage. The live
     * connection leaves them to the shared subscription (they are stored as surely, at the store's
     * pace), so in a park's drain its few places hold what is happening now (a fire alarm) and not
     * the morning's door opens waiting for the store. Both times are the gateway's clock.
     */
    static boolean backlog(EventBatch batch) {
        long newest = batch.events().stream().mapToLong(EventBatch.Event::ts).max().orElse(batch.sentAt());
        return batch.sentAt() - newest > BACKLOG_MILLIS;
    }

    /** How old a door event may be when sent and still go the live way. */
    static final long BACKLOG_MILLIS = 30_000;

    /**
     * The batch, with its payloads' fields, if it is signed by its topic's gateway and is this
     * park's, else null after counting why.
     */
    private EventBatch.Read batch(String topic, byte[] payload) {
        Optional<byte[]> json = signed(topic, payload);
        if (json.isEmpty()) {
            return null;
        }
        Decoded<EventBatch.Read> decoded = EventBatch.read(json.get());
        if (!(decoded instanceof Decoded.Ok<EventBatch.Read> ok)) {
            drop("malformed-batch", topic + ": " + ((Decoded.Invalid<EventBatch.Read>) decoded).reason());
            return null;
        }
        EventBatch batch = ok.value().batch();
        if (!batch.park().equals(park) || !batch.gateway().equals(gatewayOf(topic))) {
            drop("misaddressed-batch", topic);
            return null;
        }
        return ok.value();
    }

    private void stored(IngestStore.Prepared prepared, IngestStore.Stored result) {
        EventBatch batch = prepared.batch();
        stored.addAndGet(result.fresh().size());
        duplicates.addAndGet(result.duplicates());
        held.addAndGet(result.held());
        flagged.addAndGet(result.flagged());
        if (batch.events().get(0).priority() == Priority.ALARM) {
            receipts.sendNow(batch.gateway(), result.confirmedTo(), result.have());
        } else {
            receipts.send(batch.gateway(), result.confirmedTo(), result.have());
        }
        announce(prepared, result.fresh());
    }

    /**
     * Each of the store's writers: the group it writes (events, and how long so far) and the batches
     * waiting for it, as {@code {writer, groupEvents, writingMillis, waitingBatches}}.
     */
    public List<Map<String, Object>> storeWriters() {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (StoreQueue.WriterState w : queue.writers()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("writer", w.writer());
            one.put("groupEvents", w.groupEvents());
            one.put("writingMillis", w.writingMillis());
            one.put("waitingBatches", w.waitingBatches());
            out.add(one);
        }
        return out;
    }

    /** Batches waiting for the store, by lane: alarms, events, telemetry. */
    public Map<String, Integer> waiting() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (StoreQueue.Lane lane : StoreQueue.Lane.values()) {
            out.put(lane.name().toLowerCase(Locale.ROOT), queue.waiting(lane));
        }
        return out;
    }

    /**
     * A gateway's birth or death. Retained at the broker, so one not yet written when the bridge
     * stops is sent again on the next connection: it is taken from the live connection at once
     * (its place freed for an alarm behind it: 500 births waiting for their writes held every
     * place for seconds in a PostgreSQL drain) and written in order; beyond {@link #STATES_ON_THEIR_WAY}
     * waiting, a state holds its place until written, as other messages do.
     */
    public CompletableFuture<?> onState(String topic, byte[] payload) {
        if (!statesWay.tryAcquire()) {
            return state(topic, payload, verifyLive.inOrder());
        }
        state(topic, payload, verifyLive.inOrder()).whenComplete((r, e) -> statesWay.release());
        return done();
    }

    /**
     * Compiles the births' checking ({@link BirthCheckWarmUp}) on a thread of its own, beside the
     * rest of a bridge's start; the live subscription starts once it is done. One check for each of
     * the park's {@code buildings} (each gateway's retained birth is about to arrive), at most
     * {@link BirthCheckWarmUp#ROUNDS}, so a small park spends nothing it would not spend on its births
     * anyway: a fraction of a second of one core at most, once per start. Never completes exceptionally.
     */
    public static CompletableFuture<Void> warmUp(String park, int buildings) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        DaemonThreads.named("park-warm-up").newThread(() -> {
            try {
                BirthCheckWarmUp.run(park, Math.min(buildings, BirthCheckWarmUp.ROUNDS));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "park {0}: the births'' check was not warmed up: {1}", park, e.toString());
            } finally {
                done.complete(null);
            }
        }).start();
        return done;
    }

    /** States taken from the live connection and not yet written, at most. */
    static final int STATES_ON_THEIR_WAY = 4_096;

    private CompletableFuture<?> state(String topic, byte[] payload, Executor pool) {
        return CompletableFuture.supplyAsync(() -> state(topic, payload), pool).thenCompose(state -> state == null
                ? done() : store.presence(askForAlarms(state), believed).thenAccept(presence -> {
                    if (presence == IngestStore.Presence.SESSION_JUMP) {
                        drop("session-jump", state.gateway() + " session " + state.session());
                        return;
                    }
                    if (presence != IngestStore.Presence.COUNTED) {
                        return; // a stale death, or a birth older than what we know
                    }
                    live.publish("gateway", new JsonObject().put("gateway", state.gateway())
                            .put("online", state instanceof GatewayState.Birth));
                    if (state instanceof GatewayState.Birth birth) {
                        onBirth.accept(birth);
                    }
                }));
    }

    /**
     * A gateway's birth reaches the live subscription as it starts (births are retained) or as the
     * gateway connects: from now on an alarm it sends again is heard at once, so it is asked for
     * them rather than left to its next resend, up to a minute away after a long absence. Asked once
     * the birth's signature is checked, as for anything the park acts on (asking before the check,
     * as each birth arrives, was tried: no sooner in the park bench, 500 asks signed at once).
     */
    private GatewayState askForAlarms(GatewayState state) {
        if (state instanceof GatewayState.Birth) {
            receipts.askForAlarms(state.gateway());
        }
        return state;
    }

    private GatewayState state(String topic, byte[] payload) {
        if (payload.length == 0) {
            return null; // a cleared retained state
        }
        Optional<byte[]> json = signed(topic, payload);
        if (json.isEmpty()) {
            return null;
        }
        Decoded<GatewayState> decoded = ContractJson.decode(json.get(), GatewayState.class);
        if (!(decoded instanceof Decoded.Ok<GatewayState> ok)) {
            drop("malformed-state", topic + ": " + ((Decoded.Invalid<GatewayState>) decoded).reason());
            return null;
        }
        GatewayState state = ok.value();
        if (!state.park().equals(park) || !state.gateway().equals(gatewayOf(topic))) {
            drop("misaddressed-state", topic);
            return null;
        }
        return state;
    }

    /** A command reply, checked like everything else from a gateway before {@code to} sees it. */
    public CompletableFuture<?> onReply(String topic, byte[] payload, Consumer<CommandReply> to) {
        return CompletableFuture.runAsync(() -> {
            Optional<byte[]> json = signed(topic, payload);
            if (json.isEmpty()) {
                return;
            }
            Decoded<CommandReply> decoded = ContractJson.decode(json.get(), CommandReply.class);
            if (!(decoded instanceof Decoded.Ok<CommandReply> ok)) {
                drop("malformed-reply", topic + ": " + ((Decoded.Invalid<CommandReply>) decoded).reason());
                return;
            }
            if (!ok.value().park().equals(park) || !ok.value().gateway().equals(gatewayOf(topic))) {
                drop("misaddressed-reply", topic);
                return;
            }
            to.accept(ok.value());
        }, verifyLive.inOrder());
    }

    /** The JSON the topic's gateway signed, or empty after counting why not. */
    private Optional<byte[]> signed(String topic, byte[] payload) {
        Topics.Address address = Topics.parse(topic).orElse(null);
        if (address == null || !address.park().equals(park)) {
            drop("foreign-topic", topic);
            return Optional.empty();
        }
        if (payload.length > MAX_PAYLOAD) {
            drop("oversized", topic);
            return Optional.empty();
        }
        PublicKey key = keys.of(address.gateway()).orElse(null);
        if (key == null) {
            drop("unknown-gateway", address.gateway() + ": no key file named for it in park.yaml, or not readable yet");
            return Optional.empty();
        }
        SignedJson.Opened opened = SignedJson.open(SignedJson.GATEWAY, payload, key);
        if (opened instanceof SignedJson.Opened.Invalid invalid) {
            drop(invalid.reason(), topic);
            return Optional.empty();
        }
        return Optional.of(((SignedJson.Opened.Valid) opened).json());
    }

    private static String gatewayOf(String topic) {
        return Topics.parse(topic).map(Topics.Address::gateway).orElse("");
    }

    /**
     * What a console shows of a batch's new events: alarms each, doors each unless the gateway sent
     * them long after they happened (a backlog after an outage: history for the API, not news for
     * the live stream, where tens of thousands of them would queue ahead of the next alarm), a port only its latest
     * reading of the batch while someone listens, thinned again to one a second per port
     * ({@link LiveFeed#publishReading}).
     * Only what is sent is read into JSON: a reading's port is known from what the store read of it.
     */
    private void announce(IngestStore.Prepared prepared, List<EventBatch.Event> fresh) {
        String gateway = prepared.batch().gateway();
        Map<Long, StateChange> changes = new HashMap<>();
        List<EventBatch.Event> events = prepared.batch().events();
        for (int i = 0; i < events.size(); i++) {
            if (prepared.changes().get(i) instanceof StateChange.Reading r) {
                changes.put(events.get(i).seq(), r);
            }
        }
        Map<String, EventBatch.Event> ports = new LinkedHashMap<>();
        for (EventBatch.Event e : fresh) {
            boolean alarm = e.type().startsWith("alarm.") || e.type().equals("fire.alarm");
            boolean command = e.type().equals(org.anju.bridge.contract.CommandCompletion.TYPE)
                    || e.type().equals("charging.cut_completed");
            if (e.type().equals("occupancy.roll") || e.type().equals("lift.fire_release") || e.type().equals("gate.passage")) {
                // the console asks again: names and the fire rule are applied by the API, not sent in the stream
                live.publish("occupancy", new JsonObject().put("gateway", gateway).put("type", e.type()));
            }
            if (changes.get(e.seq()) instanceof StateChange.Reading r) {
                ports.remove(r.pile() + "/" + r.port()); // the latest goes last, in the batch's order
                ports.put(r.pile() + "/" + r.port(), e);
            } else if (alarm || command || e.type().equals("port.status")
                    || e.type().startsWith("door.") && prepared.batch().sentAt() - e.ts() <= BACKLOG_MILLIS) {
                live.publish(alarm ? "alarm" : e.type().startsWith("door.") ? "door" : command ? "command" : "port",
                        shown(gateway, e));
            }
        }
        if (live.listening()) {
            ports.forEach((port, e) -> live.publishReading(gateway + "/" + port, e.seq(), () -> shownText(gateway, e)));
        }
    }

    private static JsonObject shown(String gateway, EventBatch.Event e) {
        return new JsonObject().put("gateway", gateway).put("seq", e.seq()).put("ts", e.ts()).put("type", e.type())
                .put("payload", new JsonObject(e.payload()));
    }

    /**
     * {@link #shown} as text, the event's payload copied as the gateway wrote it (a JSON object, the
     * contract checked) rather than read into a tree and written out again: a drain's readings are
     * thousands a second. A payload with a line break (JSON allows one between its tokens) would
     * break the stream's event into two, so it is written out again.
     */
    static String shownText(String gateway, EventBatch.Event e) {
        String payload = e.payload();
        if (payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0) {
            return shown(gateway, e).encode();
        }
        return "{\"gateway\":" + Json.encode(gateway) + ",\"seq\":" + e.seq() + ",\"ts\":" + e.ts() + ",\"type\":"
                + Json.encode(e.type()) + ",\"payload\":" + payload + "}";
    }

    private void drop(String kind, String detail) {
        dropped.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (logged.add(kind)) {
            LOG.log(Level.WARNING, "park {0}: dropped a {1} message ({2}); further ones are only counted", park, kind, detail);
        }
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /** Dropped messages by kind, for /health and tests. */
    public Map<String, Long> dropped() {
        Map<String, Long> out = new TreeMap<>();
        dropped.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long storedEvents() {
        return stored.get();
    }

    public long duplicateEvents() {
        return duplicates.get();
    }

    /** Events held for review (seq far beyond the gateway's confirmed range). */
    public long heldEvents() {
        return held.get();
    }

    /** Events stored but kept from last-known state (stamped in the future). */
    public long flaggedEvents() {
        return flagged.get();
    }

    @Override
    public void close() {
        verifyBulk.shutdownNow();
        verifyLive.close();
        afterStore.shutdownNow();
        afterAlarms.shutdownNow();
    }

    /**
     * A gateway's status (the fleet view, CONTRACT.md 4.1), checked like everything else from a
     * gateway before {@code to} sees it; a cleared retained status (empty) is nothing.
     */
    public CompletableFuture<?> onStatus(String topic, byte[] payload, Consumer<org.anju.bridge.contract.GatewayStatus> to) {
        return CompletableFuture.runAsync(() -> {
            if (payload.length == 0) {
                return;
            }
            Optional<byte[]> json = signed(topic, payload);
            if (json.isEmpty()) {
                return;
            }
            Decoded<org.anju.bridge.contract.GatewayStatus> decoded = ContractJson.decode(json.get(),
                    org.anju.bridge.contract.GatewayStatus.class);
            if (!(decoded instanceof Decoded.Ok<org.anju.bridge.contract.GatewayStatus> ok)) {
                drop("malformed-status", topic + ": " + ((Decoded.Invalid<org.anju.bridge.contract.GatewayStatus>) decoded).reason());
                return;
            }
            if (!ok.value().park().equals(park) || !ok.value().gateway().equals(gatewayOf(topic))) {
                drop("misaddressed-status", topic);
                return;
            }
            to.accept(ok.value());
        }, verifyLive.inOrder());
    }
}
