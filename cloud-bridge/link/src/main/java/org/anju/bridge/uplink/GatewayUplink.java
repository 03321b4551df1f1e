package org.anju.bridge.uplink;

import java.lang.System.Logger.Level;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.anju.bridge.command.CommandChannel;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.mqtt.TlsSettings;

/**
 * The gateway end of the MQTT link: drains the durable outbox to the broker until the park
 * confirms it, and delivers signed commands to the agent.
 *
 * <p>One thread ({@code anju-uplink}) runs it; the MQTT client's callbacks and the outbox's
 * futures only post signals to it. What to read, publish and record is decided by
 * {@link DrainBook} (pure, with this thread's time); when to connect by {@link Reconnect}; birth
 * and death by {@link Presence}; receipts are checked by {@link ReceiptCheck}; the gateway's status is read
 * from a {@link StatusSource} and published when {@link StatusReports} says. Everything the
 * gateway publishes is signed with its own key ({@link SignedJson#GATEWAY}).
 *
 * <p>MQTT 5, clean start, no session kept: reconnects follow {@link Backoff}. Each attempt takes a
 * new session number; a retained signed death is the will and a signed birth follows the connect.
 * The broker's PUBACK reason codes are read: a refused batch (not authorized) is a problem shown
 * with its topic and user, and is read again after a pause; an event is delivered only when the
 * park's receipt names it.
 *
 * <p>{@link #wake}, {@link #status} and starting never block. {@link #close()} waits up to the
 * close timeout for batches in flight and confirmed events to be recorded, publishes a
 * {@code SHUTDOWN} death and disconnects; {@link #abort()} drops the connection the way a crash
 * does (the broker publishes the will).
 */
public final class GatewayUplink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GatewayUplink.class.getName());
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Replies matter for seconds; the broker need not keep one longer for an absent park. */
    private static final long REPLY_EXPIRY_SECONDS = 60;

    public static Builder builder(UplinkConfig config) {
        return new Builder(config);
    }

    /** Builds an uplink; {@code outbox}, {@code sessions} and {@code identity} are required. */
    public static final class Builder {
        final UplinkConfig config;
        OutboxSource outbox;
        SessionSequence sessions;
        KeyPair identity;
        Map<String, PublicKey> parkKeys = Map.of();
        LongSupplier rosterVersion = () -> 0;
        CommandChannel commands;
        Clock clock = Clock.systemUTC();
        LongSupplier ticker = System::nanoTime;
        RandomGenerator random = RandomGenerator.getDefault();
        Map<String, String> environment = System.getenv();
        MqttConnector connector = new Paho5();
        StatusSource status;
        java.time.Duration statusEvery;
        String configVersion;

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

        /** The gateway's own Ed25519 key pair: it signs what the gateway publishes. */
        public Builder identity(KeyPair identity) {
            this.identity = identity;
            return this;
        }

        /** The park's keys by key id (the site's {@code park.commandKeys}): receipts must be signed by one. */
        public Builder parkKeys(Map<String, PublicKey> parkKeys) {
            this.parkKeys = Map.copyOf(parkKeys);
            return this;
        }

        /** The roster version the gateway holds, for the birth message; called on the uplink thread. */
        public Builder rosterVersion(LongSupplier rosterVersion) {
            this.rosterVersion = rosterVersion;
            return this;
        }

        /** Deliver commands through {@code channel}; without it, commands are not taken. */
        public Builder commands(CommandChannel channel) {
            this.commands = channel;
            return this;
        }

        /** The wall clock, for {@code sentAt} and the birth's {@code ts}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The monotonic time in nanoseconds every wait and timeout is measured on. */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = ticker;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** Where {@link CredentialSource.PasswordVariable} looks; the process environment unless replaced. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder connector(MqttConnector connector) {
            this.connector = connector;
            return this;
        }

        /**
         * Publish the gateway's status ({@link org.anju.bridge.contract.GatewayStatus}) from {@code source}:
         * shortly after each birth, every {@code every} (1 s to an hour) and soon after {@link GatewayUplink#statusChanged()}.
         * Without it, no status is published.
         */
        public Builder status(StatusSource source, java.time.Duration every) {
            this.status = Objects.requireNonNull(source, "source");
            this.statusEvery = Objects.requireNonNull(every, "every");
            return this;
        }

        /** The configuration the gateway runs ({@code sha256:...} of its site file), for its birth; null if unknown. */
        public Builder configVersion(String configVersion) {
            this.configVersion = configVersion;
            return this;
        }

        /**
         * Starts the uplink thread and returns at once; the first connection attempt follows after a
         * random part of the first backoff window. Settings that can never work are an
         * {@link IllegalArgumentException} here; everything else (no broker, bad credentials, broken
         * TLS files) is retried and shown in {@link GatewayUplink#status()}.
         */
        public GatewayUplink start() {
            Objects.requireNonNull(outbox, "an outbox source is required");
            Objects.requireNonNull(sessions, "a session sequence is required");
            Objects.requireNonNull(identity, "the gateway's key pair is required: it signs what the gateway publishes");
            if (config.brokerUri().startsWith("ssl://") && config.tls() == null) {
                throw new IllegalArgumentException("an ssl:// broker needs TLS settings (TlsSettings with a CA file, or null for the JVM's CA certificates)");
            }
            if (configVersion != null && !GatewayStatus.CONFIG_PATTERN.matcher(configVersion).matches()) {
                throw new IllegalArgumentException("the configuration version must be sha256: and 64 hex digits, not "
                        + configVersion);
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

    private record Connected(int generation, MqttSession session) implements Signal {
    }

    private record ConnectFailed(int generation, String reason) implements Signal {
    }

    private record Lost(int generation, String reason) implements Signal {
    }

    private record Published(int generation, long batchId, String topic, Outcome outcome, Throwable failure)
            implements Signal {
    }

    private record Fetched(List<UplinkEvent> events, int limit, Throwable failure) implements Signal {
    }

    private record Recorded(List<Long> seqs, Throwable failure) implements Signal {
    }

    private record Woken() implements Signal {
    }

    private record StateSeen(byte[] payload, boolean retained) implements Signal {
    }

    /** A receipt, its signature already checked on the MQTT client's thread (Ed25519 is slow enough to matter). */
    private record ReceiptSeen(ReceiptCheck.Result result) implements Signal {
    }

    private record Stop(boolean graceful, CompletableFuture<Void> done) implements Signal {
    }

    /** The status's figures were read (or could not be), for the connection of {@code generation}. */
    private record StatusRead(int generation, GatewayStatus.Figures figures, Throwable failure) implements Signal {
    }

    private record StatusChanged() implements Signal {
    }

    /** The broker refused a message that is not a batch (the birth): shown like a refused batch. */
    private record StateRefused(String topic, Outcome outcome) implements Signal {
    }

    private static final Woken WOKEN = new Woken();
    private static final StatusChanged STATUS_CHANGED = new StatusChanged();

    private final UplinkConfig config;
    private final Topics topics;
    private final OutboxSource outbox;
    private final SessionSequence sessions;
    private final LongSupplier rosterVersion;
    private final CommandChannel commands;
    private final Clock clock;
    private final LongSupplier ticker;
    private final Map<String, String> environment;
    private final MqttConnector connector;
    private final KeyPair identity;
    private final Presence presence;
    private final StatusSource statusSource;
    /** Owned by the uplink thread; null without a status source. */
    private final StatusReports statusReports;
    private final ReceiptCheck receipts;
    private final DrainBook book;
    private final Reconnect reconnect;
    private final BrokerProblems problems = new BrokerProblems();
    private final Thread thread;

    private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicInteger wakeMask = new AtomicInteger();
    private volatile int generation;
    /** The live connection, for replies from the command thread; null while down. */
    private volatile MqttSession online;
    private volatile UplinkStatus status;

    // owned by the uplink thread
    private UplinkStatus.Link link = UplinkStatus.Link.WAITING;
    private MqttSession session;
    private long connectStartedAt;
    private long sessionNumber;
    private long connects;
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
        this.ticker = b.ticker;
        this.environment = b.environment;
        this.connector = b.connector;
        this.identity = b.identity;
        this.presence = new Presence(topics, config.software(), b.configVersion, identity.getPrivate(), identity.getPublic());
        this.statusSource = b.status;
        this.statusReports = b.status == null ? null : new StatusReports(b.statusEvery);
        this.receipts = new ReceiptCheck(topics, b.parkKeys);
        long now = ticker.getAsLong();
        UplinkConfig.Delivery d = config.delivery();
        this.book = new DrainBook(config.drain(), config.ackTimeout().toNanos(), d.resendAfter().toNanos(),
                d.alarmFirstResend().toNanos(), config.idlePoll().toNanos(), d.refusalPause().toNanos(), now);
        this.reconnect = new Reconnect(config.backoff(), b.random, now);
        if (!receipts.canCheck()) {
            problems.note("no park key to check receipts with (park.commandKeys is empty): nothing can count as delivered");
        }
        if (commands != null) {
            commands.replyTo(new ReplySender(topics, identity.getPrivate(), () -> online, REPLY_EXPIRY_SECONDS));
        }
        this.thread = new Thread(this::run, "anju-uplink");
        this.thread.setDaemon(true);
        this.status = snapshot(now);
    }

    /** New events are in the outbox; returns at once. Higher priorities than those queued go first. */
    public void wake(Priority priority) {
        int bit = 1 << priority.ordinal();
        if (wakeMask.getAndUpdate(m -> m | bit) == 0) {
            signals.offer(WOKEN);
        }
    }

    public void wake() {
        wake(Priority.ALARM);
    }

    /** Something the status shows changed (a bus or device went down or came back): publish it soon; returns at once. */
    public void statusChanged() {
        if (statusReports != null) {
            signals.offer(STATUS_CHANGED);
        }
    }

    public UplinkStatus status() {
        return status;
    }

    /** Sends what is in flight and records what the park confirmed (up to the close timeout), then a SHUTDOWN death. */
    @Override
    public void close() {
        stop(true);
    }

    /** Stops the way a crash does: no DISCONNECT (the broker publishes the will), nothing more recorded. */
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
                long now = ticker.getAsLong();
                Signal s = signals.poll(waitNanos(now), TimeUnit.NANOSECONDS);
                try {
                    while (s != null && running) {
                        handle(s, ticker.getAsLong());
                        s = signals.poll();
                    }
                    if (running) {
                        step(ticker.getAsLong());
                    }
                } catch (RuntimeException bug) {
                    recover(bug);
                }
                status = snapshot(ticker.getAsLong());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceDown();
        } catch (Error e) {
            LOG.log(Level.ERROR, "uplink thread failed; the outbox keeps every undelivered event", e);
            forceDown();
            throw e;
        } finally {
            online = null;
            link = UplinkStatus.Link.STOPPED;
            status = snapshot(ticker.getAsLong());
            for (Signal s : signals) {
                if (s instanceof Stop stop) {
                    stop.done().complete(null);
                }
            }
        }
    }

    private void handle(Signal s, long now) {
        if (s instanceof Woken) {
            int mask = wakeMask.getAndSet(0);
            if (mask != 0) {
                book.woken(Integer.numberOfTrailingZeros(mask));
            }
        } else if (s instanceof Published p) {
            onPublished(p, now);
        } else if (s instanceof Fetched f) {
            if (f.failure() != null || f.events() == null) {
                problems.note("outbox read failed: " + Paho5.describe(f.failure()));
                book.fetchFailed(now);
            } else {
                book.fetched(f.events(), f.limit(), now);
            }
        } else if (s instanceof Recorded r) {
            if (r.failure() != null) {
                problems.note("outbox could not record deliveries (will retry): " + Paho5.describe(r.failure()));
                book.recordFailed(r.seqs(), now);
            } else {
                book.recorded(r.seqs());
            }
        } else if (s instanceof ReceiptSeen r) {
            onReceipt(r, now);
        } else if (s instanceof Connected c) {
            onConnected(c, now);
        } else if (s instanceof ConnectFailed f) {
            if (f.generation() == generation && link == UplinkStatus.Link.CONNECTING) {
                retryConnect(f.reason(), now);
            }
        } else if (s instanceof Lost l) {
            onLost(l, now);
        } else if (s instanceof StateSeen seen) {
            onStateSeen(seen, now);
        } else if (s instanceof Stop stop) {
            onStop(stop, now);
        } else if (s instanceof StatusRead r) {
            onStatusRead(r, now);
        } else if (s instanceof StatusChanged) {
            if (statusReports != null) {
                statusReports.changed(now);
            }
        } else if (s instanceof StateRefused r) {
            problems.refusedPublish(topics.gateway(), r.topic(), problems.user(config.credentials(), environment), r.outcome());
        }
    }

    private void step(long now) {
        if (stopping != null && (book.settled() || link != UplinkStatus.Link.CONNECTED) || stopping != null && now >= stopDeadline) {
            finish();
            return;
        }
        if (stopping == null && link == UplinkStatus.Link.WAITING && reconnect.due(now)) {
            startConnect(now);
        }
        if (link == UplinkStatus.Link.CONNECTING && now - connectStartedAt > 2 * config.connectTimeout().toNanos()) {
            abandonSession();
            retryConnect("no answer to CONNECT within " + config.connectTimeout().toSeconds() + " s", now);
        }
        if (book.stuck(now)) {
            onLost(new Lost(generation, "no PUBACK for " + config.ackTimeout().toSeconds() + " s"), now);
        }
        if (statusReports != null && stopping == null && statusReports.due(now)) {
            readStatus();
        }
        for (DrainBook.Step step : book.next(now)) {
            if (step instanceof DrainBook.Fetch f) {
                fetch(f.limit());
            } else if (step instanceof DrainBook.Record r) {
                record(r.seqs());
            } else if (step instanceof DrainBook.Publish p) {
                publish(p);
            }
        }
    }

    private long waitNanos(long now) {
        long at = book.wakeAt(now);
        if (link == UplinkStatus.Link.WAITING) {
            at = Math.min(at, reconnect.nextAt());
        }
        if (statusReports != null) {
            at = Math.min(at, statusReports.wakeAt());
        }
        long wait = Math.min(MAX_WAIT_NANOS, at - now);
        if (stopping != null) {
            wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20));
        }
        return Math.max(0, wait);
    }

    // ---------------------------------------------------------------- connection

    private void startConnect(long now) {
        int gen = ++generation;
        link = UplinkStatus.Link.CONNECTING;
        connectStartedAt = now;
        try {
            sessionNumber = sessions.next();
        } catch (Exception e) {
            retryConnect("cannot take the next session number: " + e.getMessage(), now);
            return;
        }
        ConnectSpec spec;
        try {
            spec = new ConnectSpec(config.brokerUri(), config.clientId(), config.credentials(), config.tls(), true, 0,
                    (int) config.keepAlive().toSeconds(), (int) config.connectTimeout().toSeconds(), 100,
                    new ConnectSpec.Will(topics.state(), presence.death(sessionNumber, GatewayState.Cause.LOST), true),
                    false, environment);
        } catch (IllegalArgumentException e) {
            retryConnect(e.getMessage(), now);
            return;
        }
        connector.connect(spec, new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
                onMessage(topic, payload, retained);
            }

            @Override
            public void lost(String reason) {
                if (gen == generation) {
                    online = null;
                }
                signals.add(new Lost(gen, reason));
            }
        }).whenComplete((s, failure) -> signals.add(failure == null ? new Connected(gen, s)
                : new ConnectFailed(gen, failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause().getMessage() : failure.getMessage())));
    }

    private void retryConnect(String why, long now) {
        problems.note(why);
        link = UplinkStatus.Link.WAITING;
        Level level = reconnect.firstFailure() ? Level.WARNING : Level.INFO;
        long delay = reconnect.failed(now);
        LOG.log(level, "uplink {0}: {1}; next attempt in {2} ms", topics.gateway(), why, delay);
    }

    private void onConnected(Connected c, long now) {
        if (c.generation() != generation || link != UplinkStatus.Link.CONNECTING) {
            c.session().drop(); // an attempt already given up on
            return;
        }
        session = c.session();
        online = session;
        link = UplinkStatus.Link.CONNECTED;
        reconnect.connected(now);
        connects++;
        problems.connected();
        book.connected(now);
        LOG.log(Level.INFO, "uplink {0}: connected to {1}, session {2}", topics.gateway(), config.brokerUri(), sessionNumber);
        subscribe();
        publishBirth();
        if (statusReports != null) {
            statusReports.connected(now);
        }
        if (stopping != null) {
            stopDeadline = Math.min(stopDeadline, now);
        }
    }

    private void subscribe() {
        List<String> filters = List.of(topics.state(), topics.commands());
        String user = problems.user(config.credentials(), environment);
        session.subscribe(filters).whenComplete((outcomes, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "uplink {0}: subscribe failed: {1}", topics.gateway(), Paho5.describe(failure));
                return;
            }
            for (int i = 0; i < outcomes.size(); i++) {
                if (!outcomes.get(i).accepted()) {
                    problems.refusedSubscription(filters.get(i), user, outcomes.get(i));
                }
            }
        });
    }

    private void publishBirth() {
        long roster;
        try {
            roster = Math.max(0, rosterVersion.getAsLong());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "roster version unavailable for the birth message; sending 0", e);
            roster = 0;
        }
        session.publish(topics.state(), presence.birth(sessionNumber, clock.millis(), roster), true, 0)
                .thenAccept(outcome -> {
                    if (!outcome.accepted()) {
                        signals.add(new StateRefused(topics.state(), outcome));
                    }
                });
    }

    private void onLost(Lost l, long now) {
        if (l.generation() != generation || link != UplinkStatus.Link.CONNECTED) {
            return;
        }
        abandonSession();
        book.disconnected();
        retryConnect("connection lost: " + l.reason(), now);
    }

    private void abandonSession() {
        generation++;
        online = null;
        if (statusReports != null) {
            statusReports.disconnected();
        }
        if (session != null) {
            session.drop();
            session = null;
        }
    }

    private void onMessage(String topic, byte[] payload, boolean retained) {
        if (topic.equals(topics.commands())) {
            if (ReceiptCheck.isReceipt(payload)) {
                signals.add(new ReceiptSeen(receipts.check(payload)));
            } else if (commands != null) {
                commands.accept(payload);
            }
        } else if (topic.equals(topics.state())) {
            signals.add(new StateSeen(payload, retained));
        }
    }

    private void onStateSeen(StateSeen seen, long now) {
        if (link != UplinkStatus.Link.CONNECTED || stopping != null) {
            return;
        }
        Presence.Seen what = presence.seen(seen.payload(), seen.retained(), sessionNumber, now);
        if (what instanceof Presence.Seen.Impostor impostor) {
            problems.note(impostor.problem());
        } else if (what instanceof Presence.Seen.Rebirth) {
            LOG.log(Level.INFO, "uplink {0}: stale death after our birth; publishing birth {1} again",
                    topics.gateway(), sessionNumber);
            publishBirth();
        }
    }

    private void onReceipt(ReceiptSeen r, long now) {
        ReceiptCheck.Result result = r.result();
        if (result instanceof ReceiptCheck.Result.Valid valid) {
            book.receipt(valid.receipt(), now);
        } else {
            String reason = ((ReceiptCheck.Result.Refused) result).reason();
            problems.note("a receipt was refused: " + reason);
            LOG.log(Level.WARNING, "uplink {0}: receipt refused: {1}", topics.gateway(), reason);
        }
    }

    // ---------------------------------------------------------------- status

    private void readStatus() {
        int gen = generation;
        call(statusSource::read).whenComplete((figures, failure) -> signals.add(new StatusRead(gen, figures, failure)));
    }

    /** Publishes the figures just read as the next status of this connection, retained and expiring. */
    private void onStatusRead(StatusRead r, long now) {
        if (r.failure() != null || r.figures() == null) {
            statusReports.readFailed(now);
            LOG.log(Level.WARNING, "uplink {0}: status not read (tried again shortly): {1}", topics.gateway(),
                    r.failure() == null ? "no figures" : Paho5.describe(r.failure()));
            return;
        }
        long report = statusReports.read(now);
        if (report == 0 || r.generation() != generation || link != UplinkStatus.Link.CONNECTED || session == null) {
            return; // read for a connection that is gone: the next one sends its own first thing
        }
        byte[] payload;
        try {
            payload = SignedJson.sign(SignedJson.GATEWAY, GatewayStatus.of(topics, sessionNumber, report, clock.millis(),
                    statusReports.periodSeconds(), config.software(), r.figures()), identity.getPrivate());
        } catch (IllegalArgumentException bug) {
            LOG.log(Level.ERROR, "uplink " + topics.gateway() + ": the status figures break the contract; not sent", bug);
            return;
        }
        session.publish(topics.status(), payload, true, statusReports.expirySeconds()).thenAccept(outcome -> {
            if (!outcome.accepted()) {
                signals.add(new StateRefused(topics.status(), outcome));
            }
        });
    }

    // ---------------------------------------------------------------- outbox and publishing

    private void fetch(int limit) {
        call(() -> outbox.unacknowledged(limit)).whenComplete((events, failure) ->
                signals.add(new Fetched(events, limit, failure)));
    }

    private void record(List<Long> seqs) {
        call(() -> outbox.acknowledge(seqs)).whenComplete((ignored, failure) -> signals.add(new Recorded(seqs, failure)));
    }

    private static <T> CompletableFuture<T> call(java.util.function.Supplier<CompletableFuture<T>> c) {
        try {
            CompletableFuture<T> f = c.get();
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("the outbox returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void publish(DrainBook.Publish p) {
        List<EventBatch.Event> events = new ArrayList<>(p.events().size());
        for (UplinkEvent e : p.events()) {
            events.add(EventBatch.Event.fromOutbox(e.seq(), e.timestampMillis(), e.priority(), e.type(), e.payload()));
        }
        EventBatch batch = EventBatch.of(topics, sessionNumber, book.figures().floor(), clock.millis(), events);
        // signing costs about a millisecond a batch in the JDK; on a second thread it bought nothing on two cores
        byte[] payload = SignedJson.sign(SignedJson.GATEWAY, batch, identity.getPrivate());
        String topic = topics.topic(batch.stream());
        int gen = generation;
        session.publish(topic, payload, false, 0).whenComplete((outcome, failure) ->
                signals.add(new Published(gen, p.batchId(), topic, outcome, failure)));
    }

    private void onPublished(Published p, long now) {
        if (p.generation() != generation) {
            return; // a batch of a connection already given up: the outbox still has it
        }
        if (p.failure() != null) {
            problems.note("publish failed: " + Paho5.describe(p.failure()));
            book.refused(p.batchId(), now);
        } else if (!p.outcome().accepted()) {
            problems.refusedPublish(topics.gateway(), p.topic(), problems.user(config.credentials(), environment), p.outcome());
            book.refused(p.batchId(), now);
        } else {
            problems.accepted();
            if (p.outcome().code() == Outcome.NO_MATCHING_SUBSCRIBERS) {
                problems.nobodySubscribes(p.topic());
            }
            book.published(p.batchId(), now);
        }
    }

    // ---------------------------------------------------------------- stopping

    private void onStop(Stop s, long now) {
        if (!s.graceful()) {
            LOG.log(Level.WARNING, "uplink {0}: aborted", topics.gateway());
            forceDown();
            running = false;
            s.done().complete(null);
            return;
        }
        if (stopping == null) {
            stopping = s;
            stopDeadline = now + config.closeTimeout().toNanos();
            book.stop();
        } else {
            s.done().complete(null);
        }
    }

    private void finish() {
        MqttSession s = session;
        if (link == UplinkStatus.Link.CONNECTED && s != null) {
            try {
                s.publish(topics.state(), presence.death(sessionNumber, GatewayState.Cause.SHUTDOWN), true, 0)
                        .get(2, TimeUnit.SECONDS);
                s.disconnect().get(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.WARNING, "uplink {0}: shutdown state not published: {1}", topics.gateway(), e.getMessage());
                s.drop();
            }
        }
        online = null;
        link = UplinkStatus.Link.STOPPED;
        running = false;
        stopping.done().complete(null);
        LOG.log(Level.INFO, "uplink {0}: closed", topics.gateway());
    }

    /** A bug in the uplink must not end it: drop the connection and start over with backoff. */
    private void recover(RuntimeException bug) {
        LOG.log(Level.ERROR, "uplink " + topics.gateway() + ": internal error; reconnecting, the outbox keeps every"
                + " undelivered event", bug);
        if (stopping != null) {
            forceDown();
            running = false;
            stopping.done().complete(null);
            return;
        }
        abandonSession();
        book.disconnected();
        retryConnect("internal error: " + bug, ticker.getAsLong());
    }

    private void forceDown() {
        abandonSession();
        link = UplinkStatus.Link.STOPPED;
    }

    private UplinkStatus snapshot(long now) {
        DrainBook.Figures f = book.figures();
        long receiptAge = f.lastReceiptAt() < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(now - f.lastReceiptAt());
        boolean silent = book.parkSilentFor(now) >= config.delivery().unconfirmedAlarm().toNanos();
        return new UplinkStatus(link, sessionNumber, connects, f.inflightEvents(), f.published(), f.delivered(), f.floor(),
                problems.last(), f.unconfirmedEvents(), f.refused(), f.resent(), f.parkUpTo(), receiptAge, silent,
                f.refusing() || problems.refusing());
    }
}
