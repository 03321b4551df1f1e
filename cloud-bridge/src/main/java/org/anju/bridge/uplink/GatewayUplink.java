package org.anju.bridge.uplink;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.bridge.command.CommandChannel;
import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;

/**
 * The gateway end of the MQTT link: drains the durable outbox to the broker and delivers signed
 * commands to the agent.
 *
 * <h2>Drain</h2>
 * One thread ({@code anju-uplink}) owns all state; the MQTT client's callbacks and the outbox's
 * futures only post signals to it. It reads unacknowledged events from the {@link OutboxSource}
 * (alarms first, then access, state, telemetry; by sequence within each), publishes them as
 * {@link EventBatch}es at QoS 1 with at most {@link DrainSettings#maxInflight()} batches awaiting
 * PUBACK, and tells the outbox an event is sent only after the broker's PUBACK for its batch.
 * When the connection breaks, everything in flight is simply read again from the outbox after
 * the reconnect: at-least-once, and the park deduplicates by {@code seq}. Nothing is buffered
 * only in memory, so nothing is lost with the process. The drain is rate limited
 * ({@link DrainSettings#maxEventsPerSecond()}); a new alarm or access event jumps ahead of a
 * telemetry backlog as soon as the agent calls {@link #wake(Priority)}.
 *
 * <h2>Connection</h2>
 * Clean session, MQTT 3.1.1, Paho's own reconnect off: reconnects follow {@link Backoff} (full
 * jitter, the first connection included). Every attempt takes a new session number from the
 * {@link SessionSequence}; it is in the will (a retained {@code death}) and in the retained
 * {@code birth} published on connect. A stale death arriving after our birth is answered with a
 * new birth, so the retained state does not stay wrong.
 *
 * <h2>Callers</h2>
 * {@link #wake}, {@link #status} and starting never block. {@link #close()} waits up to the
 * configured close timeout for batches in flight, publishes a {@code SHUTDOWN} death and
 * disconnects; {@link #abort()} drops the connection the way a crash does (the broker publishes
 * the will) and stops without telling the outbox anything more.
 */
public final class GatewayUplink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GatewayUplink.class.getName());
    private static final long REBIRTH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int PAHO_HEADROOM = 32;

    /** Builds an uplink; {@code outbox} and {@code sessions} are required. */
    public static Builder builder(UplinkConfig config) {
        return new Builder(config);
    }

    public static final class Builder {
        private final UplinkConfig config;
        private OutboxSource outbox;
        private SessionSequence sessions;
        private LongSupplier rosterVersion = () -> 0;
        private CommandChannel commands;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Map<String, String> environment = System.getenv();

        private Builder(UplinkConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder outbox(OutboxSource outbox) {
            this.outbox = outbox;
            return this;
        }

        public Builder sessions(SessionSequence sessions) {
            this.sessions = sessions;
            return this;
        }

        /** The roster version the gateway holds, for the birth message; called on the uplink thread. */
        public Builder rosterVersion(LongSupplier rosterVersion) {
            this.rosterVersion = rosterVersion;
            return this;
        }

        /** Subscribe to this gateway's command topic and deliver through {@code channel}; without it, no commands. */
        public Builder commands(CommandChannel channel) {
            this.commands = channel;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** Where {@link CredentialSource.Environment} looks; the process environment unless replaced. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Starts the uplink thread and returns at once; the first connection attempt follows after a
         * random part of the first backoff window. A broker URI Paho cannot use is an
         * {@link IllegalArgumentException} here; everything else (no broker, bad credentials, broken
         * TLS files) is retried and shown in {@link GatewayUplink#status()}.
         */
        public GatewayUplink start() {
            Objects.requireNonNull(outbox, "an outbox source is required");
            Objects.requireNonNull(sessions, "a session sequence is required");
            if (config.brokerUri().startsWith("ssl://") && config.tls() == null) {
                throw new IllegalArgumentException("an ssl:// broker needs TLS settings (TlsSettings with a CA file, or null for the JVM's CA certificates)");
            }
            if (commands != null && !commands.topics().equals(config.topics())) {
                throw new IllegalArgumentException("the command channel is for " + commands.topics()
                        + ", the uplink for " + config.topics());
            }
            GatewayUplink uplink = new GatewayUplink(this);
            uplink.thread.start();
            return uplink;
        }
    }

    private sealed interface Signal {
    }

    private record ConnectResult(int generation, Throwable failure) implements Signal {
    }

    private record Lost(int generation, Throwable cause) implements Signal {
    }

    private record Published(int generation, Batch batch, Throwable failure) implements Signal {
    }

    private record Fetched(List<UplinkEvent> events, int limit, Throwable failure) implements Signal {
    }

    private record Acknowledged(List<Long> seqs, Throwable failure) implements Signal {
    }

    private record Woken() implements Signal {
    }

    private record StateSeen(GatewayState state, boolean retained) implements Signal {
    }

    private record Stop(boolean graceful, CompletableFuture<Void> done) implements Signal {
    }

    private record Batch(long id, List<Long> seqs, long sentAtNanos) {
    }

    private static final Woken WOKEN = new Woken();

    // configuration and collaborators
    private final UplinkConfig config;
    private final Topics topics;
    private final OutboxSource outbox;
    private final SessionSequence sessions;
    private final LongSupplier rosterVersion;
    private final CommandChannel commands;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, String> environment;
    /** A new one for every connection attempt (see {@link #startConnect}); read by the command thread for replies. */
    private volatile MqttAsyncClient client;
    private final Thread thread;

    // shared with other threads
    private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicInteger wakeMask = new AtomicInteger();
    private volatile int generation;
    private volatile boolean online;
    private volatile UplinkStatus status;

    // owned by the uplink thread
    private UplinkStatus.Link link = UplinkStatus.Link.WAITING;
    private int attempt;
    private long nextConnectAt;
    private long connectedAt;
    private long connectStartedAt;
    private long session;
    private long connects;
    private final ArrayDeque<UplinkEvent> buffer = new ArrayDeque<>();
    private final LinkedHashMap<Long, Batch> inflight = new LinkedHashMap<>();
    private final Set<Long> inflightSeqs = new HashSet<>();
    private final Set<Long> ackPending = new HashSet<>();
    private final List<Long> ackQueue = new ArrayList<>();
    private final TokenBucket bucket;
    private boolean reading;
    private boolean acknowledging;
    private final List<Long> acknowledgedDuringRead = new ArrayList<>();
    private long readRetryAt;
    private long ackRetryAt;
    private boolean fetchWanted = true;
    private boolean lastFetchFull;
    private long nextIdleFetchAt;
    private long rateWaitUntil;
    private long floor;
    private long maxSeqSeen;
    private long batchIds;
    private long published;
    private long acknowledged;
    private String lastProblem;
    private long lastRebirth = Long.MIN_VALUE / 2;
    private Stop stopping;
    private long stopDeadline;
    private boolean running = true;

    private GatewayUplink(Builder b) {
        this.config = b.config;
        this.topics = b.config.topics();
        this.outbox = b.outbox;
        this.sessions = b.sessions;
        this.rosterVersion = b.rosterVersion;
        this.commands = b.commands;
        this.clock = b.clock;
        this.random = b.random;
        this.environment = b.environment;
        this.bucket = new TokenBucket(config.drain().maxEventsPerSecond(), System::nanoTime);
        this.client = newClient(0); // fails here, at start, if Paho cannot use the broker URI
        if (commands != null) {
            commands.replyTo(this::sendReply);
        }
        this.thread = new Thread(this::run, "anju-uplink");
        this.thread.setDaemon(true);
        this.nextConnectAt = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(config.backoff().delayMillis(attempt++, random));
        this.status = snapshot();
    }

    /** New events are in the outbox; returns at once. Higher priorities than those queued go first. */
    public void wake(Priority priority) {
        int bit = 1 << priority.ordinal();
        if (wakeMask.getAndUpdate(m -> m | bit) == 0) {
            signals.offer(WOKEN);
        }
    }

    /** New events of any priority. */
    public void wake() {
        wake(Priority.ALARM);
    }

    public UplinkStatus status() {
        return status;
    }

    /** Sends what is in flight (up to the close timeout), publishes a SHUTDOWN death and disconnects. */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops the way a crash does: the connection is dropped without DISCONNECT (the broker publishes
     * the will), batches in flight are abandoned and acknowledgements not yet given to the outbox
     * are not given. The outbox still holds every unacknowledged event for the next start.
     */
    public void abort() {
        stop(false);
    }

    private void stop(boolean graceful) {
        if (!thread.isAlive()) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        signals.add(new Stop(graceful, done));
        long waitMillis = config.closeTimeout().toMillis() + 5_000;
        try {
            done.get(waitMillis, TimeUnit.MILLISECONDS);
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "uplink did not stop in time; interrupting it");
            thread.interrupt();
        }
    }

    // ---------------------------------------------------------------- the uplink thread

    private void run() {
        try {
            while (running) {
                Signal s = signals.poll(waitNanos(), TimeUnit.NANOSECONDS);
                try {
                    while (s != null && running) {
                        handle(s);
                        s = signals.poll();
                    }
                    if (running) {
                        step();
                    }
                } catch (RuntimeException bug) {
                    recover(bug);
                }
                status = snapshot();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceDown();
        } catch (Error e) {
            LOG.log(Level.ERROR, "uplink thread failed; the outbox keeps every unsent event", e);
            forceDown();
            throw e;
        } finally {
            online = false;
            link = UplinkStatus.Link.STOPPED;
            status = snapshot();
            for (Signal s : signals) {
                if (s instanceof Stop stop) {
                    stop.done().complete(null);
                }
            }
        }
    }

    private void handle(Signal s) {
        if (s instanceof Woken) {
            onWoken();
        } else if (s instanceof Published p) {
            onPublished(p);
        } else if (s instanceof Fetched f) {
            onFetched(f);
        } else if (s instanceof Acknowledged a) {
            onAcknowledged(a);
        } else if (s instanceof ConnectResult c) {
            onConnectResult(c);
        } else if (s instanceof Lost l) {
            onLost(l);
        } else if (s instanceof StateSeen seen) {
            onStateSeen(seen);
        } else if (s instanceof Stop stop) {
            onStop(stop);
        }
    }

    private void step() {
        long now = System.nanoTime();
        if (stopping != null) {
            if (readyToFinish(now)) {
                finish();
                return;
            }
        } else if (link == UplinkStatus.Link.WAITING && now >= nextConnectAt) {
            startConnect();
        }
        if (link == UplinkStatus.Link.CONNECTING
                && now - connectStartedAt > 2 * config.connectTimeout().toNanos()) {
            generation++;
            retire(client);
            client = null;
            retryConnect("no answer to CONNECT within " + config.connectTimeout().toSeconds() + " s");
        }
        if (link == UplinkStatus.Link.CONNECTED && !inflight.isEmpty()) {
            Batch oldest = inflight.values().iterator().next();
            if (now - oldest.sentAtNanos() > config.ackTimeout().toNanos()) {
                problem("no PUBACK for " + config.ackTimeout().toSeconds() + " s; dropping the connection");
                onLost(new Lost(generation, null));
                retire(client);
                client = null;
            }
        }
        if (!reading && now >= readRetryAt && link == UplinkStatus.Link.CONNECTED && stopping == null
                && buffer.size() < config.drain().fetchSize() / 2
                && (fetchWanted || lastFetchFull || now >= nextIdleFetchAt)) {
            startFetch();
        }
        if (!acknowledging && now >= ackRetryAt && !ackQueue.isEmpty()) {
            startAcknowledge(); // while one runs the next group gathers: one outbox transaction per group
        }
        rateWaitUntil = 0;
        while (link == UplinkStatus.Link.CONNECTED && stopping == null && !buffer.isEmpty()
                && inflight.size() < config.drain().maxInflight()) {
            if (!publishNext()) {
                break;
            }
        }
    }

    private long waitNanos() {
        long now = System.nanoTime();
        long wait = MAX_WAIT_NANOS;
        if (stopping != null) {
            wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20));
        }
        if (link == UplinkStatus.Link.WAITING) {
            wait = Math.min(wait, nextConnectAt - now);
        }
        if (link == UplinkStatus.Link.CONNECTED) {
            if (rateWaitUntil > 0) {
                wait = Math.min(wait, rateWaitUntil - now);
            }
            if (!reading) {
                wait = Math.min(wait, Math.max(nextIdleFetchAt, readRetryAt) - now);
            }
            if (!inflight.isEmpty()) {
                wait = Math.min(wait, inflight.values().iterator().next().sentAtNanos()
                        + config.ackTimeout().toNanos() - now);
            }
        }
        if (!acknowledging && !ackQueue.isEmpty()) {
            wait = Math.min(wait, ackRetryAt - now);
        }
        return Math.max(0, wait);
    }

    // ---------------------------------------------------------------- connection

    private void startConnect() {
        int gen = ++generation;
        link = UplinkStatus.Link.CONNECTING;
        connectStartedAt = System.nanoTime();
        // a fresh client per attempt: Paho 1.2.5 can hang forever reconnecting an instance whose
        // sender thread is still stopping (CommsSender.start waits for a thread it never started)
        MqttAsyncClient previous = client;
        client = newClient(gen);
        retire(previous);
        try {
            session = sessions.next();
        } catch (Exception e) {
            retryConnect("cannot take the next session number: " + e.getMessage());
            return;
        }
        MqttConnectOptions options;
        try {
            options = options(session);
        } catch (IllegalArgumentException e) {
            retryConnect(e.getMessage());
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    signals.add(new ConnectResult(gen, null));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    signals.add(new ConnectResult(gen, failure == null ? new MqttException(0) : failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            retryConnect("connect to " + config.brokerUri() + " failed: " + describe(e));
        }
    }

    private MqttConnectOptions options(long session) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        o.setConnectionTimeout((int) config.connectTimeout().toSeconds());
        o.setMaxInflight(config.drain().maxInflight() + PAHO_HEADROOM);
        o.setWill(topics.state(), ContractJson.encode(GatewayState.Death.of(topics, session, GatewayState.Cause.LOST)),
                1, true);
        if (config.tls() != null) {
            o.setSocketFactory(NoDelaySockets.tls(config.tls().socketFactory()));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        CredentialSource.Credentials credentials = config.credentials().resolve(environment);
        if (credentials != null) {
            o.setUserName(credentials.username());
            o.setPassword(credentials.password());
        }
        return o;
    }

    private void retryConnect(String why) {
        problem(why);
        link = UplinkStatus.Link.WAITING;
        // the first failure of a series is worth a warning; the rest of an outage is routine
        Level level = attempt <= 1 ? Level.WARNING : Level.INFO;
        long delay = config.backoff().delayMillis(attempt++, random);
        nextConnectAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        LOG.log(level, "uplink {0}: {1}; next attempt in {2} ms", topics.gateway(), why, delay);
    }

    private void onConnectResult(ConnectResult r) {
        if (r.generation() != generation || link != UplinkStatus.Link.CONNECTING) {
            return;
        }
        if (r.failure() != null) {
            retryConnect("connect to " + config.brokerUri() + " failed: " + describe(r.failure()));
            return;
        }
        link = UplinkStatus.Link.CONNECTED;
        online = true;
        connectedAt = System.nanoTime();
        connects++;
        lastProblem = null;
        buffer.clear();
        fetchWanted = true;
        nextIdleFetchAt = connectedAt;
        LOG.log(Level.INFO, "uplink {0}: connected to {1}, session {2}", topics.gateway(), config.brokerUri(), session);
        subscribe();
        publishBirth();
        if (stopping != null) {
            stopDeadline = Math.min(stopDeadline, System.nanoTime());
        }
    }

    private void subscribe() {
        List<String> filters = new ArrayList<>();
        filters.add(topics.state());
        if (commands != null) {
            filters.add(topics.commands());
        }
        int[] qos = new int[filters.size()];
        java.util.Arrays.fill(qos, 1);
        try {
            client.subscribe(filters.toArray(String[]::new), qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    for (int i = 0; granted != null && i < granted.length; i++) {
                        if (granted[i] == 0x80) {
                            LOG.log(Level.ERROR, "uplink {0}: the broker refused the subscription to {1}; check its ACL",
                                    topics.gateway(), i < filters.size() ? filters.get(i) : "a topic");
                        }
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.log(Level.WARNING, "uplink {0}: subscribe failed: {1}", topics.gateway(), describe(failure));
                }
            });
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "uplink {0}: subscribe failed: {1}", topics.gateway(), describe(e));
        }
    }

    private void publishBirth() {
        long roster;
        try {
            roster = Math.max(0, rosterVersion.getAsLong());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "roster version unavailable for the birth message; sending 0", e);
            roster = 0;
        }
        GatewayState.Birth birth = GatewayState.Birth.of(topics, session, clock.millis(), config.software(), roster);
        try {
            client.publish(topics.state(), ContractJson.encode(birth), 1, true);
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "uplink {0}: birth not published: {1}", topics.gateway(), describe(e));
        }
    }

    private void onLost(Lost l) {
        if (l.generation() != generation || link != UplinkStatus.Link.CONNECTED) {
            return;
        }
        generation++;
        online = false;
        if (System.nanoTime() - connectedAt >= config.backoff().resetAfter().toNanos()) {
            attempt = 0;
        }
        inflight.clear();
        inflightSeqs.clear();
        buffer.clear();
        retryConnect("connection lost: " + describe(l.cause()));
    }

    private void onStateSeen(StateSeen seen) {
        if (link != UplinkStatus.Link.CONNECTED || stopping != null || seen.state().session() == session) {
            return;
        }
        GatewayState state = seen.state();
        if (state.session() > session) {
            problem("the state topic shows session " + state.session() + ", above this connection's " + session
                    + ": is another process running as gateway " + topics.gateway() + "?");
            return;
        }
        if (seen.retained() || !(state instanceof GatewayState.Death)) {
            return; // the state we found on subscribing; our birth, published after it, replaces it
        }
        long now = System.nanoTime();
        if (now - lastRebirth >= REBIRTH_INTERVAL_NANOS) {
            lastRebirth = now;
            LOG.log(Level.INFO, "uplink {0}: stale death of session {1} after our birth; publishing birth {2} again",
                    topics.gateway(), state.session(), session);
            publishBirth();
        }
    }

    /** Drops the connection now, without DISCONNECT (the broker publishes the will). */
    private void dropConnection() {
        online = false;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 1, false);
        } catch (MqttException | RuntimeException e) {
            // the connection is going either way
        }
    }

    private MqttAsyncClient newClient(int gen) {
        try {
            MqttAsyncClient c = new MqttAsyncClient(config.brokerUri(), config.clientId(), new MemoryPersistence());
            c.setCallback(new Callback(gen));
            return c;
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("broker " + config.brokerUri() + ": " + e.getMessage(), e);
        }
    }

    /** Closes a client of an earlier attempt on a thread of its own: a stuck Paho close must not stop the uplink. */
    private void retire(MqttAsyncClient old) {
        if (old == null) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                old.disconnectForcibly(0, 1, false);
            } catch (MqttException | RuntimeException e) {
                // not connected: nothing to drop
            }
            try {
                old.close(true);
            } catch (MqttException | RuntimeException e) {
                // nothing more to release
            }
        }, "anju-uplink-retire");
        closer.setDaemon(true);
        closer.start();
    }

    // ---------------------------------------------------------------- outbox

    private void onWoken() {
        int mask = wakeMask.getAndSet(0);
        if (mask == 0) {
            return;
        }
        fetchWanted = true;
        int highest = Integer.numberOfTrailingZeros(mask);
        if (!buffer.isEmpty() && buffer.peekLast().priority().ordinal() > highest) {
            buffer.clear(); // the new events sort before some queued ones: read the outbox again
        }
    }

    private void startFetch() {
        int limit = inflightSeqs.size() + ackPending.size() + config.drain().fetchSize();
        reading = true;
        fetchWanted = false;
        CompletableFuture<List<UplinkEvent>> f;
        try {
            f = outbox.unacknowledged(limit);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f == null) {
            f = CompletableFuture.failedFuture(new IllegalStateException("the outbox returned no future"));
        }
        f.whenComplete((events, failure) -> signals.add(new Fetched(events, limit, failure)));
    }

    private void onFetched(Fetched f) {
        reading = false;
        // what was acknowledged while this read ran may be in it as unacknowledged: skip it this once
        Set<Long> skip = new HashSet<>(acknowledgedDuringRead);
        acknowledgedDuringRead.clear();
        long now = System.nanoTime();
        nextIdleFetchAt = now + config.idlePoll().toNanos();
        if (f.failure() != null || f.events() == null) {
            problem("outbox read failed: " + describe(f.failure()));
            readRetryAt = now + config.idlePoll().toNanos();
            fetchWanted = true;
            return;
        }
        List<UplinkEvent> events = f.events();
        boolean complete = events.size() < f.limit();
        lastFetchFull = !complete;
        buffer.clear();
        long min = Long.MAX_VALUE;
        for (UplinkEvent e : events) {
            if (e == null || e.seq() < 1) {
                if (e != null) {
                    LOG.log(Level.ERROR, "outbox event with seq {0} cannot be sent (seq must be positive)", e.seq());
                }
                continue;
            }
            min = Math.min(min, e.seq());
            maxSeqSeen = Math.max(maxSeqSeen, e.seq());
            if (!inflightSeqs.contains(e.seq()) && !ackPending.contains(e.seq()) && !skip.contains(e.seq())) {
                buffer.add(e);
            }
        }
        if (complete) {
            long candidate = min != Long.MAX_VALUE ? min : maxSeqSeen + 1;
            if (maxSeqSeen > 0) {
                floor = Math.max(floor, candidate);
            }
        }
    }

    private void startAcknowledge() {
        List<Long> seqs = List.copyOf(ackQueue);
        ackQueue.clear();
        acknowledging = true;
        CompletableFuture<?> f;
        try {
            f = outbox.acknowledge(seqs);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f == null) {
            f = CompletableFuture.failedFuture(new IllegalStateException("the outbox returned no future"));
        }
        f.whenComplete((ignored, failure) -> signals.add(new Acknowledged(seqs, failure)));
    }

    private void onAcknowledged(Acknowledged a) {
        acknowledging = false;
        if (a.failure() != null) {
            problem("outbox acknowledge failed (will retry): " + describe(a.failure()));
            ackQueue.addAll(0, a.seqs());
            ackRetryAt = System.nanoTime() + config.idlePoll().toNanos();
            return;
        }
        if (reading) {
            acknowledgedDuringRead.addAll(a.seqs());
        }
        for (Long seq : a.seqs()) {
            if (ackPending.remove(seq)) {
                acknowledged++;
            }
        }
    }

    // ---------------------------------------------------------------- publishing

    /** Publishes the next batch from the buffer; false when the rate limit says wait. */
    private boolean publishNext() {
        DrainSettings drain = config.drain();
        int n = Math.min(BatchPlanner.nextBatch(buffer, drain.maxBatchEvents(), drain.maxBatchBytes()),
                bucket.capacity());
        if (bucket.available() < n) {
            rateWaitUntil = System.nanoTime() + bucket.nanosUntil(n);
            return false;
        }
        List<EventBatch.Event> events = new ArrayList<>(n);
        List<Long> seqs = new ArrayList<>(n);
        Iterator<UplinkEvent> it = buffer.iterator();
        for (int i = 0; i < n; i++) {
            UplinkEvent e = it.next();
            events.add(EventBatch.Event.fromOutbox(e.seq(), e.timestampMillis(), e.priority(), e.type(), e.payload()));
            seqs.add(e.seq());
        }
        EventBatch batch;
        byte[] payload;
        try {
            batch = EventBatch.of(topics, session, floor, clock.millis(), events);
            payload = ContractJson.encode(batch);
        } catch (RuntimeException e) {
            // a bug somewhere (the outbox out of order, a payload the check let through): the first
            // event goes alone as a contract violation, which always writes; the rest follow
            UplinkEvent first = buffer.peek();
            LOG.log(Level.ERROR, "events from seq {0} cannot go as one batch ({1}); sending seq {0} as {2}",
                    first.seq(), e.getMessage(), EventBatch.Event.VIOLATION);
            events = List.of(EventBatch.Event.violation(first.seq(), first.timestampMillis(), first.priority(),
                    first.type(), first.payload()));
            seqs = List.of(first.seq());
            n = 1;
            batch = EventBatch.of(topics, session, floor, clock.millis(), events);
            payload = ContractJson.encode(batch);
        }
        for (int i = 0; i < n; i++) {
            buffer.poll();
        }
        bucket.take(n);
        Batch sent = new Batch(++batchIds, List.copyOf(seqs), System.nanoTime());
        inflight.put(sent.id(), sent);
        inflightSeqs.addAll(sent.seqs());
        published += n;
        int gen = generation;
        try {
            client.publish(topics.topic(batch.stream()), payload, 1, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    signals.add(new Published(gen, sent, null));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    signals.add(new Published(gen, sent, failure == null ? new MqttException(0) : failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            onPublished(new Published(gen, sent, e));
        }
        return true;
    }

    private void onPublished(Published p) {
        if (p.generation() == generation) {
            Batch batch = inflight.remove(p.batch().id());
            if (batch == null) {
                return;
            }
            inflightSeqs.removeAll(batch.seqs());
            if (p.failure() != null) {
                // still connected but this batch failed: read the outbox again so order is kept
                problem("publish failed: " + describe(p.failure()));
                buffer.clear();
                fetchWanted = true;
                return;
            }
        } else if (p.failure() != null) {
            return; // a batch of a connection already given up: it will be read from the outbox again
        }
        for (Long seq : p.batch().seqs()) {
            if (ackPending.add(seq)) {
                ackQueue.add(seq);
            }
        }
    }

    private void sendReply(CommandReply reply) {
        MqttAsyncClient c = client;
        if (!online || c == null) {
            LOG.log(Level.INFO, "reply to command {0} ({1}) dropped: not connected", reply.requestId(), reply.result());
            return;
        }
        try {
            c.publish(topics.replies(), ContractJson.encode(reply), 1, false);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.WARNING, "reply to command {0} not sent: {1}", reply.requestId(), describe(e));
        }
    }

    // ---------------------------------------------------------------- stopping

    private void onStop(Stop s) {
        if (!s.graceful()) {
            LOG.log(Level.WARNING, "uplink {0}: aborted", topics.gateway());
            forceDown();
            running = false;
            s.done().complete(null);
            return;
        }
        if (stopping == null) {
            stopping = s;
            stopDeadline = System.nanoTime() + config.closeTimeout().toNanos();
            buffer.clear();
        } else {
            s.done().complete(null);
        }
    }

    private boolean readyToFinish(long now) {
        boolean drained = inflight.isEmpty() || link != UplinkStatus.Link.CONNECTED || now >= stopDeadline;
        // a read still out does not matter any more; an acknowledgement out or waiting does
        boolean acknowledged = ackQueue.isEmpty() && !acknowledging;
        return drained && acknowledged || now >= stopDeadline + MAX_WAIT_NANOS * 2;
    }

    private void finish() {
        MqttAsyncClient c = client;
        if (link == UplinkStatus.Link.CONNECTED && c != null) {
            try {
                IMqttDeliveryToken death = c.publish(topics.state(),
                        ContractJson.encode(GatewayState.Death.of(topics, session, GatewayState.Cause.SHUTDOWN)), 1, true);
                death.waitForCompletion(2_000);
            } catch (MqttException e) {
                LOG.log(Level.WARNING, "uplink {0}: shutdown state not published: {1}", topics.gateway(), describe(e));
            }
            try {
                c.disconnect(0).waitForCompletion(2_000);
            } catch (MqttException e) {
                // closing anyway
            }
        }
        online = false;
        retire(c);
        link = UplinkStatus.Link.STOPPED;
        running = false;
        stopping.done().complete(null);
        LOG.log(Level.INFO, "uplink {0}: closed", topics.gateway());
    }

    /**
     * A bug in the uplink must not end it: drop the connection and what is in flight (the outbox
     * still has all of it) and start over with backoff, so a recurring fault cannot spin.
     */
    private void recover(RuntimeException bug) {
        LOG.log(Level.ERROR, "uplink " + topics.gateway() + ": internal error; reconnecting, the outbox keeps every"
                + " unsent event", bug);
        if (stopping != null) {
            forceDown();
            running = false;
            stopping.done().complete(null);
            return;
        }
        generation++;
        retire(client);
        client = null;
        online = false;
        inflight.clear();
        inflightSeqs.clear();
        buffer.clear();
        fetchWanted = true;
        retryConnect("internal error: " + bug);
    }

    private void forceDown() {
        generation++;
        dropConnection();
        retire(client);
        link = UplinkStatus.Link.STOPPED;
    }

    // ---------------------------------------------------------------- helpers

    private void problem(String what) {
        lastProblem = what;
    }

    private UplinkStatus snapshot() {
        return new UplinkStatus(link, session, connects, inflightSeqs.size(), published, acknowledged, floor, lastProblem);
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "connection closed";
        }
        if (t instanceof MqttException m) {
            String cause = m.getCause() == null ? "" : " (" + m.getCause().getMessage() + ")";
            return m.getMessage() + " [" + m.getReasonCode() + "]" + cause;
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Paho's callbacks for the client of one attempt: they only post signals or hand payloads on. */
    private final class Callback implements MqttCallback {
        private final int gen;

        Callback(int gen) {
            this.gen = gen;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (gen == generation) {
                online = false;
            }
            signals.add(new Lost(gen, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commands != null && topic.equals(topics.commands())) {
                commands.accept(message.getPayload());
            } else if (topic.equals(topics.state())) {
                Decoded<GatewayState> state = ContractJson.decode(message.getPayload(), GatewayState.class);
                if (state instanceof Decoded.Ok<GatewayState> ok) {
                    signals.add(new StateSeen(ok.value(), message.isRetained()));
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publishes are followed through their own listeners
        }
    }
}
