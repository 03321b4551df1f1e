package org.anju.bridge.park.mqtt;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.uplink.Backoff;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.TlsSettings;

/**
 * One of the park bridge's connections to the broker, through the same {@link MqttConnector} as
 * the gateway's uplink. The bridge has two: the <em>bulk</em> connection keeps a persistent session
 * (clean start off, kept by the broker for {@link #SESSION_EXPIRY}, a stable client id), so batches
 * wait at the broker while the bridge restarts; the <em>live</em> one starts clean and carries what a
 * person waits for, so none of it queues behind a backlog. (Kept for ten minutes, the live session
 * also held a restart's door batches, which came back first and slowed the next drain and its alarms
 * more than it helped the one alarm raised while the bridge was away: the park-scale bench, alarm
 * p99 6.6 s beside 2.0 s.) Messages are acknowledged by hand, once
 * the handler's future completes (the store committed): a crash or a failed store before that
 * means the broker sends them again. At most the {@link Intake}'s bound is held unacknowledged; the
 * broker keeps the rest. Reconnects with {@link Backoff}'s jitter while the broker is away, and
 * every connection it gives up on (not answered in time, subscriptions not confirmed, lost) is
 * closed, so no abandoned client lingers to take the session over. A subscription the broker
 * refuses is a reason the bridge is not ready, named with its filter and reason code.
 */
public final class ParkMqtt implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParkMqtt.class.getName());
    /** How long the broker keeps the bulk session (its subscriptions and queued batches) while the bridge is away. */
    public static final Duration SESSION_EXPIRY = Duration.ofDays(2);

    /** What to do with a message; the message is acknowledged when the future completes normally. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<?> handle(String topic, byte[] payload);
    }

    /** One subscription: a topic filter (may be {@code $share/GROUP/...}) and its handler. */
    public record Subscription(String filter, Handler handler) {
    }

    /**
     * @param name       which connection this is, for logs and health ({@code bulk}, {@code live})
     * @param persistent keep the session at the broker while away, for {@link #SESSION_EXPIRY} (the bulk
     *                   connection); else start clean (the live one)
     * @param intake     how much may be held unacknowledged (also sent as the MQTT 5 receive maximum)
     */
    public record Settings(String name, String uri, String clientId, CredentialSource credentials, TlsSettings tls,
                           boolean persistent, Intake intake) {
    }

    /** One connection attempt and what became of it: {@code gone} once given up, so its messages are left alone. */
    private static final class Attempt {
        volatile MqttSession session;
        volatile boolean gone;
    }

    private final Settings settings;
    private final ConnectSpec spec;
    private final MqttConnector connector;
    private final List<Subscription> subscriptions;
    private final ScheduledExecutorService thread;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(1));
    private final RandomGenerator random = RandomGenerator.getDefault();
    private volatile Attempt current;
    private volatile String problem = "not connected yet";
    private volatile boolean closed;
    private final CompletableFuture<Optional<String>> firstAttempt = new CompletableFuture<>();
    private int attempt;
    private long connectedAt;

    public ParkMqtt(Settings settings, List<Subscription> subscriptions, MqttConnector connector) {
        this.settings = settings;
        this.spec = new ConnectSpec(settings.uri(), settings.clientId(), settings.credentials(), settings.tls(),
                !settings.persistent(), settings.persistent() ? SESSION_EXPIRY.toSeconds() : 0, 30, 10,
                Math.min(65_535, settings.intake().limit()), null, true, System.getenv());
        this.connector = connector;
        this.subscriptions = List.copyOf(subscriptions);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "park-mqtt-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects now if the broker is there, and keeps connecting; never blocks. */
    public void start() {
        if (!Paho5.decodesInBulk()) {
            LOG.log(Level.WARNING, "park bridge {0}: Paho's own CountingInputStream was loaded, so every message is copied a byte"
                    + " at a time; put park-link's jar before Paho's on the class path (bin/anju-bridge does)", settings.clientId());
        }
        thread.execute(this::connect);
    }

    /**
     * The first connection attempt's verdict on the broker: a reason the bridge cannot work with it
     * (it does not speak MQTT 5), or empty (connected, or a failure worth retrying: not there yet,
     * wrong password).
     */
    public CompletableFuture<Optional<String>> firstAttempt() {
        return firstAttempt;
    }

    public boolean connected() {
        Attempt a = current;
        return a != null && a.session != null && !a.gone && problem == null;
    }

    /** Why this connection is not up or not subscribed as it must be, named; null when it is. */
    public String problem() {
        return problem;
    }

    public String name() {
        return settings.name();
    }

    /** Messages received and not yet acknowledged, now. */
    public int unacknowledged() {
        return settings.intake().held();
    }

    /** The most messages ever held unacknowledged at once: never above {@link #limit()}. */
    public int peakUnacknowledged() {
        return settings.intake().peak();
    }

    public int limit() {
        return settings.intake().limit();
    }

    /** Publishes at QoS 1; completes with the broker's answer, exceptionally when not connected. */
    public CompletableFuture<Outcome> publish(String topic, byte[] payload, long expirySeconds) {
        Attempt a = current;
        MqttSession s = a == null || a.gone ? null : a.session;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to the broker"));
        }
        return s.publish(topic, payload, false, expirySeconds);
    }

    private void connect() {
        if (closed) {
            return;
        }
        Attempt a = new Attempt();
        current = a;
        CompletableFuture<MqttSession> made = connector.connect(spec, listener(a));
        made.copy().orTimeout(2L * spec.connectTimeoutSeconds(), TimeUnit.SECONDS).whenComplete((s, failure) -> thread.execute(() -> {
            if (failure != null) {
                a.gone = true;
                made.thenAccept(MqttSession::drop); // answered after we gave up: closed, never left behind
                Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                firstAttempt.complete(cause instanceof MqttConnector.Refused r && r.notMqtt5()
                        ? Optional.of(r.getMessage()) : Optional.empty());
                retry(String.valueOf(cause.getMessage()));
                return;
            }
            firstAttempt.complete(Optional.empty());
            if (closed || a.gone) {
                s.drop();
                return;
            }
            a.session = s;
            connectedAt = System.nanoTime();
            subscribe(a, s);
        }));
    }

    private MqttSession.Listener listener(Attempt a) {
        return new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
                deliver(a, topic, payload, ack);
            }

            @Override
            public void lost(String reason) {
                thread.execute(() -> onLost(a, reason));
            }
        };
    }

    private void subscribe(Attempt a, MqttSession s) {
        List<String> filters = subscriptions.stream().map(Subscription::filter).toList();
        s.subscribe(filters).orTimeout(2L * spec.connectTimeoutSeconds(), TimeUnit.SECONDS)
                .whenComplete((outcomes, failure) -> thread.execute(() -> {
                    if (a != current || a.gone) {
                        return;
                    }
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                        onLost(a, "the broker did not confirm the subscriptions: " + cause);
                        return;
                    }
                    String refused = null;
                    for (int i = 0; i < outcomes.size(); i++) {
                        if (!outcomes.get(i).accepted()) {
                            refused = (refused == null ? "" : refused + "; ") + "the broker refused the subscription to "
                                    + filters.get(i) + ": " + outcomes.get(i).describe();
                        }
                    }
                    problem = refused;
                    if (refused != null) {
                        LOG.log(Level.ERROR, "park bridge {0}: {1}", spec.clientId(), refused);
                    } else {
                        LOG.log(Level.INFO, "park bridge {0}: connected to {1}", spec.clientId(), spec.uri());
                    }
                }));
    }

    private void onLost(Attempt a, String reason) {
        if (a != current || a.gone) {
            return;
        }
        a.gone = true;
        MqttSession s = a.session;
        if (s != null) {
            s.drop();
        }
        if (System.nanoTime() - connectedAt >= backoff.resetAfter().toNanos()) {
            attempt = 0;
        }
        retry("connection lost: " + reason);
    }

    private void retry(String why) {
        problem = why;
        if (closed) {
            return;
        }
        long delay = backoff.delayMillis(attempt++, random);
        LOG.log(attempt <= 1 ? Level.WARNING : Level.INFO, "park bridge {0}: {1}; next attempt in {2} ms",
                spec.clientId(), why, delay);
        thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * On the MQTT client's thread: waits for room in the intake (the client then reads no further,
     * and the broker keeps what follows), hands the message to its handler, and acknowledges it
     * when the handler is done. A message of a connection given up on is left alone: the broker
     * sends it again on the next.
     */
    private void deliver(Attempt a, String topic, byte[] payload, Runnable ack) {
        if (a.gone || closed || !settings.intake().take(payload.length, () -> a.gone || closed)) {
            return;
        }
        Handler handler = subscriptions.stream().filter(s -> matches(s.filter(), topic)).map(Subscription::handler)
                .findFirst().orElse(null);
        CompletableFuture<?> done;
        try {
            done = handler == null ? CompletableFuture.completedFuture(null) : handler.handle(topic, payload);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "park bridge: handler failed on " + topic, e);
            done = CompletableFuture.completedFuture(null);
        }
        done.whenComplete((r, e) -> {
            settings.intake().release(payload.length);
            if (e != null) {
                // not stored (the database is away): no acknowledgement, and the broker sends it again
                // from the session once the connection is made again
                LOG.log(Level.WARNING, "park bridge {0}: a message on {1} was not stored ({2}); reconnecting",
                        spec.clientId(), topic, String.valueOf(e));
                thread.execute(() -> onLost(a, "a message could not be stored"));
                return;
            }
            if (!a.gone) {
                ack.run();
            }
        });
    }

    /** MQTT filter matching with + and #; a {@code $share/GROUP/} prefix is the group's, not the topic's. */
    static boolean matches(String filter, String topic) {
        String f = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        String[] fl = f.split("/", -1);
        String[] tl = topic.split("/", -1);
        for (int i = 0; i < fl.length; i++) {
            if (fl[i].equals("#")) {
                return true;
            }
            if (i >= tl.length || (!fl[i].equals("+") && !fl[i].equals(tl[i]))) {
                return false;
            }
        }
        return fl.length == tl.length;
    }

    /** For tests: the connection settings, e.g. to see the session expiry. */
    public Map<String, Object> settings() {
        return Map.of("clientId", spec.clientId(), "cleanStart", spec.cleanStart(),
                "sessionExpirySeconds", spec.sessionExpirySeconds(), "receiveMaximum", spec.receiveMaximum());
    }

    @Override
    public void close() {
        closed = true;
        Attempt a = current;
        MqttSession s = a == null ? null : a.session;
        if (a != null) {
            a.gone = true;
        }
        if (s != null) {
            try {
                s.disconnect().get(3, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                s.drop();
            }
        }
        thread.shutdownNow();
    }
}
